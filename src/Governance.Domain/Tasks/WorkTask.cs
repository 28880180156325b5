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

/// <summary>
/// What one person must do next (vote, approve, sign, submit), with its due time. The inbox tabs
/// 待办 / 已办 / 我发起的 / 抄送我 are views over these.
/// </summary>
public sealed class WorkTask : AggregateRoot
{
    private const string Codes = "task";
    private readonly List<PersonId> _cc = [];

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
            _cc.AddRange(cc.Distinct().Where(p => p != assigneeId));
        }
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

    public IReadOnlyList<PersonId> CcIds => _cc;

    public WorkTaskStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? DueAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public string? Outcome { get; private set; }

    public string? Comment { get; private set; }

    public bool IsOverdue(DateTimeOffset now) => Status == WorkTaskStatus.Open && DueAt is not null && now > DueAt;

    public void Complete(string outcome, string? comment, DateTimeOffset now)
    {
        EnsureOpen();
        Outcome = Guard.Text(outcome, "outcome", 50, Codes);
        Comment = Guard.OptionalText(comment, "comment", 2000, Codes);
        Status = WorkTaskStatus.Completed;
        ClosedAt = Guard.Utc(now);
        MarkChanged();
    }

    /// <summary>Cancelled when the process no longer needs it (e.g. the organization left).</summary>
    public void Cancel(string reason, DateTimeOffset now)
    {
        EnsureOpen();
        Comment = Guard.Text(reason, "reason", 2000, Codes);
        Status = WorkTaskStatus.Cancelled;
        ClosedAt = Guard.Utc(now);
        MarkChanged();
    }

    /// <summary>转办: hand the task to another holder of the same role.</summary>
    public void Transfer(PersonId to)
    {
        EnsureOpen();
        if (to == AssigneeId)
        {
            throw new DomainRuleViolation("task.transfer-to-self", "The task is already assigned to this person.", "assigneeId");
        }

        AssigneeId = to;
        _cc.Remove(to);
        MarkChanged();
    }

    private void EnsureOpen()
    {
        if (Status != WorkTaskStatus.Open)
        {
            throw new DomainRuleViolation("task.closed", $"The task is {Status}.");
        }
    }
}
