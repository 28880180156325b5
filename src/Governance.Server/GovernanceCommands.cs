using Governance.Server.Demo;
using Governance.Server.Persistence;
using Microsoft.Extensions.Options;

namespace Governance.Server;

/// <summary>
/// Command-line verbs that run instead of the web server:
/// <c>seed-demo</c> migrates the configured database and seeds the demo alliance, then exits.
/// </summary>
internal static class GovernanceCommands
{
    public static async Task<bool> TryRunAsync(string[] args)
    {
        if (args is not ["seed-demo", .. var rest])
        {
            return false;
        }

        var builder = WebApplication.CreateBuilder(rest);
        builder.AddGovernancePersistence();
        builder.AddGovernanceDemo();
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        var provider = scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider;
        await DatabaseMigrator.MigrateAsync(scope.ServiceProvider, provider, app.Logger, CancellationToken.None);
        var result = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
        await Console.Out.WriteLineAsync(DemoSeeder.Describe(result));
        return true;
    }
}
