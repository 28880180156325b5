using Governance.Domain.People;
using Governance.Domain.Tasks;
using Governance.Server.Access;
using Governance.Server.Auditing;
using Governance.Server.Features.Email;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Governance.Server.Features.Tasks;

public sealed class TaskReminderOptions
{
    public const string Section = "Tasks";

    /// <summary>The least time between two reminders (催办) of one task.</summary>
    public TimeSpan ReminderInterval { get; set; } = TimeSpan.FromHours(4);
}

internal sealed class TaskReminderOptionsValidator : IValidateOptions<TaskReminderOptions>
{
    public ValidateOptionsResult Validate(string? name, TaskReminderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.ReminderInterval > TimeSpan.Zero && options.ReminderInterval <= TimeSpan.FromDays(30)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Tasks:ReminderInterval '{options.ReminderInterval}' must be more than zero and at most 30 days.");
    }
}

public sealed record TaskReminded(Guid TaskId, DateTimeOffset RemindedAt, DateTimeOffset NextReminderFrom, int Messages);

/// <summary>The answer when the task was reminded too recently: when the next reminder is allowed.</summary>
public sealed record ReminderTooSoon(DateTimeOffset LastRemindedAt, DateTimeOffset NextReminderFrom);

/// <summary>
/// 催办: the secretariat (or the chair, or an administrator) reminds a task's assignee. The reminder
/// email (task-reminder before the deadline, task-overdue after it, task-assigned for a task without one)
/// goes into the outbox in the same transaction as the "Reminded" entry of the task's history and the
/// audit entry. At most one reminder per task per <see cref="TaskReminderOptions.ReminderInterval"/>:
/// the history says when the last one was, and the task's version stops two at the same moment.
/// </summary>
public sealed class RemindTaskHandler(
    GovernanceDbContext db, TaskAccess access, EmailComposer email, AuditTrail audit, IOptions<TaskReminderOptions> options, TimeProvider clock)
{
    public async Task<(TaskReminded? Done, ReminderTooSoon? TooSoon)> HandleAsync(Guid id, CancellationToken cancellationToken)
    {
        var task = await access.VisibleAsync(id, tracked: true, cancellationToken);
        await access.DemandAsync(task.AllianceId ?? default, new AllianceRoleRequirement([Role.Secretariat, Role.Chair], AdministratorMay: true),
            "access.alliance-role-required", "Reminders are sent by the alliance's secretariat or chair.");
        var me = access.Person();
        var now = clock.GetUtcNow();
        if (task.Status != WorkTaskStatus.Open)
        {
            // The domain's own refusal (task.closed), before the rate limit: a closed task is never reminded.
            task.RecordReminder(me, now);
        }

        var interval = options.Value.ReminderInterval;
        var last = task.History.Where(h => h.Action == "Reminded").Select(h => (DateTimeOffset?)h.At).Max();
        if (last is { } previous && now < previous + interval)
        {
            return (null, new ReminderTooSoon(previous, previous + interval));
        }

        var alliance = task.AllianceId is { } a
            ? await db.Alliances.AsNoTracking().Where(x => x.Id == a).Select(x => x.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
        EmailModel message = task.DueAt switch
        {
            { } due when now < due => new TaskReminderEmail(task.Id, task.Title, alliance, task.AllianceId, due, (int)Math.Ceiling((due - now).TotalDays)),
            { } due => new TaskOverdueEmail(task.Id, task.Title, alliance, task.AllianceId, due),
            null => new TaskAssignedEmail(task.Id, task.Title, alliance, task.AllianceId, null,
                task.InitiatorId is { } initiator
                    ? await db.People.AsNoTracking().Where(p => p.Id == initiator).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken)
                    : null),
        };
        var queued = await email.ComposeAsync(RecipientSpec.Person(task.AssigneeId), message, cancellationToken: cancellationToken);
        task.RecordReminder(me, now);
        audit.Record("task.remind", "Task", task.Id.ToString(), task.AllianceId, null,
            $"{task.Title}: reminder ({EmailKinds.Name(message.Kind)}) to {task.AssigneeId}");
        await audit.SaveChangesAsync(cancellationToken);
        return (new TaskReminded(task.Id.Value, now, now + interval, queued.Count), null);
    }
}
