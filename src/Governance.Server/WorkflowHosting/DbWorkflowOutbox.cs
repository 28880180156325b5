using Governance.Server.Persistence;
using Governance.Workflows.Abstractions;

namespace Governance.Server.WorkflowHosting;

/// <summary>Adds a step's emails to the outbox table in the step's own unit of work (committed with it).</summary>
internal sealed class DbWorkflowOutbox(GovernanceDbContext db, TimeProvider clock) : IWorkflowOutbox
{
    public void Enqueue(WorkflowEmail email)
    {
        ArgumentNullException.ThrowIfNull(email);
        db.OutboxMessages.Add(new OutboxMessageRecord
        {
            Id = Guid.CreateVersion7(),
            InstanceId = email.InstanceId,
            ActivityId = email.ActivityId,
            To = string.Join(",", email.To),
            Subject = email.Subject,
            Body = email.Body,
            CreatedAt = clock.GetUtcNow(),
        });
    }
}
