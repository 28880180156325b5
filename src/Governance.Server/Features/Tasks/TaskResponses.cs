using Governance.Domain.Tasks;

namespace Governance.Server.Features.Tasks;

public sealed record PersonReference(Guid Id, string Name);

public sealed record AllianceReference(Guid Id, string Name);

public sealed record OrganizationReference(Guid Id, string Name);

/// <summary>The workflow step a task belongs to: the instance, its definition and the activity waiting for the task.</summary>
public sealed record StepReference(
    Guid InstanceId, string WorkflowId, int WorkflowVersion, string WorkflowName, string ActivityId, string ActivityType, string ActivityName);

/// <summary>What a task is about, when it is a ballot, an annual report or an agreement; <c>url</c> is its API address.</summary>
public sealed record TaskSubject(string Type, Guid Id, string Title, string? Url);

public sealed record TaskSummaryResponse(
    Guid Id,
    WorkTaskKind Kind,
    string Title,
    WorkTaskStatus Status,
    string? Outcome,
    AllianceReference? Alliance,
    StepReference? Step,
    PersonReference Assignee,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DueAt,
    bool Overdue,
    DateTimeOffset? ClosedAt);

public sealed record TaskHistoryEntry(
    int Sequence, string Action, PersonReference? Actor, PersonReference? To, string? Comment, DateTimeOffset At);

public sealed record TaskDocumentReference(Guid Id, string Kind, string Number, string Title, string Sha256, bool Sealed, DateTimeOffset CreatedAt, string ContentUrl);

public sealed record TaskDetailResponse(
    Guid Id,
    WorkTaskKind Kind,
    string Title,
    WorkTaskStatus Status,
    string? Outcome,
    string? Comment,
    AllianceReference? Alliance,
    StepReference? Step,
    PersonReference Assignee,
    PersonReference? Initiator,
    IReadOnlyList<PersonReference> Cc,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DueAt,
    bool Overdue,
    DateTimeOffset? ClosedAt,
    TaskSubject? Subject,
    IReadOnlyList<TaskDocumentReference> Documents,
    IReadOnlyList<TaskHistoryEntry> History,
    int Version);
