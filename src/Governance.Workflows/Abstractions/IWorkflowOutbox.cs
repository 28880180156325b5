namespace Governance.Workflows.Abstractions;

/// <summary>An email a workflow step asks to send.</summary>
public sealed record WorkflowEmail(IReadOnlyList<string> To, string Subject, string Body, Guid InstanceId, string ActivityId);

/// <summary>
/// Where steps put their emails. The server's implementation writes to the outbox table inside the
/// step's transaction, so an email exists exactly when the step that caused it committed.
/// </summary>
public interface IWorkflowOutbox
{
    void Enqueue(WorkflowEmail email);
}
