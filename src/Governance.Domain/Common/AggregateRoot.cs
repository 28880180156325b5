namespace Governance.Domain.Common;

/// <summary>
/// Base of every aggregate. <see cref="Version"/> is the optimistic-concurrency token: every change
/// bumps it, and persistence writes only where the stored version is the one that was read.
/// </summary>
public abstract class AggregateRoot
{
    public int Version { get; private set; }

    /// <summary>Called by every state-changing method, including those that only touch child rows.</summary>
    protected void MarkChanged() => Version++;
}
