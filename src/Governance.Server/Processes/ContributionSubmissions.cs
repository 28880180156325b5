using System.Text.Json.Nodes;
using Governance.Domain.Common;
using Governance.Domain.People;
using Governance.Domain.Reports;
using Governance.Domain.Tasks;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Governance.Server.WorkflowHosting;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Processes;

/// <summary>
/// A liaison submits (or, until the deadline, revises) its organization's annual contribution. The
/// contribution is stored, the liaison's task completed and the collecting step resumed in one
/// transaction.
/// </summary>
public sealed class ContributionSubmissions(GovernanceDbContext db, WorkflowRuntime runtime, TimeProvider clock)
{
    public async Task SubmitAsync(
        AnnualReportId reportId, OrganizationId organization, PersonId liaison, ContributionIndicators indicators, string narrative,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == liaison, cancellationToken)
            ?? throw new NotFoundException("Person", liaison.Value);
        if (!person.Roles.Any(r => r.Role == Role.Liaison && r.ScopeOrganizationId == organization && r.IsActiveAt(now)))
        {
            throw new DomainRuleViolation("report.not-liaison", "Only the organization's liaison submits its contribution.", "organizationId");
        }

        var key = reportId.Value.ToString();
        var input = new JsonObject { ["organizationId"] = organization.Value, ["liaisonId"] = liaison.Value };
        await WaitingSteps.ActAsync(db, runtime, CollectSubmissionsActivity.SubmissionBookmark, key, input, liaison.Value.ToString(), async (context, ct) =>
        {
            var report = await context.AnnualReports.SingleOrDefaultAsync(r => r.Id == reportId, ct)
                ?? throw new NotFoundException("AnnualReport", reportId.Value);
            report.Submit(organization, liaison, indicators, narrative, now);
            var task = await context.Tasks
                .SingleOrDefaultAsync(t => t.WaitKey == key && t.AssigneeId == liaison && t.Status == WorkTaskStatus.Open, ct);
            task?.Complete("submitted", null, now, liaison);
        }, cancellationToken);
    }
}
