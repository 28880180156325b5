using Governance.Server.WorkflowHosting;

namespace Governance.Server.Features.Email;

public sealed record OutboxMessageSummary(
    Guid Id, string MessageId, string Kind, string To, string Subject, string? Language, OutboxStatus Status, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, DateTimeOffset? SentAt, DateTimeOffset? DeadLetteredAt, string? LastError,
    Guid? AllianceId, Guid? TaskId, Guid? RecipientPersonId)
{
    public static OutboxMessageSummary From(OutboxMessageRecord m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new(m.Id, m.MessageId, m.Kind, m.To, m.Subject, m.Language, m.Status, m.Attempts, m.CreatedAt, m.NextAttemptAt,
            m.SentAt, m.DeadLetteredAt, m.LastError, m.AllianceId, m.TaskId, m.RecipientPersonId);
    }
}

public sealed record OutboxAttachmentResponse(Guid Id, string FileName, string ContentType, int Length, string Sha256);

public sealed record OutboxMessageResponse(
    OutboxMessageSummary Summary, string Text, string? Html, string? Link, Guid? InstanceId, string? ActivityId,
    DateTimeOffset? CancelledAt, Guid? DigestMessageId, IReadOnlyList<OutboxAttachmentResponse> Attachments)
{
    public static OutboxMessageResponse From(OutboxMessageRecord m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new(OutboxMessageSummary.From(m), m.Body, m.HtmlBody, m.Link, m.InstanceId, m.ActivityId, m.CancelledAt, m.DigestMessageId,
            m.Attachments.Select(a => new OutboxAttachmentResponse(a.Id, a.FileName, a.ContentType, a.Content.Length, a.Sha256)).ToList());
    }
}
