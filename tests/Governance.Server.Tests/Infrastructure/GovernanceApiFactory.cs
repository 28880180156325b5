using Governance.Server.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Governance.Server.Tests.Infrastructure;

/// <summary>The real server, in process, on a real database, with a clock the test controls.</summary>
public sealed class GovernanceApiFactory(DatabaseTarget database) : WebApplicationFactory<Program>
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));

    public DatabaseTarget Database => database;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", database.Provider.ToString());
        builder.UseSetting("ConnectionStrings:Governance", database.ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Demo:Seed", "false");

        // Tests fire timers themselves (TimerDispatcher.DispatchDueAsync) against the fake clock.
        builder.UseSetting("Workflows:RunTimers", "false");

        // Likewise the email dispatcher and planners (OutboxDispatcher.DispatchDueAsync).
        builder.UseSetting("Email:RunDispatcher", "false");
        foreach (var (key, value) in TestAccounts.Settings())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>A fresh unit of work on the server's database, as a handler would get one.</summary>
    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    public static GovernanceDbContext Db(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
}
