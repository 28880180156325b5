using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Bench;
using Governance.Server.Persistence;
using Governance.Server.WorkflowHosting;
using Governance.Workflows.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

// Durable council-vote benchmark of our runtime (see README "Benchmark"). One JSON line per run.
// --warmup is the size of a warm-up round; rounds repeat until one compiles at most 25 methods (at most 30 rounds).
//   dotnet run -c Release --project bench/Governance.Bench -- --db pg|sqlite --n 7|25 --instances 500
//       [--warmup 50] [--concurrency 1|8] [--pg "Host=…;Port=…;Username=postgres"] [--sqlite-dir DIR]
//       [--memory-samples 10] [--label NAME] [--out FILE]
var options = BenchOptions.Parse(args);
var database = await BenchDatabase.CreateAsync(options);
try
{
    var builder = WebApplication.CreateBuilder([]);
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Database:Provider"] = database.Provider.ToString(),
        ["ConnectionStrings:Governance"] = database.ConnectionString,
        ["Workflows:Folder"] = string.Empty,
        ["Workflows:RunTimers"] = "false",
        ["Logging:LogLevel:Default"] = "Warning",
    });
    builder.Logging.ClearProviders();
    builder.AddGovernancePersistence();
    builder.AddGovernanceWorkflows();
    await using var app = builder.Build();
    await using (var scope = app.Services.CreateAsyncScope())
    {
        await DatabaseMigrator.MigrateAsync(scope.ServiceProvider, database.Provider, app.Logger, CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<WorkflowDefinitionStore>().ImportAsync(CouncilVoteFlow.Json(options.N), CancellationToken.None);
        database.Describe(scope.ServiceProvider.GetRequiredService<GovernanceDbContext>());
    }

    // Warm up in rounds until the JIT has settled: tiered compilation keeps recompiling hot methods
    // (instrumented, then optimised with the profile) for a while, and a server runs long after that.
    var driver = new CouncilDriver(app.Services, options.N);
    var warmed = 0;
    for (var round = 1; ; round++)
    {
        var compiledBefore = JitInfo.GetCompiledMethodCount();
        await driver.RunAsync(warmed, options.Warmup, options.Concurrency);
        warmed += options.Warmup;
        if (JitInfo.GetCompiledMethodCount() - compiledBefore <= JitSettled.MethodsPerRound || round == JitSettled.MaxRounds)
        {
            break;
        }
    }

    driver.Reset();
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);

    var memory = new List<(int Instances, long ManagedBytes, long WorkingSetBytes)>();
    var clock = Stopwatch.StartNew();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var allocated = GC.GetTotalAllocatedBytes(precise: true);
    var collections = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
    var (jitMethods, jitTime) = (JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime());
    var chunk = Math.Max(1, options.Instances / Math.Max(1, options.MemorySamples));
    for (var done = 0; done < options.Instances; done += chunk)
    {
        var count = Math.Min(chunk, options.Instances - done);
        await driver.RunAsync(warmed + done, count, options.Concurrency);
        if (options.MemorySamples > 0)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            memory.Add((done + count, GC.GetTotalMemory(forceFullCollection: true), Environment.WorkingSet));
        }
    }

    clock.Stop();
    var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
    var allocatedBytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
    jitMethods = JitInfo.GetCompiledMethodCount() - jitMethods;
    jitTime = JitInfo.GetCompilationTime() - jitTime;
    var gcs = $"{GC.CollectionCount(0) - collections.Item1}/{GC.CollectionCount(1) - collections.Item2}/{GC.CollectionCount(2) - collections.Item3}";
    var wrong = await driver.VerifyAsync(warmed, options.Instances);
    var steps = options.Instances * (1 + options.N);
    var result = new JsonObject
    {
        ["runtime"] = "governance",
        ["label"] = options.Label ?? $"ours-{database.Name}-n{options.N}-c{options.Concurrency}",
        ["db"] = database.Name,
        ["n"] = options.N,
        ["concurrency"] = options.Concurrency,
        ["instances"] = options.Instances,
        ["warmupInstances"] = warmed,
        ["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 3),
        ["stepsPerSecond"] = Math.Round(steps / clock.Elapsed.TotalSeconds, 1),
        ["instancesPerSecond"] = Math.Round(options.Instances / clock.Elapsed.TotalSeconds, 2),
        ["resumeP50Ms"] = driver.Percentile(0.50),
        ["resumeP95Ms"] = driver.Percentile(0.95),
        ["resumeP99Ms"] = driver.Percentile(0.99),
        ["startP50Ms"] = driver.StartPercentile(0.50),
        ["processCpuCores"] = Math.Round(cpuUsed.TotalSeconds / clock.Elapsed.TotalSeconds, 2),
        ["cpuMsPerStep"] = Math.Round(cpuUsed.TotalMilliseconds / steps, 3),
        ["allocatedKBPerStep"] = Math.Round(allocatedBytes / 1024.0 / steps, 1),
        ["gcGen0Gen1Gen2"] = gcs,
        ["jitMethodsDuringRun"] = jitMethods,
        ["jitMsDuringRun"] = Math.Round(jitTime.TotalMilliseconds, 1),
        ["peakWorkingSetMB"] = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0, 1),
        ["managedMBAfter"] = memory.Count > 0 ? Math.Round(memory[^1].ManagedBytes / 1048576.0, 1) : null,
        ["managedMBSeries"] = new JsonArray(memory.Select(m => (JsonNode)new JsonArray(m.Instances, Math.Round(m.ManagedBytes / 1048576.0, 1))).ToArray()),
        ["wrongOutcomes"] = wrong,
        ["settings"] = database.Settings,
    };
    var line = result.ToJsonString();
    Console.WriteLine(line);
    if (options.Out is not null)
    {
        await File.AppendAllTextAsync(options.Out, line + Environment.NewLine);
    }

    return wrong == 0 ? 0 : 1;
}
finally
{
    await database.DisposeAsync();
}

