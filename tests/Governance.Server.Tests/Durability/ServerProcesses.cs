namespace Governance.Server.Tests.Durability;

/// <summary>
/// Tests that start server processes run one at a time, after the parallel suites: their leases,
/// kills and deadlines should not have to compete with the rest of the suite for the CPU.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServerProcesses
{
    public const string Name = "Server processes";
}
