using Governance.Domain.Common;
using Governance.Domain.Reports;
using Governance.Server.Access;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Alliances;

public sealed record AnnualReportSummaryResponse(
    Guid Id, int Year, AnnualReportStatus Status, DateTimeOffset OpenedAt, DateTimeOffset Deadline, int ExpectedCount, int SubmittedCount,
    IReadOnlyList<string> MissingMembers, ContributionIndicators? Totals, DateTimeOffset? CompiledAt, DateTimeOffset? ApprovedAt, DateTimeOffset? PublishedAt);

/// <summary>The alliance's annual reports (年度报告), newest year first: progress of the submissions and, once compiled, the totals.</summary>
public sealed class ListAllianceAnnualReportsHandler(GovernanceDbContext db, AccessControl access)
{
    public async Task<IReadOnlyList<AnnualReportSummaryResponse>> HandleAsync(Guid allianceId, CancellationToken cancellationToken)
    {
        if (!await access.CanSeeAllianceAsync(new AllianceId(allianceId), cancellationToken)
            || !await db.Alliances.AnyAsync(a => a.Id == new AllianceId(allianceId), cancellationToken))
        {
            throw new NotFoundException("Alliance", allianceId);
        }

        var reports = await db.AnnualReports.AsNoTracking().Where(r => r.AllianceId == new AllianceId(allianceId)).ToListAsync(cancellationToken);
        var units = await AllianceNames.OrganizationsAsync(db, reports.SelectMany(r => r.MissingMembers), cancellationToken);
        return reports.OrderByDescending(r => r.Year).Select(r => new AnnualReportSummaryResponse(
            r.Id.Value, r.Year, r.Status, r.OpenedAt, r.Deadline, r.ExpectedMembers.Count, r.Contributions.Count,
            r.MissingMembers.Select(m => units.Of(m.Value) ?? m.Value.ToString()).ToList(),
            r.Totals, r.CompiledAt, r.ApprovedAt, r.PublishedAt)).ToList();
    }
}
