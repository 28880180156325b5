using Governance.Server.Features.Email;
using Governance.Server.Persistence;
using Governance.Workflows.Abstractions;
using Microsoft.Extensions.Options;

namespace Governance.Server.WorkflowHosting;

/// <summary>Adds a step's emails to the outbox table in the step's own unit of work (committed with it).</summary>
internal sealed class DbWorkflowOutbox(GovernanceDbContext db, TimeProvider clock, IOptions<EmailOptions> options) : IWorkflowOutbox
{
    public void Enqueue(WorkflowEmail email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        db.OutboxMessages.Add(new OutboxMessageRecord
        {
            Id = id,
            InstanceId = email.InstanceId,
            ActivityId = email.ActivityId,
            To = string.Join(",", email.To),
            Subject = email.Subject,
            Body = email.Body,
            MessageId = MessageIds.For(id, options.Value),
            Status = OutboxStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
        });
    }
}
