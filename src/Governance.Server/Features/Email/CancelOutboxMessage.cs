using Governance.Server.Access;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Governance.Server.WorkflowHosting;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Email;

/// <summary>
/// Stops a message that has not gone out (pending or held for a digest). One that a dispatcher is sending
/// right now cannot be stopped any more, and the answer says so instead of pretending.
/// </summary>
public sealed class CancelOutboxMessageHandler(GovernanceDbContext db, TimeProvider clock, AccessControl access)
{
    public async Task<OutboxMessageRecord> HandleAsync(Guid id, CancellationToken cancellationToken)
    {
        await access.DemandAdministratorAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var cancelled = await db.OutboxMessages
            .Where(m => m.Id == id && (m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.Held)
                && (m.LeaseExpiresAt == null || m.LeaseExpiresAt < now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Cancelled)
                .SetProperty(m => m.CancelledAt, now), cancellationToken);
        var message = await db.OutboxMessages.AsNoTracking().Include(m => m.Attachments).SingleOrDefaultAsync(m => m.Id == id, cancellationToken)
            ?? throw new NotFoundException("Outbox", id);
        if (cancelled == 1)
        {
            return message;
        }

        if (message.Status is OutboxStatus.Pending or OutboxStatus.Held)
        {
            throw new ConflictException("outbox.sending", "The message is being sent right now and can no longer be cancelled.", "status");
        }

        throw new ConflictException(
            "outbox.not-cancellable", $"A {message.Status} message cannot be cancelled: only pending or held ones can.", "status");
    }
}
