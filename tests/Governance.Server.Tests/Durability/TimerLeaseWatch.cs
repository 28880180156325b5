using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Tests.Durability;

/// <summary>A lease on a timer as seen in WorkflowTimers at one moment.</summary>
public sealed record TimerLease(Guid InstanceId, Guid TimerId, string Owner, int Attempts, DateTimeOffset ExpiresAt)
{
    /// <summary>The OS process that holds it: a dispatcher's owner name starts with its process id.</summary>
    public int ProcessId => int.Parse(Owner.AsSpan(0, Owner.IndexOf(':', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
}

/// <summary>
/// Watches the lease columns of WorkflowTimers from outside the server processes while they run.
/// A fired timer is deleted with its bookmark, so which process held (and fired) it can only be
/// seen while the lease is held: every lease seen is recorded, per instance.
/// </summary>
public sealed class TimerLeaseWatch : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);
    private readonly HashSet<TimerLease> _seen = [];
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watching;

    private TimerLeaseWatch(DurabilityDatabase database)
    {
        _watching = Task.Run(() => WatchAsync(database, _stop.Token));
    }

    public static TimerLeaseWatch Start(DurabilityDatabase database) => new(database);

    /// <summary>Stops watching; returns every distinct lease seen, by instance.</summary>
    public async Task<ILookup<Guid, TimerLease>> StopAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        lock (_lock)
        {
            return _seen.ToLookup(l => l.InstanceId);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task WatchAsync(DurabilityDatabase database, CancellationToken cancellationToken)
    {
        await using var db = database.Db();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var leased = await db.WorkflowTimers.AsNoTracking()
                    .Where(t => t.LeaseOwner != null && t.LeaseExpiresAt != null)
                    .Select(t => new TimerLease(t.InstanceId, t.Id, t.LeaseOwner!, t.Attempts, t.LeaseExpiresAt!.Value))
                    .ToListAsync(cancellationToken);
                lock (_lock)
                {
                    _seen.UnionWith(leased);
                }

                await Task.Delay(Interval, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
    }
}
