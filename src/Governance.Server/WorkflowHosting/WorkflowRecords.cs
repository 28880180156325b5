using Governance.Workflows.Runtime;

namespace Governance.Server.WorkflowHosting;

public enum DefinitionStatus
{
    Draft,
    Published,
    Retracted,
}

/// <summary>One version of a workflow definition, stored as the file text it was published from.</summary>
public sealed class WorkflowDefinitionRecord
{
    public Guid Id { get; set; }

    public required string DefinitionId { get; set; }

    public int Version { get; set; }

    public DefinitionStatus Status { get; set; }

    public required string Name { get; set; }

    /// <summary>The definition in the file format (what export returns).</summary>
    public required string Json { get; set; }

    /// <summary>SHA-256 of the definition without its version and publication flag: equal content, equal hash.</summary>
    public required string ContentHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public DateTimeOffset? RetractedAt { get; set; }

    public int RowVersion { get; set; }
}

/// <summary>A running (or ended) workflow instance; its state is the runtime's JSON.</summary>
public sealed class WorkflowInstanceRecord
{
    public Guid Id { get; set; }

    public required string DefinitionId { get; set; }

    public int DefinitionVersion { get; set; }

    /// <summary>The stored version it is pinned to (the cache of parsed definitions is keyed by it).</summary>
    public Guid DefinitionRecordId { get; set; }

    public WorkflowStatus Status { get; set; }

    public string? CorrelationId { get; set; }

    public required string StateJson { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Optimistic concurrency: two resumes of one instance never both commit.</summary>
    public int RowVersion { get; set; }
}

/// <summary>Where an instance waits, indexed by kind and key so a stimulus finds it without loading instances.</summary>
public sealed class BookmarkRecord
{
    public Guid Id { get; set; }

    public Guid InstanceId { get; set; }

    public required string ActivityId { get; set; }

    public required string Kind { get; set; }

    public string? Key { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A due time of a bookmark. Server processes lease due timers before firing them, so several can
/// share one database; the firing itself is a resume, which commits at most once.
/// </summary>
public sealed class TimerRecord
{
    public Guid Id { get; set; }

    public Guid InstanceId { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseExpiresAt { get; set; }

    public int Attempts { get; set; }
}

/// <summary>One line of an instance's append-only journal.</summary>
public sealed class JournalEntryRecord
{
    public long Id { get; set; }

    public Guid InstanceId { get; set; }

    public DateTimeOffset At { get; set; }

    public required string ActivityId { get; set; }

    public required string ActivityType { get; set; }

    public required string Event { get; set; }

    public string? Outcome { get; set; }

    public string? Actor { get; set; }

    public string? Summary { get; set; }
}

/// <summary>A fault that needs attention.</summary>
public sealed class IncidentRecord
{
    public long Id { get; set; }

    public Guid InstanceId { get; set; }

    public DateTimeOffset At { get; set; }

    public required string ActivityId { get; set; }

    public required string ActivityType { get; set; }

    public required string Message { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }
}

/// <summary>A stimulus already applied (an event's delivery id): a second delivery finds it and does nothing.</summary>
public sealed class ProcessedStimulusRecord
{
    public required string Key { get; set; }

    public Guid InstanceId { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>An email a workflow step queued (the email issue adds delivery).</summary>
public sealed class OutboxMessageRecord
{
    public Guid Id { get; set; }

    public Guid? InstanceId { get; set; }

    public string? ActivityId { get; set; }

    public required string To { get; set; }

    public required string Subject { get; set; }

    public required string Body { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
