using Governance.Domain.Common;
using Governance.Server.Access;
using Governance.Server.Auditing;
using Governance.Server.Features.Email;
using Governance.Server.Persistence;
using Governance.Server.Processes;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Tasks;

public sealed record TransferTaskRequest(Guid? To, string? Comment);

/// <summary>
/// 转办: the assignee hands an approval to someone else who works in the alliance. The hand-over (in
/// the task's history), its audit entry and the new assignee's "task assigned" email are one unit of work.
/// </summary>
public sealed class TransferTaskHandler(
    GovernanceDbContext db, TaskAccess access, TaskActions actions, AuditTrail audit, EmailComposer email, GetTaskHandler tasks)
{
    public async Task<TaskDetailResponse> HandleAsync(Guid id, TransferTaskRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var task = await access.VisibleAsync(id, tracked: false, cancellationToken);
        await access.DemandAsync(task, new TaskActorRequirement([]), "access.task-assignee-required", "Only the task's assignee can hand it on.");
        var me = access.Person();
        var to = request.To is { } target
            ? new PersonId(target)
            : throw new DomainRuleViolation("task.to-required", "to is the person to hand the task to.", "to");

        await actions.TransferAsync(task.Id, me, to, request.Comment, async (transferred, ct) =>
        {
            var names = await db.People.AsNoTracking().Where(p => p.Id == me || p.Id == to).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
            var alliance = transferred.AllianceId is { } a
                ? await db.Alliances.AsNoTracking().Where(x => x.Id == a).Select(x => x.Name).SingleOrDefaultAsync(ct)
                : null;
            await email.ComposeAsync(
                RecipientSpec.Person(to),
                new TaskAssignedEmail(transferred.Id, transferred.Title, alliance, transferred.AllianceId, transferred.DueAt, names.GetValueOrDefault(me)),
                cancellationToken: ct);
            audit.Record("task.transfer", "Task", transferred.Id.ToString(), transferred.AllianceId, null,
                $"{AuditTrail.Change("assignee", $"{names.GetValueOrDefault(me)} ({me})", $"{names.GetValueOrDefault(to)} ({to})")}"
                + (string.IsNullOrWhiteSpace(request.Comment) ? string.Empty : $"; comment: {request.Comment.Trim()}"));
        }, cancellationToken);
        return await tasks.HandleAsync(id, null, cancellationToken);
    }
}
