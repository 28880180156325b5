using Microsoft.Extensions.Options;

namespace Governance.Server.Demo;

/// <summary>Runs after the migrator (hosted services start in registration order).</summary>
internal sealed class DemoSeedOnStartup(IServiceScopeFactory scopes, IOptions<DemoOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Seed)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
        if (options.Value.PrintAccounts)
        {
            await Console.Out.WriteLineAsync(DemoSeeder.Describe(result));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
