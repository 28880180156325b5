using Governance.Server.Tests.Infrastructure;

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
