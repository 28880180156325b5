using System.Data.Common;
using Governance.Server.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;
using Respawn;

namespace Governance.Server.Tests.Infrastructure;

/// <summary>
/// A real, private database for one test collection: a SQLite file, or a fresh database on the
/// PostgreSQL server the test command started. Reset between tests with Respawn.
/// </summary>
public abstract class DatabaseTarget : IAsyncDisposable
{
    // The data-protection keys outlive a reset as they outlive a deployment: a running server keeps its key ring in memory.
    private static readonly string[] IgnoredTables = ["__EFMigrationsHistory", "__EFMigrationsLock", "DataProtectionKeys"];
    private Respawner? _respawner;

    public abstract DatabaseProvider Provider { get; }

    public abstract string ConnectionString { get; }

    public abstract Task CreateAsync();

    public async Task ResetAsync()
    {
        await using var connection = OpenConnection();
        await connection.OpenAsync();
        _respawner ??= await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = Provider == DatabaseProvider.PostgreSql ? DbAdapter.Postgres : DbAdapter.Sqlite,
            TablesToIgnore = IgnoredTables.Select(t => new Respawn.Graph.Table(t)).ToArray(),
            SchemasToInclude = Provider == DatabaseProvider.PostgreSql ? ["public"] : [],
        });
        await _respawner.ResetAsync(connection);
    }

    public abstract DbConnection OpenConnection();

    public abstract ValueTask DisposeAsync();
}

public sealed class SqliteTarget : DatabaseTarget
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "governance-tests", Guid.NewGuid().ToString("N"));

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string ConnectionString => $"Data Source={Path.Combine(_folder, "governance.db")};Pooling=False";

    public override Task CreateAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    public override DbConnection OpenConnection() => new SqliteConnection(ConnectionString);

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing test host is removed with the temp folder later.
        }

        return ValueTask.CompletedTask;
    }
}

public sealed class PostgresTarget : DatabaseTarget
{
    public const string ServerVariable = "GOVERNANCE_TEST_POSTGRES";
    private readonly string _database = $"governance_test_{Guid.NewGuid():N}";
    private readonly string _server;

    // With fsync on and the whole suite writing, DROP DATABASE … WITH (FORCE) has taken over Npgsql's
    // default 30 s; creating a database is given the same room.
    private const int DatabaseCommandTimeoutSeconds = 300;

    public PostgresTarget()
    {
        _server = Environment.GetEnvironmentVariable(ServerVariable)
            ?? throw new InvalidOperationException(
                $"{ServerVariable} is not set: run the tests with ./test.sh, which starts a private PostgreSQL server.");
    }

    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    public override string ConnectionString =>
        new NpgsqlConnectionStringBuilder(_server) { Database = _database, Pooling = true }.ConnectionString;

    public override async Task CreateAsync()
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE \"{_database}\"";
        command.CommandTimeout = DatabaseCommandTimeoutSeconds;
        await command.ExecuteNonQueryAsync();
    }

    public override DbConnection OpenConnection() => new NpgsqlConnection(ConnectionString);

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)";
        command.CommandTimeout = DatabaseCommandTimeoutSeconds;
        await command.ExecuteNonQueryAsync();
    }
}
