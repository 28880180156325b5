using Governance.Server.Access;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Governance.Server.WorkflowHosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Governance.Server.Features.Email;

/// <summary>
/// Sends a message again. A dead-lettered or cancelled message never arrived: it goes back to the queue
/// as it is, with its Message-ID and a fresh count of attempts. A sent message is copied with a new
/// Message-ID, because the administrator wants it to arrive again and a receiver would drop a repeat of
/// the old id as a duplicate. Returns the message that will go out.
/// </summary>
public sealed class ResendOutboxMessageHandler(GovernanceDbContext db, IOptions<EmailOptions> options, TimeProvider clock, AccessControl access)
{
    public async Task<OutboxMessageRecord> HandleAsync(Guid id, CancellationToken cancellationToken)
    {
        await access.DemandAdministratorAsync(cancellationToken);
        var message = await db.OutboxMessages.Include(m => m.Attachments).SingleOrDefaultAsync(m => m.Id == id, cancellationToken)
            ?? throw new NotFoundException("Outbox", id);
        var now = clock.GetUtcNow();
        switch (message.Status)
        {
            case OutboxStatus.DeadLettered or OutboxStatus.Cancelled:
                var requeued = await db.OutboxMessages
                    .Where(m => m.Id == id && (m.Status == OutboxStatus.DeadLettered || m.Status == OutboxStatus.Cancelled))
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.Status, OutboxStatus.Pending)
                        .SetProperty(m => m.Attempts, 0)
                        .SetProperty(m => m.NextAttemptAt, now)
                        .SetProperty(m => m.DeadLetteredAt, (DateTimeOffset?)null)
                        .SetProperty(m => m.CancelledAt, (DateTimeOffset?)null), cancellationToken);
                if (requeued == 0)
                {
                    throw new ConflictException("outbox.changed", "The message changed while it was being resent; reload it.");
                }

                await db.Entry(message).ReloadAsync(cancellationToken);
                return message;
            case OutboxStatus.Sent:
                var copyId = Guid.CreateVersion7();
                var copy = new OutboxMessageRecord
                {
                    Id = copyId,
                    InstanceId = message.InstanceId,
                    ActivityId = message.ActivityId,
                    To = message.To,
                    Subject = message.Subject,
                    Body = message.Body,
                    HtmlBody = message.HtmlBody,
                    Kind = message.Kind,
                    Language = message.Language,
                    RecipientPersonId = message.RecipientPersonId,
                    AllianceId = message.AllianceId,
                    TaskId = message.TaskId,
                    Link = message.Link,
                    MessageId = MessageIds.For(copyId, options.Value),
                    Status = OutboxStatus.Pending,
                    NextAttemptAt = now,
                    CreatedAt = now,
                    Attachments = message.Attachments.Select(a => new OutboxAttachmentRecord
                    {
                        Id = Guid.CreateVersion7(),
                        MessageId = copyId,
                        FileName = a.FileName,
                        ContentType = a.ContentType,
                        Content = a.Content,
                        Sha256 = a.Sha256,
                    }).ToList(),
                };
                db.OutboxMessages.Add(copy);
                await db.SaveChangesAsync(cancellationToken);
                return copy;
            default:
                throw new ConflictException(
                    "outbox.not-resendable", $"A {message.Status} message is not resent: only sent, dead-lettered or cancelled ones are.", "status");
        }
    }
}
