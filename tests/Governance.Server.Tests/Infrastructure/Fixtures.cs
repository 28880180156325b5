namespace Governance.Server.Tests.Infrastructure;

/// <summary>One database and one server per provider, shared by the test classes of its collection.</summary>
public abstract class ServerFixture(DatabaseTarget database) : IAsyncLifetime
{
    public DatabaseTarget Database { get; } = database;

    public GovernanceApiFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.CreateAsync();
        Factory = new GovernanceApiFactory(Database);

        // Building the client starts the host, which migrates the database.
        using var client = Factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }
}

public sealed class SqliteServerFixture() : ServerFixture(new SqliteTarget());

public sealed class PostgresServerFixture() : ServerFixture(new PostgresTarget());

[CollectionDefinition(Name)]
public sealed class OnSqlite : ICollectionFixture<SqliteServerFixture>
{
    public const string Name = "SQLite server";
}

[CollectionDefinition(Name)]
public sealed class OnPostgres : ICollectionFixture<PostgresServerFixture>
{
    public const string Name = "PostgreSQL server";
}

/// <summary>Base of every test that runs on a provider: the database is emptied before each test.</summary>
public abstract class ServerTest(ServerFixture fixture) : IAsyncLifetime
{
    protected ServerFixture Fixture { get; } = fixture;

    protected GovernanceApiFactory Factory => Fixture.Factory;

    public virtual Task InitializeAsync() => Fixture.Database.ResetAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;
}
