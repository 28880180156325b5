using System.Net;
using Governance.Server.Demo;
using Governance.Server.Persistence;
using Governance.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Ui.Tests.Infrastructure;

/// <summary>
/// The real server on a real Kestrel listener (127.0.0.1, a port the kernel picks) and a real database,
/// seeded with the demo alliance at start-up as run.sh does. Browsers talk to it over HTTP and WebSocket.
/// </summary>
public sealed class UiServer : WebApplicationFactory<Program>
{
    private readonly DatabaseTarget _database;

    public UiServer(DatabaseTarget database)
    {
        _database = database;
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public DatabaseTarget Database => _database;

    /// <summary>The address the server listens on, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address { get; private set; } = null!;

    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Address = new Uri(addresses.Single().TrimEnd('/') + "/");
    }

    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    public static GovernanceDbContext Db(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", _database.Provider.ToString());
        builder.UseSetting("ConnectionStrings:Governance", _database.ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Workflows:RunTimers", "false");
        builder.UseSetting("Email:RunDispatcher", "false");

        // With test.sh's SMTP sink the emails really go out (the signing page's one-time code is read from it).
        if (Environment.GetEnvironmentVariable("GOVERNANCE_TEST_SMTP_PORT") is not null)
        {
            foreach (var (key, value) in Governance.Server.Tests.Email.SmtpSink.Shared.Settings())
            {
                builder.UseSetting(key, value);
            }

            builder.UseSetting("Email:RunDispatcher", "true");
        }
        builder.UseSetting("Identity:RequireHttps", "false");

        // Every scenario signs in; the limits have tests of their own in the server's suite.
        builder.UseSetting("Security:LoginPerMinute", "100000");
        builder.UseSetting("Security:PasswordResetPerMinute", "100000");
    }

    /// <summary>A demo person's address (the demo seed gives every role one person).</summary>
    public static string DemoEmail(string mailbox) => $"{mailbox}@{DemoSeeder.EmailDomain}";
}
