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

    /// <summary>Who started it (the actor of the start: a person's id for people), for the inbox's 我发起的 tab.</summary>
    public string? StartedBy { get; set; }

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

/// <summary>
/// One email in the transactional outbox: written in the same unit of work as the step or domain change
/// that caused it, sent later by the email dispatcher (Features/Email), never from inside a transaction.
/// The message is composed when it is written (recipient, language, subject, both parts, attachments)
/// and never changes afterwards except for its delivery state.
/// </summary>
public sealed class OutboxMessageRecord
{
    public Guid Id { get; set; }

    public Guid? InstanceId { get; set; }

    public string? ActivityId { get; set; }

    /// <summary>Comma-separated addresses.</summary>
    public required string To { get; set; }

    public required string Subject { get; set; }

    /// <summary>The plain-text part.</summary>
    public required string Body { get; set; }

    /// <summary>The HTML part; null for a text-only message (what a workflow's SendEmail step writes).</summary>
    public string? HtmlBody { get; set; }

    /// <summary>What the message is about (<c>task-assigned</c>, <c>ballot-result</c>, ...; <c>workflow</c> for a step's own email).</summary>
    public string Kind { get; set; } = OutboxKinds.Workflow;

    /// <summary>The language it was composed in (<c>zh-CN</c>, <c>en</c>); null when the sender chose the text itself.</summary>
    public string? Language { get; set; }

    /// <summary>The person it was composed for, when it was composed for one.</summary>
    public Guid? RecipientPersonId { get; set; }

    public Guid? AllianceId { get; set; }

    public Guid? TaskId { get; set; }

    /// <summary>The deep link into the web UI the message points to, if any.</summary>
    public string? Link { get; set; }

    /// <summary>
    /// The RFC 5322 Message-ID, fixed when the message is written: a resend after a crash between
    /// sending and recording it carries the same id, so the receiver can recognise the duplicate.
    /// </summary>
    public string MessageId { get; set; } = string.Empty;

    /// <summary>Makes a planned message (a reminder, a digest) exist at most once; null for others.</summary>
    public string? DeduplicationKey { get; set; }

    public OutboxStatus Status { get; set; }

    /// <summary>Delivery attempts started (counted when a dispatcher leases the message).</summary>
    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseExpiresAt { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public DateTimeOffset? DeadLetteredAt { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    /// <summary>For a message held for a daily digest: the digest message that carried it.</summary>
    public Guid? DigestMessageId { get; set; }

    public List<OutboxAttachmentRecord> Attachments { get; set; } = [];
}

public enum OutboxStatus
{
    /// <summary>Waiting to be sent (at <see cref="OutboxMessageRecord.NextAttemptAt"/>).</summary>
    Pending,

    /// <summary>Held for the recipient's daily digest; never sent on its own.</summary>
    Held,

    Sent,

    /// <summary>Given up on: rejected permanently, or out of attempts. An administrator may resend it.</summary>
    DeadLettered,

    Cancelled,

    /// <summary>A held message that went out as part of a digest.</summary>
    Digested,
}

public static class OutboxKinds
{
    public const string Workflow = "workflow";
}

/// <summary>A file sent with an outbox message, stored with it so the message is complete on its own.</summary>
public sealed class OutboxAttachmentRecord
{
    public Guid Id { get; set; }

    public Guid MessageId { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public required byte[] Content { get; set; }

    /// <summary>Lower-case hex SHA-256 of <see cref="Content"/>.</summary>
    public required string Sha256 { get; set; }
}
