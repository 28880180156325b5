using System.Diagnostics;
using System.Text.Json.Nodes;
using Governance.Server.Persistence;
using Governance.Server.Persistence.Providers;
using Governance.Server.Tests.Infrastructure;
using Governance.Server.WorkflowHosting;
using Governance.Workflows.Runtime;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Server.Tests.Durability;

/// <summary>
/// A fresh PostgreSQL database for one durability test, shared by the server processes it starts.
/// It is migrated and filled in process (the real runtime, without HTTP round trips), inspected
/// with a context of its own, and dropped at the end.
/// </summary>
public sealed class DurabilityDatabase : IAsyncDisposable
{
    private readonly PostgresTarget _target = new();
    private readonly DbContextOptions<PostgreSqlGovernanceDbContext> _options;

    private DurabilityDatabase()
    {
        _options = new DbContextOptionsBuilder<PostgreSqlGovernanceDbContext>().UseNpgsql(_target.ConnectionString).Options;
    }

    public string ConnectionString => _target.ConnectionString;

    public static async Task<DurabilityDatabase> CreateAsync()
    {
        var database = new DurabilityDatabase();
        await database._target.CreateAsync();
        return database;
    }

    /// <summary>
    /// Migrates the database, publishes the definition and starts one instance per input, in process
    /// with timers off; returns the instances' ids in the order of the inputs.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> StartInstancesAsync(string definitionJson, IReadOnlyList<Dictionary<string, JsonNode?>> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        await using var factory = new GovernanceApiFactory(_target);
        await using var server = factory.WithWebHostBuilder(b => b.UseSetting("Workflows:Folder", string.Empty));

        // Building a client starts the host, which migrates the database.
        using (server.CreateClient())
        {
        }

        string definitionId;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var (record, _) = await scope.ServiceProvider.GetRequiredService<WorkflowDefinitionStore>().ImportAsync(definitionJson, CancellationToken.None);
            definitionId = record.DefinitionId;
        }

        var ids = new Guid[inputs.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, inputs.Count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, cancellationToken) =>
        {
            await using var scope = server.Services.CreateAsyncScope();
            var runtime = scope.ServiceProvider.GetRequiredService<WorkflowRuntime>();
            ids[i] = (await runtime.StartAsync(definitionId, null, inputs[i], null, "test", cancellationToken)).Id;
        });
        return ids;
    }

    /// <summary>A unit of work of the test's own, outside every server process.</summary>
    public GovernanceDbContext Db() => new PostgreSqlGovernanceDbContext(_options);

    public async Task<int> CountFinishedAsync()
    {
        await using var db = Db();
        return await db.WorkflowInstances.CountAsync(i => i.Status == WorkflowStatus.Finished);
    }

    /// <summary>Waits until <paramref name="expected"/> instances are finished; fails with what the processes wrote if not in time.</summary>
    public async Task WaitForFinishedAsync(int expected, TimeSpan timeout, params ServerProcess[] servers)
    {
        ArgumentNullException.ThrowIfNull(servers);
        var waited = Stopwatch.StartNew();
        var finished = 0;
        while (waited.Elapsed < timeout)
        {
            finished = await CountFinishedAsync();
            if (finished >= expected)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        Assert.Fail($"{finished} of {expected} instances finished within {timeout.TotalSeconds:0} s."
            + string.Concat(servers.Select(s => $"{Environment.NewLine}--- {s}{(s.HasExited ? " (exited)" : string.Empty)}:{Environment.NewLine}{s.Output}")));
    }

    public async ValueTask DisposeAsync() => await _target.DisposeAsync();
}
