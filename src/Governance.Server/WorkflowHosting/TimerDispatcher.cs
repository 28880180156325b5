using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Governance.Server.WorkflowHosting;

/// <summary>
/// Fires due timers. A process claims a timer with a conditional update (only where no live lease is
/// held), so processes sharing a database do not fire the same timer; a process that dies holding a
/// lease loses it when the lease expires. Firing is a resume, which commits at most once in any case.
/// </summary>
public sealed partial class TimerDispatcher(
    IServiceScopeFactory scopes, IOptions<WorkflowOptions> options, TimeProvider clock, ILogger<TimerDispatcher> logger) : BackgroundService
{
    /// <summary>This process's name in lease columns.</summary>
    public string Owner { get; } = OwnerName();

    /// <summary>Claims and fires one batch of due timers; returns how many fired.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        List<Guid> candidates;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
            candidates = await db.WorkflowTimers.AsNoTracking()
                .Where(t => t.DueAt <= now && (t.LeaseExpiresAt == null || t.LeaseExpiresAt < now))
                .OrderBy(t => t.DueAt)
                .Take(options.Value.TimerBatchSize)
                .Select(t => t.Id)
                .ToListAsync(cancellationToken);
        }

        var claimed = new List<Guid>();
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
            var leaseUntil = now + options.Value.TimerLease;
            foreach (var id in candidates)
            {
                // Only one process's conditional update can succeed for a timer whose lease is free.
                var won = await db.WorkflowTimers
                    .Where(t => t.Id == id && t.DueAt <= now && (t.LeaseExpiresAt == null || t.LeaseExpiresAt < now))
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(t => t.LeaseOwner, Owner)
                        .SetProperty(t => t.LeaseExpiresAt, leaseUntil)
                        .SetProperty(t => t.Attempts, t => t.Attempts + 1), cancellationToken);
                if (won == 1)
                {
                    claimed.Add(id);
                }
            }
        }

        if (claimed.Count > 0 && options.Value.FaultInjectionHoldAfterClaim > TimeSpan.Zero)
        {
            await Task.Delay(options.Value.FaultInjectionHoldAfterClaim, cancellationToken);
        }

        var fired = 0;
        foreach (var id in claimed)
        {
            await using var scope = scopes.CreateAsyncScope();
            if (await scope.ServiceProvider.GetRequiredService<WorkflowRuntime>().FireTimerAsync(id, cancellationToken))
            {
                fired++;
            }
        }

        return fired;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunTimers)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await DispatchDueAsync(stoppingToken) > 0)
                {
                    // A full batch may mean more are due: go again at once.
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailure(logger, exception);
            }

            try
            {
                await Task.Delay(options.Value.TimerPollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static string OwnerName()
    {
        var name = $"{Environment.ProcessId}:{Guid.NewGuid():N}@{Environment.MachineName}";
        return name.Length <= 100 ? name : name[..100];
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer dispatch failed; retrying at the next poll")]
    private static partial void LogFailure(ILogger logger, Exception exception);
}
