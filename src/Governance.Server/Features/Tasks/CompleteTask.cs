using System.Text.Json.Nodes;
using Governance.Domain.Common;
using Governance.Server.Access;
using Governance.Server.Api;
using Governance.Server.Auditing;
using Governance.Server.Processes;

namespace Governance.Server.Features.Tasks;

/// <summary><c>action</c>: approve, reject or return (the last two need a <c>comment</c>); <c>form</c>: what the step asked to be filled in.</summary>
public sealed record CompleteTaskRequest(string? Action, string? Comment, JsonObject? Form);

/// <summary>
/// The assignee decides a task. The decision is stored and the waiting step resumed in one transaction
/// (<see cref="TaskActions"/>); the audit entry follows right after, as for every workflow operation.
/// </summary>
public sealed class CompleteTaskHandler(
    TaskAccess access, TaskActions actions, AuditTrail audit, GetTaskHandler tasks)
{
    public async Task<TaskDetailResponse> HandleAsync(Guid id, CompleteTaskRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var task = await access.VisibleAsync(id, tracked: false, cancellationToken);
        await access.DemandAsync(task, new TaskActorRequirement([]), "access.task-assignee-required", "Only the task's assignee can complete it.");
        var me = access.Person();
        var action = string.IsNullOrWhiteSpace(request.Action)
            ? throw new DomainRuleViolation("task.action-required", "action is approve, reject or return.", "action")
            : request.Action.Trim().ToLowerInvariant();
        TaskActions.EnsureDecidable(task);

        await actions.DecideAsync(task.Id, me, action, request.Comment, request.Form, cancellationToken);
        audit.Record("task.complete", "Task", task.Id.ToString(), task.AllianceId, null,
            $"{task.Title}: {action}" + (string.IsNullOrWhiteSpace(request.Comment) ? string.Empty : $"; comment: {request.Comment.Trim()}"));
        await audit.SaveChangesAsync(cancellationToken);
        return await tasks.HandleAsync(id, null, cancellationToken);
    }
}
