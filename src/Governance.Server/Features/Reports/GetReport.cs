using Governance.Domain.Common;
using Governance.Domain.People;
using Governance.Domain.Reports;
using Governance.Server.Access;
using Governance.Server.Errors;
using Governance.Server.Features.Tasks;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Reports;

public sealed record IndicatorsResponse(
    int EnterprisesServed, int JointProjects, int PatentsTransferred, int PeopleTrained, int StudentsInInternships, decimal FundsRaisedTenThousandYuan)
{
    public static IndicatorsResponse From(ContributionIndicators i) =>
        new(i.EnterprisesServed, i.JointProjects, i.PatentsTransferred, i.PeopleTrained, i.StudentsInInternships, i.FundsRaisedTenThousandYuan);
}

public sealed record ReportMemberResponse(OrganizationReference Organization, bool Submitted, DateTimeOffset? SubmittedAt);

public sealed record ContributionResponse(
    OrganizationReference Organization, PersonReference SubmittedBy, DateTimeOffset SubmittedAt, IndicatorsResponse Indicators, string Narrative);

/// <summary>
/// An annual report: who is asked, who submitted, the contributions, and the totals — the compiled
/// ones (<c>totalsCompiled</c> true) once the secretariat compiled it, until then the sum of what was
/// submitted so far. A member unit's representative sees its own organization's contribution only
/// (and the totals once compiled); the alliance's office, the council, the supervising department and
/// administrators see everything.
/// </summary>
public sealed record ReportResponse(
    Guid Id,
    AllianceReference Alliance,
    int Year,
    AnnualReportStatus Status,
    DateTimeOffset OpenedAt,
    DateTimeOffset Deadline,
    IReadOnlyList<ReportMemberResponse> Members,
    IReadOnlyList<ContributionResponse> Contributions,
    IReadOnlyList<OrganizationReference> Missing,
    IndicatorsResponse? Totals,
    bool TotalsCompiled,
    string? Summary);

public sealed class GetReportHandler(GovernanceDbContext db, AccessControl access)
{
    public async Task<AnnualReport> VisibleAsync(Guid id, CancellationToken cancellationToken)
    {
        var report = await db.AnnualReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == new AnnualReportId(id), cancellationToken);
        return report is not null && await access.CanSeeAllianceAsync(report.AllianceId, cancellationToken)
            ? report
            : throw new NotFoundException("Report", id);
    }

    public async Task<ReportResponse> HandleAsync(Guid id, CancellationToken cancellationToken)
    {
        var report = await VisibleAsync(id, cancellationToken);
        var alliance = await db.Alliances.AsNoTracking().SingleAsync(a => a.Id == report.AllianceId, cancellationToken);
        var roles = await access.RolesAsync(cancellationToken);
        var everything = access.Caller.IsApplication || roles.IsAdministrator
            || roles.HoldsInAlliance(alliance.Id, Role.Chair, Role.Secretariat, Role.CouncilMember, Role.Expert)
            || roles.HoldsInOrganization(alliance.SupervisingDepartmentId, Role.SupervisingOfficer);
        var own = roles.RepresentedOrganizations;
        var contributions = report.Contributions.Where(c => everything || own.Contains(c.OrganizationId)).ToList();

        var organizationIds = report.ExpectedMembers.ToList();
        var organizations = await db.Organizations.AsNoTracking().Where(o => organizationIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var submitterIds = contributions.Select(c => c.SubmittedById).Distinct().ToList();
        var submitters = await db.People.AsNoTracking().Where(p => submitterIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        OrganizationReference Organization(OrganizationId o) => new(o.Value, organizations.GetValueOrDefault(o) ?? "?");

        var submitted = report.Contributions.ToDictionary(c => c.OrganizationId, c => c.SubmittedAt);
        var totals = report.Totals is { } compiled
            ? IndicatorsResponse.From(compiled)
            : everything
                ? IndicatorsResponse.From(report.Contributions.Aggregate(ContributionIndicators.Zero, (sum, c) => sum.Plus(c.Indicators)))
                : null;
        return new ReportResponse(
            report.Id.Value, new AllianceReference(alliance.Id.Value, alliance.Name), report.Year, report.Status, report.OpenedAt, report.Deadline,
            report.ExpectedMembers.Select(m => new ReportMemberResponse(Organization(m), submitted.ContainsKey(m), submitted.TryGetValue(m, out var at) ? at : null))
                .OrderBy(m => m.Organization.Name, StringComparer.Ordinal).ToList(),
            contributions.Select(c => new ContributionResponse(
                    Organization(c.OrganizationId), TaskPresentation.Person(submitters, c.SubmittedById), c.SubmittedAt,
                    IndicatorsResponse.From(c.Indicators), c.Narrative))
                .OrderBy(c => c.Organization.Name, StringComparer.Ordinal).ToList(),
            report.MissingMembers.Select(Organization).OrderBy(o => o.Name, StringComparer.Ordinal).ToList(),
            totals,
            report.Totals is not null,
            report.Summary);
    }
}
