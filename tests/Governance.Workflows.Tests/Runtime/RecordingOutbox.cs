using Governance.Workflows.Abstractions;

namespace Governance.Workflows.Tests.Runtime;

/// <summary>An outbox that keeps what it is given.</summary>
internal sealed class RecordingOutbox : IWorkflowOutbox
{
    public List<WorkflowEmail> Emails { get; } = [];

    public void Enqueue(WorkflowEmail email) => Emails.Add(email);
}

/// <summary>The services a step sees: only the outbox.</summary>
internal sealed class OutboxServices(IWorkflowOutbox outbox) : IServiceProvider
{
    public object? GetService(Type serviceType) => serviceType == typeof(IWorkflowOutbox) ? outbox : null;
}
