using System.Text.Json.Nodes;
using Governance.Domain.Common;
using Governance.Domain.People;
using Governance.Domain.Tasks;
using Governance.Server.Auditing;
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
public sealed class TaskActions(GovernanceDbContext db, WorkflowRuntime runtime, AuditTrail audit, TimeProvider clock)
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
        EnsureDecidable(task);
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

    /// <summary>
    /// 转办: the task goes to another person; the step keeps waiting for the round. Only a decision
    /// (approve / review) is handed on, and only to someone who works in the task's alliance (holds a
    /// role there, supervises it, or administers the platform).
    /// </summary>
    public Task<WorkTask> TransferAsync(WorkTaskId taskId, PersonId actor, PersonId to, string? comment, CancellationToken cancellationToken) =>
        TransferAsync(taskId, actor, to, comment, null, cancellationToken);

    /// <summary>
    /// 转办, with <paramref name="alsoInTransaction"/> adding the caller's own changes (an audit entry,
    /// the new assignee's email) to the same unit of work, saved with the audit chain.
    /// </summary>
    public async Task<WorkTask> TransferAsync(
        WorkTaskId taskId, PersonId actor, PersonId to, string? comment, Func<WorkTask, CancellationToken, Task>? alsoInTransaction,
        CancellationToken cancellationToken)
    {
        var task = await db.Tasks.SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken)
            ?? throw new NotFoundException("Task", taskId.Value);
        EnsureAssignee(task, actor);
        if (task.Kind is not (WorkTaskKind.Approve or WorkTaskKind.Review))
        {
            throw new DomainRuleViolation(
                "task.not-transferable", $"A {task.Kind} task is personal and cannot be handed to someone else.", "taskId");
        }

        var now = clock.GetUtcNow();
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == to, cancellationToken)
            ?? throw new DomainRuleViolation("task.unknown-person", "The person to hand the task to does not exist.", "to");
        if (task.AllianceId is { } allianceId && !await WorksInAllianceAsync(person, allianceId, now, cancellationToken))
        {
            throw new DomainRuleViolation(
                "task.transfer-outside-alliance", "The task can only be handed to someone who works in its alliance.", "to");
        }

        task.Transfer(to, actor, comment, now);
        if (alsoInTransaction is not null)
        {
            await alsoInTransaction(task, cancellationToken);
        }

        await audit.SaveChangesAsync(cancellationToken);
        return task;
    }

    /// <summary>Decisions are made here; a vote, a signature or a submission is done through its own operation.</summary>
    internal static void EnsureDecidable(WorkTask task)
    {
        if (task.Kind is not (WorkTaskKind.Approve or WorkTaskKind.Review))
        {
            throw new DomainRuleViolation("task.not-decidable", task.Kind switch
            {
                WorkTaskKind.Vote => "A vote task is done by voting on its ballot (or declaring a conflict).",
                WorkTaskKind.Sign => "A signing task is done by signing or declining the document.",
                _ => "A submission task is done by submitting the contribution.",
            }, "taskId");
        }
    }

    private async Task<bool> WorksInAllianceAsync(Person person, Domain.Common.AllianceId allianceId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var active = person.Roles.Where(r => r.IsActiveAt(now)).ToList();
        if (active.Any(r => r.Role == Role.Administrator || r.ScopeAllianceId == allianceId))
        {
            return true;
        }

        var departments = active.Where(r => r.Role == Role.SupervisingOfficer).Select(r => r.ScopeOrganizationId).ToList();
        return departments.Count > 0 && await db.Alliances.AsNoTracking()
            .AnyAsync(a => a.Id == allianceId && departments.Contains(a.SupervisingDepartmentId), cancellationToken);
    }

    private static void EnsureAssignee(WorkTask task, PersonId actor)
    {
        if (task.AssigneeId != actor)
        {
            throw new DomainRuleViolation("task.not-assignee", "Only the task's assignee can act on it.", "taskId");
        }
    }
}
