using Governance.Server.Tests.Infrastructure;
using Governance.Ui.Tests.EndToEnd;

namespace Governance.Ui.Tests.Infrastructure;

/// <summary>One server with the demo data (plus <see cref="UiScenarioData"/>) and one Chromium per provider.</summary>
public abstract class UiFixture(DatabaseTarget database) : IAsyncLifetime
{
    public UiServer Server { get; private set; } = null!;

    public Browser Browser { get; } = new();

    public UiScenarioData Data { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await database.CreateAsync();
        Server = new UiServer(database);
        Server.Start();
        Data = await UiScenarioData.AddAsync(Server);
        await Browser.InitializeAsync();
        await WarmUpAsync();
    }

    /// <summary>
    /// The first render of the pages compiles and loads a great deal; done once here, it does not eat
    /// into the first scenario's time limits.
    /// </summary>
    private async Task WarmUpAsync()
    {
        using var http = new HttpClient { BaseAddress = Server.Address, Timeout = TimeSpan.FromMinutes(3) };
        foreach (var path in new[] { "/sign-in", "/_framework/blazor.web.js", "/ui/theme.css" })
        {
            using var response = await http.GetAsync(path);
            response.EnsureSuccessStatusCode();
        }

        // A signed-in page on its circuit too: the first one renders the layout, the person and the
        // home page cold while the other test projects load both cores.
        await using var session = await BrowserSession.OpenAsync(Browser, Server.Address);
        session.Context.SetDefaultTimeout(180_000);
        session.Context.SetDefaultNavigationTimeout(180_000);
        await session.SignInAsync("admin", timeoutMs: 180_000);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Server.DisposeAsync();
        await database.DisposeAsync();
    }
}

public sealed class SqliteUiFixture() : UiFixture(new SqliteTarget());

public sealed class PostgresUiFixture() : UiFixture(new PostgresTarget());

[CollectionDefinition(Name)]
public sealed class UiOnSqlite : ICollectionFixture<SqliteUiFixture>
{
    public const string Name = "UI on SQLite";
}

[CollectionDefinition(Name)]
public sealed class UiOnPostgres : ICollectionFixture<PostgresUiFixture>
{
    public const string Name = "UI on PostgreSQL";
}