/// <summary>When warm-up stops: a round of warm-up instances compiled at most this many methods.</summary>
internal static class JitSettled
{
    public const int MethodsPerRound = 25;
    public const int MaxRounds = 30;
}

/// <summary>Runs council-vote instances: start (N waits), then each member's vote in member order.</summary>
internal sealed class CouncilDriver(IServiceProvider services, int n)
{
    private readonly List<double> _resumeMs = [];
    private readonly List<double> _startMs = [];
    private readonly Lock _gate = new();
    private readonly Dictionary<int, Guid> _instances = [];

    public void Reset()
    {
        lock (_gate)
        {
            _resumeMs.Clear();
            _startMs.Clear();
        }
    }

    public async Task RunAsync(int first, int count, int concurrency)
    {
        var next = first - 1;
        var last = first + count - 1;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int k;
            while ((k = Interlocked.Increment(ref next)) <= last)
            {
                await RunInstanceAsync(k);
            }
        });
        await Task.WhenAll(workers);
    }

    public async Task<int> VerifyAsync(int first, int count)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        var wrong = 0;
        for (var k = first; k < first + count; k++)
        {
            var record = await db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == _instances[k]);
            var state = InstanceStateJson.Read(record.StateJson);
            var approved = state.Variables.TryGetValue("Resolution", out var resolution) && resolution is not null;
            if (record.Status != WorkflowStatus.Finished || approved != CouncilVoteFlow.ExpectApproved(k, n)
                || resolution?.GetValue<string>().Length < (approved ? 2048 : 0))
            {
                wrong++;
            }
        }

        return wrong;
    }

    public double Percentile(double p) => Percentile(_resumeMs, p);

    public double StartPercentile(double p) => Percentile(_startMs, p);

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToArray();
        return Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)], 3);
    }

    private async Task RunInstanceAsync(int k)
    {
        var watch = Stopwatch.StartNew();
        WorkflowInstanceRecord record;
        await using (var scope = services.CreateAsyncScope())
        {
            record = await scope.ServiceProvider.GetRequiredService<WorkflowRuntime>()
                .StartAsync(CouncilVoteFlow.DefinitionId(n), null, new Dictionary<string, JsonNode?>(), $"bench-{k}", "bench", CancellationToken.None);
        }

        var started = watch.Elapsed.TotalMilliseconds;
        var bookmarks = InstanceStateJson.Read(record.StateJson).Bookmarks.ToDictionary(b => b.Key!, b => b.Id);
        var latencies = new double[n];
        for (var member = 0; member < n; member++)
        {
            var vote = new JsonObject { ["vote"] = CouncilVoteFlow.Approves(k, member) ? "approve" : "reject", ["member"] = member };
            watch.Restart();
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<WorkflowRuntime>()
                .ResumeAsync(record.Id, bookmarks[$"vote|m{member}"], vote, $"member-{member}", null, null, CancellationToken.None);
            latencies[member] = watch.Elapsed.TotalMilliseconds;
        }

        lock (_gate)
        {
            _startMs.Add(started);
            _resumeMs.AddRange(latencies);
            _instances[k] = record.Id;
        }
    }
}

