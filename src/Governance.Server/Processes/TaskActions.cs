using System.Text.Json.Nodes;
using Governance.Domain.Common;
using Governance.Domain.Tasks;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Governance.Server.WorkflowHosting;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Processes;

/// <summary>
/// What a person does with a task: decide it (approve, reject or return for revision; a comment is
/// required for the last two) or hand it to someone else (转办). A decision on a workflow's task is
/// stored and resumes the waiting step in one transaction, so it is never recorded without moving the
/// process on, nor the other way round.
/// </summary>
public sealed class TaskActions(GovernanceDbContext db, WorkflowRuntime runtime, TimeProvider clock)
{
    public const string Approve = "approve";
    public const string Reject = "reject";
    public const string Return = "return";

    public async Task DecideAsync(WorkTaskId taskId, PersonId actor, string action, string? comment, JsonObject? form, CancellationToken cancellationToken)
    {
        if (action is not (Approve or Reject or Return))
        {
            throw new DomainRuleViolation("task.unknown-action", $"'{action}' is not approve, reject or return.", "action");
        }

        if (action is Reject or Return && string.IsNullOrWhiteSpace(comment))
        {
            throw new DomainRuleViolation("task.comment-required", "A rejection or a return for revision needs a comment.", "comment");
        }

        var task = await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken)
            ?? throw new NotFoundException("Task", taskId.Value);
        EnsureAssignee(task, actor);
        var input = new JsonObject
        {
            ["taskId"] = taskId.Value,
            ["action"] = action,
            ["comment"] = comment,
            ["form"] = form?.DeepClone(),
        };

        // A task outside a workflow has no wait key: then only the task itself is changed.
        await WaitingSteps.ActAsync(db, runtime, ApprovalTaskActivity.TaskBookmark, task.WaitKey, input, actor.Value.ToString(),
            async (context, ct) =>
            {
                var tracked = await context.Tasks.SingleAsync(t => t.Id == taskId, ct);
                EnsureAssignee(tracked, actor);
                tracked.Complete(action, comment, clock.GetUtcNow(), actor);
            }, cancellationToken);
    }

    /// <summary>转办: the task goes to another person; the step keeps waiting for the round.</summary>
    public async Task TransferAsync(WorkTaskId taskId, PersonId actor, PersonId to, string? comment, CancellationToken cancellationToken)
    {
        var task = await db.Tasks.SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken)
            ?? throw new NotFoundException("Task", taskId.Value);
        EnsureAssignee(task, actor);

        if (!await db.People.AnyAsync(p => p.Id == to, cancellationToken))
        {
            throw new DomainRuleViolation("task.unknown-person", "The person to hand the task to does not exist.", "to");
        }

        task.Transfer(to, actor, comment, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    private static void EnsureAssignee(WorkTask task, PersonId actor)
    {
        if (task.AssigneeId != actor)
        {
            throw new DomainRuleViolation("task.not-assignee", "Only the task's assignee can act on it.", "taskId");
        }
    }
}
