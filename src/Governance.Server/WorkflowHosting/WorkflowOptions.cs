namespace Governance.Server.WorkflowHosting;

public sealed class WorkflowOptions
{
    public const string Section = "Workflows";

    /// <summary>Folder of definition files imported at start-up (relative to the content root); empty to skip.</summary>
    public string? Folder { get; set; }

    /// <summary>Whether this process fires due timers (on by default; several processes may).</summary>
    public bool RunTimers { get; set; } = true;

    public TimeSpan TimerPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan TimerLease { get; set; } = TimeSpan.FromSeconds(30);

    public int TimerBatchSize { get; set; } = 100;

    /// <summary>
    /// Fault-injection tests only: a pause between claiming a batch of timers and firing them, so a test
    /// can kill the process while it holds leases. Zero (off) everywhere else.
    /// </summary>
    public TimeSpan FaultInjectionHoldAfterClaim { get; set; } = TimeSpan.Zero;
}
