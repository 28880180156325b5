using System.Text.Json.Nodes;
using Governance.Domain.Common;
using Governance.Domain.People;
using Governance.Domain.Reports;
using Governance.Domain.Tasks;
using Governance.Server.Features.Email;
using Governance.Server.Persistence;
using Governance.Workflows.Activities;
using Governance.Workflows.Activities.Core;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Processes;

/// <summary>
/// Every current member unit submits its annual contribution by a deadline. Opens the year's report
/// for the members at the time of the step and gives each member's liaison a task; each submission
/// resumes it; it completes when the last member submitted, or at the deadline with the members still
/// missing named (PartiallyCompleted).
/// </summary>
[Activity(
    TypeName,
    Category = "Governance",
    DisplayNameZh = "征集年度材料",
    DisplayNameEn = "Collect submissions",
    Description = "Each member unit's liaison submits its annual contribution by the deadline.",
    Outcomes = ["Completed", "PartiallyCompleted"],
    CanWait = true)]
[ActivityInput("allianceId", "Guid", Required = true)]
[ActivityInput("year", "Int32", Required = true, Description = "The reporting year.")]
[ActivityInput("duration", "TimeSpan", DefaultJson = "\"30.00:00:00\"", Description = "Time until the submission deadline.")]
[ActivityInput("resultVariable", "String", Form = InputForm.Setting, Description = "Variable to receive { reportId, submitted, missing }.")]
[ActivityOutput("result", "Object", Description = "{ reportId, submitted, missing: [organization ids] }")]
public sealed class CollectSubmissionsActivity : IActivity
{
    public const string TypeName = "Governance.CollectSubmissions";

    /// <summary>The bookmark each submission resumes; its key is the report id.</summary>
    public const string SubmissionBookmark = "Governance.Submission";

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return DomainSteps.RunAsync(context, async () =>
        {
            var db = context.Services.GetRequiredService<GovernanceDbContext>();
            var allianceId = new AllianceId(DomainSteps.RequiredGuid(context, "allianceId"));
            var year = context.Input("year")?.GetValue<int>() ?? throw new FormatException("year is empty.");
            var members = (await db.Memberships.AsNoTracking().Where(m => m.AllianceId == allianceId).ToListAsync())
                .Where(m => m.IsCurrentMember)
                .Select(m => m.OrganizationId)
                .ToList();
            if (members.Count == 0)
            {
                return context.Fault($"Alliance {allianceId.Value} has no member units to report.");
            }

            var deadline = context.Now + (context.InputTimeSpan("duration") ?? TimeSpan.FromDays(30));
            var report = new AnnualReport(AnnualReportId.New(), allianceId, year, members, deadline, context.Now);
            db.AnnualReports.Add(report);
            var waitKey = report.Id.Value.ToString();
            var liaisons = (await RoleHolders.OfOrganizationsAsync(db, Role.Liaison, members, context.Now))
                .SelectMany(holders => holders.Value.Select(person => (Organization: holders.Key, Person: person)))
                .ToList();
            var allianceName = await db.Alliances.AsNoTracking().Where(a => a.Id == allianceId).Select(a => a.Name).SingleAsync();
            var names = await db.Organizations.AsNoTracking().Where(o => members.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name);
            var composer = context.Services.GetRequiredService<EmailComposer>();
            foreach (var (organization, person) in liaisons)
            {
                var task = new WorkTask(
                    WorkTaskId.New(), WorkTaskKind.Submit, $"提交{year}年度联盟工作贡献材料", person, allianceId, null, deadline, context.Now);
                task.AttachToWorkflow(context.InstanceId, context.Activity.Id, waitKey);
                db.Tasks.Add(task);
                await composer.ComposeAsync(RecipientSpec.Person(person),
                    new AnnualReportCallEmail(report.Id, year, names.GetValueOrDefault(organization, ""), allianceName, allianceId, deadline));
            }

            Remember(context, report);
            context.Summary = $"report {year} for {members.Count} members, {liaisons.Count} liaison task(s), due {deadline:O}";
            return context.Suspend(
                new BookmarkRequest(SubmissionBookmark, waitKey),
                new BookmarkRequest(DelayActivity.BookmarkKind, Payload: new JsonObject { ["reportId"] = waitKey }, DueAt: deadline));
        });
    }

    public async ValueTask<ActivityResult> ResumeAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var resume = context.Resume!;
        var db = context.Services.GetRequiredService<GovernanceDbContext>();
        var atDeadline = resume.Bookmark.Kind == DelayActivity.BookmarkKind;
        var key = atDeadline ? resume.Bookmark.Payload!["reportId"]!.GetValue<string>() : resume.Bookmark.Key!;
        // Tracked: the submission that resumed the step is in this transaction and must be counted.
        var report = await db.AnnualReports.SingleAsync(r => r.Id == new AnnualReportId(Guid.Parse(key)));
        var missing = report.MissingMembers.ToList();
        Remember(context, report);
        if (!atDeadline && missing.Count > 0)
        {
            context.Summary = $"{report.Contributions.Count} of {report.ExpectedMembers.Count} submitted";
            return context.Suspend(new BookmarkRequest(SubmissionBookmark, key));
        }

        // Filtered in memory: a task completed in this transaction is still open in the database.
        foreach (var open in (await db.Tasks.Where(t => t.WaitKey == key).ToListAsync()).Where(t => t.Status == WorkTaskStatus.Open))
        {
            open.Cancel("年度材料征集已截止", context.Now);
        }

        context.Summary = missing.Count == 0
            ? $"all {report.ExpectedMembers.Count} members submitted"
            : $"deadline: {missing.Count} of {report.ExpectedMembers.Count} members did not submit";
        return context.Complete(missing.Count == 0 ? "Completed" : "PartiallyCompleted");
    }

    private static void Remember(ActivityContext context, AnnualReport report)
    {
        if (context.InputString("resultVariable") is { Length: > 0 } variable)
        {
            context.SetVariable(variable, new JsonObject
            {
                ["reportId"] = report.Id.Value,
                ["submitted"] = report.Contributions.Count,
                ["missing"] = new JsonArray(report.MissingMembers.Select(m => (JsonNode)m.Value).ToArray()),
            });
        }
    }
}
