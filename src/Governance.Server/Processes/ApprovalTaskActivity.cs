using System.Text.Json.Nodes;
using Governance.Domain.Alliances;
using Governance.Domain.Common;
using Governance.Domain.People;
using Governance.Domain.Tasks;
using Governance.Server.Features.Email;
using Governance.Server.Persistence;
using Governance.Workflows.Activities;
using Governance.Workflows.Activities.Core;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Processes;

/// <summary>
/// A human decision: a task for every current holder of a role in the alliance (or for one named
/// person); the first holder to act decides for all (the others' tasks are cancelled). Approve, reject
/// (comment required) or return for revision (comment required); a deadline ends it with TimedOut.
/// Return for revision is an outcome like the others: the definition routes it to the revision and back
/// to this same step, which then opens a new round of tasks.
/// </summary>
[Activity(
    TypeName,
    Category = "Governance",
    DisplayNameZh = "审批任务",
    DisplayNameEn = "Approval task",
    Description = "A task for a role in the alliance or a named person: approve, reject or return for revision, with a deadline.",
    Outcomes = ["Approved", "Rejected", "Returned", "TimedOut"],
    CanWait = true)]
[ActivityInput("allianceId", "Guid", Required = true)]
[ActivityInput("role", "String", Form = InputForm.Setting, Description = "Secretariat, Chair, CouncilMember, Expert, SupervisingOfficer or Administrator.")]
[ActivityInput("assigneeId", "Guid", Description = "A named person instead of a role.")]
[ActivityInput("title", "String", Required = true, Description = "What the assignee is asked to decide.")]
[ActivityInput("duration", "TimeSpan", Description = "Time allowed; without it the task has no deadline.")]
[ActivityInput("ccRole", "String", Form = InputForm.Setting, Description = "A role whose holders are copied (抄送).")]
[ActivityInput("resultVariable", "String", Form = InputForm.Setting, Description = "Variable to receive { outcome, comment, actorId, taskId }.")]
[ActivityOutput("result", "Object", Description = "{ outcome, comment, actorId, taskId }")]
public sealed class ApprovalTaskActivity : IActivity
{
    public const string TypeName = "Governance.ApprovalTask";

    /// <summary>The bookmark a decision on one of the round's tasks resumes; its key is the round's wait key.</summary>
    public const string TaskBookmark = "Governance.Task";

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return DomainSteps.RunAsync(context, async () =>
        {
            var db = context.Services.GetRequiredService<GovernanceDbContext>();
            var allianceId = new AllianceId(DomainSteps.RequiredGuid(context, "allianceId"));
            var alliance = await db.Alliances.AsNoTracking().SingleOrDefaultAsync(a => a.Id == allianceId);
            if (alliance is null)
            {
                return context.Fault($"Alliance {allianceId.Value} does not exist.");
            }

            List<PersonId> assignees;
            if (context.InputGuid("assigneeId") is { } named)
            {
                assignees = [new PersonId(named)];
            }
            else if (context.InputString("role") is { Length: > 0 })
            {
                assignees = await RoleHolders.OfAsync(db, alliance, DomainSteps.RequiredEnum<Role>(context, "role"), context.Now);
            }
            else
            {
                return context.Fault("An approval task needs a role or an assignee.");
            }

            if (assignees.Count == 0)
            {
                return context.Fault($"Nobody holds the role {context.InputString("role")} in alliance {alliance.Name} now.");
            }

            var cc = context.InputString("ccRole") is { Length: > 0 }
                ? await RoleHolders.OfAsync(db, alliance, DomainSteps.RequiredEnum<Role>(context, "ccRole"), context.Now)
                : [];
            DateTimeOffset? due = context.InputTimeSpan("duration") is { } duration ? context.Now + duration : null;
            var waitKey = Guid.CreateVersion7().ToString();
            var title = context.InputString("title") ?? string.Empty;
            PersonId? initiator = Guid.TryParse(context.Actor, out var actor) ? new PersonId(actor) : null;
            var initiatorName = initiator is { } i ? await db.People.AsNoTracking().Where(p => p.Id == i).Select(p => p.Name).SingleOrDefaultAsync() : null;
            var composer = context.Services.GetRequiredService<EmailComposer>();
            foreach (var assignee in assignees)
            {
                var task = new WorkTask(WorkTaskId.New(), WorkTaskKind.Approve, title, assignee, allianceId, initiator, due, context.Now, cc);
                task.AttachToWorkflow(context.InstanceId, context.Activity.Id, waitKey);
                db.Tasks.Add(task);
                await composer.ComposeAsync(RecipientSpec.Person(assignee),
                    new TaskAssignedEmail(task.Id, title, alliance.Name, allianceId, due, initiatorName));
            }

            context.Summary = $"{assignees.Count} task(s) for {context.InputString("role") ?? "a named person"}"
                + (due is null ? string.Empty : $", due {due:O}");
            List<BookmarkRequest> waits = [new(TaskBookmark, waitKey)];
            if (due is not null)
            {
                waits.Add(new BookmarkRequest(DelayActivity.BookmarkKind, Payload: new JsonObject { ["waitKey"] = waitKey }, DueAt: due));
            }

            return context.Suspend([.. waits]);
        });
    }

    public async ValueTask<ActivityResult> ResumeAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var resume = context.Resume!;
        var db = context.Services.GetRequiredService<GovernanceDbContext>();
        var timedOut = resume.Bookmark.Kind == DelayActivity.BookmarkKind;
        var waitKey = timedOut ? resume.Bookmark.Payload!["waitKey"]!.GetValue<string>() : resume.Bookmark.Key!;
        var round = await db.Tasks.Where(t => t.WaitKey == waitKey).ToListAsync();
        var decided = round.FirstOrDefault(t => t.Status == WorkTaskStatus.Completed);
        foreach (var open in round.Where(t => t.Status == WorkTaskStatus.Open))
        {
            open.Cancel(timedOut ? "审批期限已过" : "已由他人处理", context.Now);
        }

        var outcome = timedOut || decided is null ? "TimedOut" : OutcomeOf(decided.Outcome);
        if (context.InputString("resultVariable") is { Length: > 0 } variable)
        {
            context.SetVariable(variable, new JsonObject
            {
                ["outcome"] = outcome,
                ["comment"] = decided?.Comment,
                ["actorId"] = decided is { History.Count: > 0 } ? decided.History[^1].ActorId?.Value : null,
                ["taskId"] = decided?.Id.Value,
            });
        }

        context.Summary = decided is null ? outcome : $"{outcome}: {decided.Comment}";
        return context.Complete(outcome);
    }

    private static string OutcomeOf(string? taskOutcome) => taskOutcome switch
    {
        TaskActions.Approve => "Approved",
        TaskActions.Reject => "Rejected",
        TaskActions.Return => "Returned",
        _ => throw new InvalidOperationException($"A task completed with the unknown outcome '{taskOutcome}'."),
    };
}
