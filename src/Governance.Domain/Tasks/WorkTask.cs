using Governance.Domain.Common;

namespace Governance.Domain.Tasks;

public enum WorkTaskKind
{
    Approve,
    Vote,
    Sign,
    Submit,
    Review,
}

public enum WorkTaskStatus
{
    Open,
    Completed,
    Cancelled,
}

/// <summary>One entry of a task's history: who did what to it, when, with which comment.</summary>
public sealed class TaskEvent
{
    internal TaskEvent(int sequence, string action, PersonId? actorId, PersonId? toPersonId, string? comment, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        Sequence = sequence;
        Action = action;
        ActorId = actorId;
        ToPersonId = toPersonId;
        Comment = comment;
        At = at;
    }

    private TaskEvent()
    {
        Action = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>Position in the task's history (1 = created): events of one moment keep their order.</summary>
    public int Sequence { get; private set; }

    /// <summary>Created, Completed (with the outcome), Transferred, Cancelled, Reminded.</summary>
    public string Action { get; private set; }

    public PersonId? ActorId { get; private set; }

    /// <summary>The new assignee of a transfer.</summary>
    public PersonId? ToPersonId { get; private set; }

    public string? Comment { get; private set; }

    public DateTimeOffset At { get; private set; }
}

/// <summary>A person a task is copied to (抄送): one row per person, so "copied to me" is a lookup.</summary>
public sealed class TaskCcRecipient
{
    internal TaskCcRecipient(PersonId personId)
    {
        PersonId = personId;
    }

    private TaskCcRecipient()
    {
    }

    public PersonId PersonId { get; private set; }
}

/// <summary>
/// What one person must do next (vote, approve, sign, submit), with its due time. The inbox tabs
/// 待办 / 已办 / 我发起的 / 抄送我 are views over these.
/// </summary>
public sealed class WorkTask : AggregateRoot
{
    private const string Codes = "task";
    private readonly List<TaskCcRecipient> _cc = [];
    private readonly List<TaskEvent> _history = [];

    public WorkTask(
        WorkTaskId id, WorkTaskKind kind, string title, PersonId assigneeId, AllianceId? allianceId,
        PersonId? initiatorId, DateTimeOffset? dueAt, DateTimeOffset now, IEnumerable<PersonId>? cc = null)
    {
        Guard.Defined(kind, "kind", Codes);
        if (dueAt is not null && dueAt <= now)
        {
            throw new DomainRuleViolation("task.due-in-past", "A task cannot be due in the past.", "dueAt");
        }

        Id = id;
        Kind = kind;
        Title = Guard.Text(title, "title", 300, Codes);
        AssigneeId = assigneeId;
        AllianceId = allianceId;
        InitiatorId = initiatorId;
        DueAt = dueAt is null ? null : Guard.Utc(dueAt.Value);
        CreatedAt = Guard.Utc(now);
        Status = WorkTaskStatus.Open;
        if (cc is not null)
        {
            _cc.AddRange(cc.Distinct().Where(p => p != assigneeId).Select(p => new TaskCcRecipient(p)));
        }

        _history.Add(new TaskEvent(NextSequence, "Created", initiatorId, assigneeId, null, CreatedAt));
    }

    private WorkTask()
    {
        Title = string.Empty;
    }

    public WorkTaskId Id { get; private set; }

    public WorkTaskKind Kind { get; private set; }

    public string Title { get; private set; }

    public PersonId AssigneeId { get; private set; }

    public AllianceId? AllianceId { get; private set; }

    public PersonId? InitiatorId { get; private set; }

    public IReadOnlyList<PersonId> CcIds => _cc.Select(c => c.PersonId).ToList();

    public IReadOnlyList<TaskCcRecipient> Cc => _cc;

    public WorkTaskStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? DueAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public string? Outcome { get; private set; }

    public string? Comment { get; private set; }

    /// <summary>The workflow instance whose step asked for the task (null for a task outside a workflow).</summary>
    public Guid? InstanceId { get; private set; }

    /// <summary>The activity of that step.</summary>
    public string? ActivityId { get; private set; }

    /// <summary>The key of the bookmark the step waits on for this task (shared by the tasks of one round).</summary>
    public string? WaitKey { get; private set; }

    /// <summary>Every action on the task, in the order it happened (rows are not read back in any order).</summary>
    public IReadOnlyList<TaskEvent> History => _history.OrderBy(e => e.Sequence).ThenBy(e => e.At).ToList();

    /// <summary>Ties the task to the workflow step that waits for it. Done once, when the step creates it.</summary>
    public void AttachToWorkflow(Guid instanceId, string activityId, string waitKey)
    {
        if (InstanceId is not null)
        {
            throw new DomainRuleViolation("task.already-attached", "The task already belongs to a workflow step.");
        }

        InstanceId = instanceId;
        ActivityId = Guard.Text(activityId, "activityId", 100, Codes);
        WaitKey = Guard.Text(waitKey, "waitKey", 100, Codes);
        MarkChanged();
    }

    /// <summary>A reminder (催办) was sent to the assignee.</summary>
    public void RecordReminder(PersonId? by, DateTimeOffset now)
    {
        EnsureOpen();
        _history.Add(new TaskEvent(NextSequence, "Reminded", by, AssigneeId, null, Guard.Utc(now)));
        MarkChanged();
    }

    public bool IsOverdue(DateTimeOffset now) => Status == WorkTaskStatus.Open && DueAt is not null && now > DueAt;

    public void Complete(string outcome, string? comment, DateTimeOffset now, PersonId? actor = null)
    {
        EnsureOpen();
        Outcome = Guard.Text(outcome, "outcome", 50, Codes);
        Comment = Guard.OptionalText(comment, "comment", 2000, Codes);
        Status = WorkTaskStatus.Completed;
        ClosedAt = Guard.Utc(now);
        _history.Add(new TaskEvent(NextSequence, $"Completed:{Outcome}", actor ?? AssigneeId, null, Comment, ClosedAt.Value));
        MarkChanged();
    }

    /// <summary>Cancelled when the process no longer needs it (e.g. the organization left).</summary>
    public void Cancel(string reason, DateTimeOffset now)
    {
        EnsureOpen();
        Comment = Guard.Text(reason, "reason", 2000, Codes);
        Status = WorkTaskStatus.Cancelled;
        ClosedAt = Guard.Utc(now);
        _history.Add(new TaskEvent(NextSequence, "Cancelled", null, null, Comment, ClosedAt.Value));
        MarkChanged();
    }

    /// <summary>转办: hand the task to another holder of the same role.</summary>
    public void Transfer(PersonId to, PersonId? by = null, string? comment = null, DateTimeOffset? now = null)
    {
        EnsureOpen();
        if (to == AssigneeId)
        {
            throw new DomainRuleViolation("task.transfer-to-self", "The task is already assigned to this person.", "assigneeId");
        }

        _history.Add(new TaskEvent(
            NextSequence, "Transferred", by ?? AssigneeId, to, Guard.OptionalText(comment, "comment", 2000, Codes), now is null ? CreatedAt : Guard.Utc(now.Value)));
        AssigneeId = to;
        _cc.RemoveAll(c => c.PersonId == to);
        MarkChanged();
    }

    private int NextSequence => _history.Count == 0 ? 1 : _history.Max(e => e.Sequence) + 1;

    private void EnsureOpen()
    {
        if (Status != WorkTaskStatus.Open)
        {
            throw new DomainRuleViolation("task.closed", $"The task is {Status}.");
        }
    }
}
