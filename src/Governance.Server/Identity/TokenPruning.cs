using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace Governance.Server.Identity;

/// <summary>
/// Removes expired and revoked tokens and authorizations (OpenIddict.Quartz is not available), and
/// used or expired one-time codes and step-up proofs. Safe in several processes: pruning is idempotent.
/// </summary>
internal sealed partial class TokenPruning(
    IServiceScopeFactory scopes, IOptions<TokenServerOptions> options, TimeProvider clock, ILogger<TokenPruning> logger) : BackgroundService
{
    public static async Task PruneAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);

        // OpenIddict prunes what expired or was revoked before the threshold.
        var threshold = now.AddDays(-1);
        await services.GetRequiredService<IOpenIddictTokenManager>().PruneAsync(threshold, cancellationToken);
        await services.GetRequiredService<IOpenIddictAuthorizationManager>().PruneAsync(threshold, cancellationToken);
        await services.GetRequiredService<StepUpService>().PruneAsync(threshold, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PruneInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await PruneAsync(scope.ServiceProvider, clock.GetUtcNow(), stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning expired tokens failed; trying again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
