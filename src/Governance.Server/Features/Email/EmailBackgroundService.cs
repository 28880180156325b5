using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Governance.Server.Features.Email;

/// <summary>Runs the dispatcher continuously and the reminder and digest planners every <see cref="EmailOptions.PlannerInterval"/>.</summary>
public sealed partial class EmailBackgroundService(
    OutboxDispatcher dispatcher, IServiceScopeFactory scopes, IOptions<EmailOptions> options, TimeProvider clock, ILogger<EmailBackgroundService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.RunDispatcher)
        {
            return;
        }

        // The first round waits one poll: the host starts its other services (and answers /health)
        // without competing with the compilation of this loop's queries.
        try
        {
            await Task.Delay(settings.PollInterval, clock, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var nextPlanning = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (clock.GetUtcNow() >= nextPlanning)
                {
                    nextPlanning = clock.GetUtcNow() + settings.PlannerInterval;
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<ReminderPlanner>().PlanAsync(stoppingToken);
                    await scope.ServiceProvider.GetRequiredService<DigestPlanner>().PlanAsync(stoppingToken);
                }
            }
            catch (DbUpdateException exception) when (UniqueViolation.Is(exception))
            {
                // Another process queued the same reminder or digest first; the next round finds it.
                LogPlanningRace(logger);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailure(logger, exception);
            }

            try
            {
                while (await dispatcher.DispatchDueAsync(stoppingToken) >= settings.BatchSize)
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
                await Task.Delay(settings.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Email dispatch or planning failed; retrying at the next poll")]
    private static partial void LogFailure(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Another process planned the same email first")]
    private static partial void LogPlanningRace(ILogger logger);
}
