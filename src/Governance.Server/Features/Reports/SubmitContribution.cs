using Governance.Domain.Common;
using Governance.Domain.People;
using Governance.Domain.Reports;
using Governance.Server.Access;
using Governance.Server.Auditing;
using Governance.Server.Features.Tasks;
using Governance.Server.Processes;

namespace Governance.Server.Features.Reports;

public sealed record IndicatorsRequest(
    int? EnterprisesServed, int? JointProjects, int? PatentsTransferred, int? PeopleTrained, int? StudentsInInternships,
    decimal? FundsRaisedTenThousandYuan);

/// <summary>
/// <c>organizationId</c> may be left out when the caller is the liaison of exactly one organization
/// asked to report; every indicator is required (0 when there is nothing to report).
/// </summary>
public sealed record SubmitContributionRequest(Guid? OrganizationId, IndicatorsRequest? Indicators, string? Narrative);

/// <summary>
/// The liaison of a member unit submits (or, until the deadline, revises) its annual contribution.
/// Stored with the liaison's task and the collecting step in one transaction
/// (<see cref="ContributionSubmissions"/>); the audit entry follows right after.
/// </summary>
public sealed class SubmitContributionHandler(
    GetReportHandler reports, TaskAccess tasks, AccessControl access, ContributionSubmissions submissions, AuditTrail audit)
{
    public async Task<ReportResponse> HandleAsync(Guid id, SubmitContributionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var report = await reports.VisibleAsync(id, cancellationToken);
        var organization = await OrganizationAsync(report, request.OrganizationId, cancellationToken);
        await tasks.DemandAsync(organization, new OrganizationRoleRequirement(Role.Liaison),
            "access.liaison-required", "Only the organization's liaison submits its contribution.");
        var me = tasks.Person();
        var indicators = Indicators(request.Indicators);
        var narrative = string.IsNullOrWhiteSpace(request.Narrative)
            ? throw new DomainRuleViolation("report.narrative-required", "narrative describes the year's work.", "narrative")
            : request.Narrative;

        var before = report.Contributions.SingleOrDefault(c => c.OrganizationId == organization);
        await submissions.SubmitAsync(report.Id, organization, me, indicators, narrative, cancellationToken);
        audit.Record(before is null ? "report.contribution" : "report.contribution-change", "AnnualReport", report.Id.ToString(), report.AllianceId,
            organization, $"{report.Year}: {AuditTrail.Change("indicators", before?.Indicators, indicators)}");
        await audit.SaveChangesAsync(cancellationToken);
        return await reports.HandleAsync(id, cancellationToken);
    }

    private async Task<OrganizationId> OrganizationAsync(AnnualReport report, Guid? requested, CancellationToken cancellationToken)
    {
        if (requested is { } given)
        {
            return new OrganizationId(given);
        }

        var mine = (await access.RolesAsync(cancellationToken)).Assignments
            .Where(r => r.Role == Role.Liaison && r.ScopeOrganizationId is { } o && report.ExpectedMembers.Contains(o))
            .Select(r => r.ScopeOrganizationId!.Value)
            .Distinct()
            .ToList();
        return mine.Count == 1
            ? mine[0]
            : throw new DomainRuleViolation("report.organizationId-required", "organizationId names the organization the contribution is for.", "organizationId");
    }

    private static ContributionIndicators Indicators(IndicatorsRequest? request)
    {
        if (request is null)
        {
            throw new DomainRuleViolation("report.indicators-required", "indicators are required.", "indicators");
        }

        static T Required<T>(T? value, string field)
            where T : struct =>
            value ?? throw new DomainRuleViolation("report.indicator-required", $"{field} is required (0 when there is nothing to report).", $"indicators.{field}");

        var indicators = new ContributionIndicators(
            Required(request.EnterprisesServed, "enterprisesServed"),
            Required(request.JointProjects, "jointProjects"),
            Required(request.PatentsTransferred, "patentsTransferred"),
            Required(request.PeopleTrained, "peopleTrained"),
            Required(request.StudentsInInternships, "studentsInInternships"),
            Required(request.FundsRaisedTenThousandYuan, "fundsRaisedTenThousandYuan"));
        try
        {
            return indicators.Validated();
        }
        catch (DomainRuleViolation invalid)
        {
            // The domain names the indicator; the request has it under "indicators".
            throw new DomainRuleViolation(invalid.Code, invalid.Message, $"indicators.{invalid.Field}");
        }
    }
}
