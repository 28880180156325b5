using System.Diagnostics;
using System.Text.Json.Nodes;
using Governance.Server.Tests.Infrastructure;
using Governance.Server.Tests.Workflows;
using Governance.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Governance.Server.Tests.Durability;

/// <summary>
/// Several server processes on one PostgreSQL database fire due timers: each timer fires exactly once,
/// also when a process dies holding leases. The processes use the real clock, so the tests move the
/// timers' due times instead of the clock.
/// </summary>
[Collection(ServerProcesses.Name)]
public sealed class TimerLeaseTests(ITestOutputHelper output)
{
    private const int BatchSize = 100;

    [Fact]
    public async Task DueTimers_TwoProcessesShareTheDatabase_EachTimerFiresExactlyOnce()
    {
        const int count = 1000;
        var clock = Stopwatch.StartNew();
        await using var database = await DurabilityDatabase.CreateAsync();
        var ids = await database.StartInstancesAsync(TestFlows.Delay(), NoInputs(count));
        output.WriteLine($"{count} instances started after {clock.Elapsed.TotalSeconds:0.0} s");

        // Not due until both processes poll, so that they compete for every batch.
        await SetDueAtAsync(database, DateTimeOffset.UtcNow.AddDays(1));
        var settings = Settings(lease: TimeSpan.FromSeconds(30));
        await using var a = await ServerProcess.StartAsync("A", database.ConnectionString, settings);
        await using var b = await ServerProcess.StartAsync("B", database.ConnectionString, settings);
        await using var watch = TimerLeaseWatch.Start(database);
        output.WriteLine($"both processes up after {clock.Elapsed.TotalSeconds:0.0} s");

        var firing = Stopwatch.StartNew();
        await SetDueAtAsync(database, DateTimeOffset.UtcNow.AddMinutes(-1));
        await database.WaitForFinishedAsync(count, TimeSpan.FromSeconds(120), a, b);
        output.WriteLine($"{count} timers fired in {firing.Elapsed.TotalSeconds:0.0} s");
        var leases = await watch.StopAsync();
        Assert.True(await a.StopAsync(TimeSpan.FromSeconds(20)), $"A did not stop gracefully:{Environment.NewLine}{a.Output}");
        Assert.True(await b.StopAsync(TimeSpan.FromSeconds(20)), $"B did not stop gracefully:{Environment.NewLine}{b.Output}");

        await AssertEachFiredExactlyOnceAsync(database, ids);
        a.AssertLoggedNoFailure();
        b.AssertLoggedNoFailure();

        // With a 30 s lease nobody's lease expired: the one process seen holding a timer is the one that fired it.
        Assert.All(leases, seen => Assert.Single(seen.Select(l => l.Owner).Distinct()));
        var firedBy = leases.ToLookup(seen => seen.First().ProcessId, seen => seen.Key);
        Assert.Equal([], firedBy.Select(g => g.Key).Except([a.Id, b.Id]));
        output.WriteLine($"seen leased: {leases.Count} of {count}; by A: {firedBy[a.Id].Count()}, by B: {firedBy[b.Id].Count()}");
        Assert.NotEmpty(firedBy[a.Id]);
        Assert.NotEmpty(firedBy[b.Id]);
        output.WriteLine($"total {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task LeasedTimers_ProcessKilledHoldingThem_AnotherProcessFiresThemOnceAfterTheLeaseExpires()
    {
        const int count = 200;

        // Long enough for B to start and poll while A's leases are still live: start-up (now with the token
        // server and identity) took up to ~20 s on the shared 2-core build machine under load.
        var lease = TimeSpan.FromSeconds(45);
        var clock = Stopwatch.StartNew();
        await using var database = await DurabilityDatabase.CreateAsync();
        var ids = await database.StartInstancesAsync(TestFlows.Delay(), NoInputs(count));
        await SetDueAtAsync(database, DateTimeOffset.UtcNow.AddMinutes(-1));
        await using var watch = TimerLeaseWatch.Start(database);

        // A claims a batch, then holds it (fault injection) long enough to be killed before firing any.
        var holding = Settings(lease);
        holding["Workflows__FaultInjectionHoldAfterClaim"] = "00:00:30";
        await using var a = await ServerProcess.StartAsync("A", database.ConnectionString, holding);
        await WaitForClaimsAsync(database, BatchSize, a);
        a.Kill();
        await a.WaitForExitAsync();
        var claimed = await LeasedTimersAsync(database);
        Assert.Equal(BatchSize, claimed.Count);
        Assert.All(claimed, t => Assert.Equal(a.Id, t.ProcessId));
        Assert.Equal(0, await database.CountFinishedAsync());
        var leasesExpire = claimed.Min(t => t.ExpiresAt);
        output.WriteLine($"A killed holding {claimed.Count} leases after {clock.Elapsed.TotalSeconds:0.0} s; "
            + $"they expire {(leasesExpire - DateTimeOffset.UtcNow).TotalSeconds:0.0} s after the kill");

        await using var b = await ServerProcess.StartAsync("B", database.ConnectionString, Settings(lease));
        output.WriteLine($"B up {(leasesExpire - DateTimeOffset.UtcNow).TotalSeconds:0.0} s before A's leases expire");
        // Up to the lease (45 s) passes before A's timers may fire; the rest is firing 200 timers on a
        // machine the rest of the suite keeps busy. Returns as soon as all have finished.
        await database.WaitForFinishedAsync(count, lease + TimeSpan.FromSeconds(90), a, b);
        var leases = await watch.StopAsync();
        Assert.True(await b.StopAsync(TimeSpan.FromSeconds(20)), $"B did not stop gracefully:{Environment.NewLine}{b.Output}");

        await AssertEachFiredExactlyOnceAsync(database, ids);
        b.AssertLoggedNoFailure();

        // B fired the timers A held, but only once A's leases had expired.
        await using var db = database.Db();
        var claimedInstances = claimed.Select(t => t.InstanceId).ToHashSet();
        var ended = await db.WorkflowInstances.AsNoTracking().Where(i => claimedInstances.Contains(i.Id))
            .ToDictionaryAsync(i => i.Id, i => i.EndedAt);
        Assert.All(claimed, t => Assert.True(ended[t.InstanceId] > t.ExpiresAt,
            $"Instance {t.InstanceId} ended at {ended[t.InstanceId]:O}, before A's lease expired at {t.ExpiresAt:O}."));
        var retaken = claimed.SelectMany(t => leases[t.InstanceId]).Where(l => l.ProcessId != a.Id).ToList();
        Assert.All(retaken, l => Assert.Equal((b.Id, 2), (l.ProcessId, l.Attempts)));
        Assert.NotEmpty(retaken);
        var others = leases.Where(seen => !claimedInstances.Contains(seen.Key)).SelectMany(seen => seen).ToList();
        Assert.All(others, l => Assert.Equal((b.Id, 1), (l.ProcessId, l.Attempts)));

        // B was polling while A's leases were live (it fired the free timers then), so it did respect them.
        var unclaimedBeforeExpiry = await db.WorkflowInstances.CountAsync(i => !claimedInstances.Contains(i.Id) && i.EndedAt < leasesExpire);
        Assert.True(unclaimedBeforeExpiry > 0, $"B fired nothing before A's leases expired at {leasesExpire:O}: it started too late to show it waits for a live lease.");
        var firstClaimedEnd = ended.Values.Min();
        output.WriteLine($"B re-leased {retaken.Select(l => l.InstanceId).Distinct().Count()} of A's timers (seen), fired the other "
            + $"{count - claimed.Count} ({unclaimedBeforeExpiry} before A's leases expired); A's first one ended "
            + $"{(firstClaimedEnd - leasesExpire)?.TotalSeconds:0.00} s after expiry; total {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static Dictionary<string, string> Settings(TimeSpan lease) => new(StringComparer.Ordinal)
    {
        ["Workflows__RunTimers"] = "true",
        ["Workflows__TimerPollInterval"] = "00:00:00.200",
        ["Workflows__TimerBatchSize"] = BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Workflows__TimerLease"] = lease.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
    };

    private static List<Dictionary<string, JsonNode?>> NoInputs(int count) =>
        Enumerable.Range(0, count).Select(_ => new Dictionary<string, JsonNode?>(StringComparer.Ordinal)).ToList();

    private static async Task SetDueAtAsync(DurabilityDatabase database, DateTimeOffset due)
    {
        await using var db = database.Db();
        await db.WorkflowTimers.ExecuteUpdateAsync(s => s.SetProperty(t => t.DueAt, due));
    }

    private static async Task<List<TimerLease>> LeasedTimersAsync(DurabilityDatabase database)
    {
        await using var db = database.Db();
        return await db.WorkflowTimers.AsNoTracking()
            .Where(t => t.LeaseOwner != null && t.LeaseExpiresAt != null)
            .Select(t => new TimerLease(t.InstanceId, t.Id, t.LeaseOwner!, t.Attempts, t.LeaseExpiresAt!.Value))
            .ToListAsync();
    }

    private static async Task WaitForClaimsAsync(DurabilityDatabase database, int expected, ServerProcess claimer)
    {
        var waited = Stopwatch.StartNew();
        var claimed = 0;
        while (waited.Elapsed < TimeSpan.FromSeconds(20) && !claimer.HasExited)
        {
            claimed = (await LeasedTimersAsync(database)).Count;
            if (claimed >= expected)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }

        Assert.Fail($"{claimer} claimed {claimed} of {expected} timers in time. Output:{Environment.NewLine}{claimer.Output}");
    }

    /// <summary>Every instance resumed by its timer and finished exactly once; nothing left waiting.</summary>
    private static async Task AssertEachFiredExactlyOnceAsync(DurabilityDatabase database, IReadOnlyList<Guid> ids)
    {
        await using var db = database.Db();
        var statuses = await db.WorkflowInstances.AsNoTracking().GroupBy(i => i.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Status, g => g.Count);
        Assert.Equal(new Dictionary<WorkflowStatus, int> { [WorkflowStatus.Finished] = ids.Count }, statuses);

        var journal = await db.WorkflowJournal.AsNoTracking()
            .Where(j => j.Event == "Resumed" || j.Event == "Finished")
            .GroupBy(j => new { j.InstanceId, j.Event })
            .Select(g => new { g.Key.InstanceId, g.Key.Event, Count = g.Count() })
            .ToListAsync();
        var resumed = journal.Where(j => j.Event == "Resumed").ToDictionary(j => j.InstanceId, j => j.Count);
        var finished = journal.Where(j => j.Event == "Finished").ToDictionary(j => j.InstanceId, j => j.Count);
        var wrong = ids.Where(id => resumed.GetValueOrDefault(id) != 1 || finished.GetValueOrDefault(id) != 1).ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} instance(s) not resumed and finished exactly once: "
            + string.Join(", ", wrong.Take(10).Select(id => $"{id} resumed {resumed.GetValueOrDefault(id)}, finished {finished.GetValueOrDefault(id)}")));
        Assert.Equal(0, await db.WorkflowJournal.CountAsync(j => j.Event == "Resumed" && j.Actor != "system:timer"));
        Assert.Equal(0, await db.WorkflowTimers.CountAsync());
        Assert.Equal(0, await db.WorkflowBookmarks.CountAsync());
        Assert.Equal(0, await db.WorkflowIncidents.CountAsync());
    }
}