internal sealed record BenchOptions(
    string Db, int N, int Instances, int Warmup, int Concurrency, string? Pg, string? SqliteDir, int MemorySamples, string? Label, string? Out)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Get(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Int(string name, int fallback) => Get(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new(
            Get("--db") ?? "sqlite", Int("--n", 7), Int("--instances", 500), Int("--warmup", 50), Int("--concurrency", 1),
            Get("--pg") ?? Environment.GetEnvironmentVariable("GOVERNANCE_BENCH_POSTGRES"), Get("--sqlite-dir"), Int("--memory-samples", 0),
            Get("--label"), Get("--out"));
    }
}

/// <summary>A fresh database per run: a new PostgreSQL database, or a new SQLite file (WAL, synchronous=FULL).</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private string? _server;
    private string? _folder;
    private string? _database;

    public DatabaseProvider Provider { get; private init; }

    public required string ConnectionString { get; init; }

    public string Name => Provider == DatabaseProvider.PostgreSql ? "pg" : "sqlite";

    public JsonObject Settings { get; } = [];

    public static async Task<BenchDatabase> CreateAsync(BenchOptions options)
    {
        if (options.Db == "pg")
        {
            var server = options.Pg ?? throw new InvalidOperationException("--pg or GOVERNANCE_BENCH_POSTGRES is needed for --db pg.");
            var name = $"bench_{Guid.NewGuid():N}";
            await using (var connection = new NpgsqlConnection(server))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await command.ExecuteNonQueryAsync();
            }

            return new BenchDatabase
            {
                Provider = DatabaseProvider.PostgreSql,
                ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 50 }.ConnectionString,
                _server = server,
                _database = name,
            };
        }

        var folder = Path.Combine(options.SqliteDir ?? Path.GetTempPath(), $"governance-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return new BenchDatabase
        {
            Provider = DatabaseProvider.Sqlite,
            ConnectionString = $"Data Source={Path.Combine(folder, "bench.db")}",
            _folder = folder,
        };
    }

    public void Describe(GovernanceDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        connection.Open();
        try
        {
            using var command = connection.CreateCommand();
            if (Provider == DatabaseProvider.PostgreSql)
            {
                command.CommandText = "select name, setting from pg_settings where name in ('fsync','synchronous_commit','wal_sync_method','full_page_writes','shared_buffers','server_version')";
            }
            else
            {
                command.CommandText = "select 'journal_mode', (select journal_mode from pragma_journal_mode) union all select 'synchronous', (select synchronous from pragma_synchronous)";
            }

            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                Settings[reader.GetString(0)] = Convert.ToString(reader.GetValue(1), CultureInfo.InvariantCulture);
            }
        }
        finally
        {
            connection.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_server);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }

        if (_folder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
