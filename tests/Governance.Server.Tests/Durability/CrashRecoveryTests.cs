using System.Diagnostics;
using System.Text.Json.Nodes;
using Governance.Server.Tests.Api;
using Governance.Server.Tests.Infrastructure;
using Governance.Server.Tests.Workflows;
using Governance.Server.WorkflowHosting;
using Governance.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Governance.Server.Tests.Durability;

/// <summary>
/// A server killed (SIGKILL) in the middle of a burst of event deliveries: every resume it
/// acknowledged is kept, none is half applied, and delivering every event again to a restarted
/// server completes each instance exactly once.
/// </summary>
[Collection(ServerProcesses.Name)]
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int InstanceCount = 300;
    private const int KillAfterAcknowledged = 100;
    private const int Clients = 8;
    private const string Events = "/api/v1/workflows/events";

    [Fact]
    public async Task EventBurst_ServerKilledMidway_NothingHalfAppliedAndRedeliveryResumesEachOnce()
    {
        var clock = Stopwatch.StartNew();
        await using var database = await DurabilityDatabase.CreateAsync();
        var deliveries = Enumerable.Range(0, InstanceCount)
            .Select(i => new EventDelivery($"crash-{i:D3}", $"决定-{i:D3}", $"delivery-{i:D3}")).ToList();
        var ids = await database.StartInstancesAsync(TestFlows.WaitForEvent(),
            deliveries.Select(d => new Dictionary<string, JsonNode?>(StringComparer.Ordinal) { ["Key"] = d.Key }).ToList());

        DeliveryResult?[] first;
        await using (var server = await ServerProcess.StartAsync("first", database.ConnectionString))
        {
            first = await DeliverAsync(server, deliveries, KillAfterAcknowledged);
            await server.WaitForExitAsync();
            Assert.True(server.KilledAt is not null, "The burst ended before the server was killed.");
        }

        var acknowledged = Enumerable.Range(0, InstanceCount).Where(i => first[i] is { Acknowledged: true }).ToList();
        var failed = Enumerable.Range(0, InstanceCount).Where(i => first[i] is { Acknowledged: false }).ToList();
        output.WriteLine($"first server: {acknowledged.Count} acknowledged, {failed.Count} failed (cut off or refused), "
            + $"{first.Count(r => r is null)} not sent ({clock.Elapsed.TotalSeconds:0.0} s)");
        Assert.InRange(acknowledged.Count, KillAfterAcknowledged, InstanceCount - 1);

        // Only the kill may fail a delivery: every answer the server gave was a success, and resumed its instance.
        var refused = failed.Where(i => first[i]!.Status is not null).Select(i => $"{deliveries[i].Key}: {first[i]}").ToList();
        Assert.True(refused.Count == 0, string.Join(Environment.NewLine, refused));
        Assert.All(acknowledged, i => Assert.Equal(1, first[i]!.Resumed));

        await using var restarted = await ServerProcess.StartAsync("restarted", database.ConnectionString);
        var afterCrash = await LoadAsync(database, ids);
        var problems = new List<string>();
        for (var i = 0; i < InstanceCount; i++)
        {
            CheckConsistent(afterCrash[ids[i]], deliveries[i], problems);
            if (first[i] is { Acknowledged: true } && afterCrash[ids[i]].Status != WorkflowStatus.Finished)
            {
                problems.Add($"{deliveries[i].Key}: acknowledged but {afterCrash[ids[i]].Status}");
            }
        }

        Assert.True(problems.Count == 0, $"{problems.Count} problem(s) after the crash:{Environment.NewLine}{string.Join(Environment.NewLine, problems.Take(20))}");
        var appliedUnacknowledged = failed.Count(i => afterCrash[ids[i]].Status == WorkflowStatus.Finished);
        output.WriteLine($"after the crash: {afterCrash.Values.Count(s => s.Status == WorkflowStatus.Finished)} finished "
            + $"({appliedUnacknowledged} of them committed without an answer), the rest suspended");

        // Every event again, with the same delivery ids: what was applied is not applied twice.
        var again = await DeliverAsync(restarted, deliveries, killAfterAcknowledged: null);
        Assert.True(await restarted.StopAsync(TimeSpan.FromSeconds(20)), $"The restarted server did not stop gracefully:{Environment.NewLine}{restarted.Output}");
        restarted.AssertLoggedNoFailure();
        for (var i = 0; i < InstanceCount; i++)
        {
            var expected = afterCrash[ids[i]].Status == WorkflowStatus.Suspended ? 1 : 0;
            if (again[i] is not { Acknowledged: true } answer || answer.Resumed != expected)
            {
                problems.Add($"{deliveries[i].Key}: redelivery answered {again[i]}, expected resumed={expected} (first delivery: {first[i]})");
            }
        }

        var final = await LoadAsync(database, ids);
        for (var i = 0; i < InstanceCount; i++)
        {
            CheckConsistent(final[ids[i]], deliveries[i], problems);
            if (final[ids[i]].Status != WorkflowStatus.Finished)
            {
                problems.Add($"{deliveries[i].Key}: {final[ids[i]].Status} after redelivery");
            }
        }

        Assert.True(problems.Count == 0, $"{problems.Count} problem(s) after redelivery:{Environment.NewLine}{string.Join(Environment.NewLine, problems.Take(20))}");
        await using var db = database.Db();
        Assert.Equal(InstanceCount, await db.ProcessedStimuli.CountAsync());
        Assert.Equal(0, await db.WorkflowBookmarks.CountAsync());
        output.WriteLine($"total {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>
    /// Sends the events from <see cref="Clients"/> concurrent clients; with <paramref name="killAfterAcknowledged"/>
    /// the server is killed as soon as that many were acknowledged. The clients go on sending until the
    /// process is gone, so that some deliveries are in flight when it dies. Null where a delivery was never sent.
    /// </summary>
    private static async Task<DeliveryResult?[]> DeliverAsync(ServerProcess server, IReadOnlyList<EventDelivery> deliveries, int? killAfterAcknowledged)
    {
        var results = new DeliveryResult?[deliveries.Count];
        var next = -1;
        var acknowledged = 0;
        using var client = await server.CreateIntegrationClientAsync();

        async Task SendAsync()
        {
            while (!server.HasExited && Interlocked.Increment(ref next) is var i && i < deliveries.Count)
            {
                var delivery = deliveries[i];
                try
                {
                    using var response = await client.PostJsonAsync(Events, new
                    {
                        name = "Approved",
                        correlationKey = delivery.Key,
                        payload = new { decision = delivery.Decision },
                        deliveryId = delivery.DeliveryId,
                    });
                    if (!response.IsSuccessStatusCode)
                    {
                        results[i] = new DeliveryResult(false, (int)response.StatusCode, null, await response.Content.ReadAsStringAsync());
                        continue;
                    }

                    results[i] = new DeliveryResult(true, (int)response.StatusCode, (await response.JsonAsync()).GetProperty("resumed").GetInt32(), null);
                    if (Interlocked.Increment(ref acknowledged) == killAfterAcknowledged)
                    {
                        server.Kill();
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or IOException or TaskCanceledException)
                {
                    results[i] = new DeliveryResult(false, null, null, exception.Message);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(SendAsync)));
        return results;
    }

    private static async Task<Dictionary<Guid, StoredInstance>> LoadAsync(DurabilityDatabase database, IReadOnlyList<Guid> ids)
    {
        await using var db = database.Db();
        var instances = await db.WorkflowInstances.AsNoTracking().Select(i => new { i.Id, i.Status, i.StateJson }).ToListAsync();
        var bookmarks = (await db.WorkflowBookmarks.AsNoTracking().Select(b => new { b.InstanceId, b.Id }).ToListAsync())
            .ToLookup(b => b.InstanceId, b => b.Id);
        var resumed = await db.WorkflowJournal.AsNoTracking().Where(j => j.Event == "Resumed")
            .GroupBy(j => j.InstanceId).Select(g => new { InstanceId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.InstanceId, g => g.Count);
        var stimuli = await db.ProcessedStimuli.AsNoTracking().Select(s => s.Key).ToListAsync();
        Assert.Equal(ids.Order(), instances.Select(i => i.Id).Order());
        return instances.ToDictionary(i => i.Id, i => new StoredInstance(
            i.Status,
            InstanceStateJson.Read(i.StateJson),
            [.. bookmarks[i.Id]],
            resumed.GetValueOrDefault(i.Id),
            [.. stimuli.Where(s => s.EndsWith($":{i.Id}", StringComparison.Ordinal))]));
    }

    /// <summary>
    /// Whole, not half applied: the state's bookmarks are the bookmark rows, and status, journal,
    /// processed delivery and variables all say the same: still waiting, or resumed once with its payload.
    /// </summary>
    private static void CheckConsistent(StoredInstance stored, EventDelivery delivery, List<string> problems)
    {
        var inState = stored.State.Bookmarks.Select(b => b.Id).ToHashSet();
        if (!inState.SetEquals(stored.BookmarkRows))
        {
            problems.Add($"{delivery.Key}: bookmarks in state [{string.Join(", ", inState)}], rows [{string.Join(", ", stored.BookmarkRows)}]");
        }

        if (stored.State.Status != stored.Status)
        {
            problems.Add($"{delivery.Key}: row says {stored.Status}, state says {stored.State.Status}");
        }

        var decision = stored.State.Variables.GetValueOrDefault("Decision")?.GetValue<string>();
        var (bookmarks, resumed, stimuli, expectedDecision) = stored.Status switch
        {
            WorkflowStatus.Suspended => (1, 0, Array.Empty<string>(), string.Empty),
            WorkflowStatus.Finished => (0, 1, [$"event:{delivery.DeliveryId}:{stored.State.InstanceId}"], delivery.Decision),
            _ => (-1, -1, ["unexpected status"], "unexpected status"),
        };
        if (stored.BookmarkRows.Count != bookmarks || stored.ResumedEntries != resumed
            || !stored.ProcessedDeliveries.SequenceEqual(stimuli) || decision != expectedDecision)
        {
            problems.Add($"{delivery.Key}: {stored.Status} with {stored.BookmarkRows.Count} bookmark(s), {stored.ResumedEntries} Resumed entr(ies), "
                + $"processed [{string.Join(", ", stored.ProcessedDeliveries)}], Decision '{decision}'");
        }
    }

    private sealed record EventDelivery(string Key, string Decision, string DeliveryId);

    /// <summary>An answer (Status, and Resumed when it was a success) or the transport failure of one delivery.</summary>
    private sealed record DeliveryResult(bool Acknowledged, int? Status, int? Resumed, string? Failure);

    private sealed record StoredInstance(
        WorkflowStatus Status, WorkflowInstanceState State, List<Guid> BookmarkRows, int ResumedEntries, List<string> ProcessedDeliveries);
}
