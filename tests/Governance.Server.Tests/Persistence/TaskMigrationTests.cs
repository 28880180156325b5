using System.Data.Common;
using Governance.Domain.Common;
using Governance.Server.Persistence;
using Governance.Server.Persistence.Providers;
using Governance.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Governance.Server.Tests.Persistence;

/// <summary>
/// The TasksAndTracking migration on a database that already holds tasks: the JSON list of copies
/// becomes one row per person, and stored history events are numbered in the order of their times.
/// </summary>
public abstract class TaskMigrationTests
{
    protected abstract DatabaseTarget Target();

    protected abstract GovernanceDbContext Context(string connectionString);

    [Fact]
    public async Task ExistingTasks_KeepTheirCopiesAndHistoryOrder()
    {
        await using var target = Target();
        await target.CreateAsync();
        var task = Guid.CreateVersion7();
        PersonId first = PersonId.New(), second = PersonId.New(), assignee = PersonId.New();
        var created = new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);
        await using (var db = Context(target.ConnectionString))
        {
            var migrations = db.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_TasksAndTracking", StringComparison.Ordinal)) - 1];
            await db.GetService<IMigrator>().MigrateAsync(before);
            await using var connection = target.OpenConnection();
            await connection.OpenAsync();
            await ExecuteAsync(connection,
                """INSERT INTO "Tasks" ("Id", "Kind", "Title", "AssigneeId", "Status", "CreatedAt", "Version", "Cc") VALUES (@id, 'Approve', '审核入盟申请', @assignee, 'Open', @created, 2, @cc)""",
                ("id", Id(task)), ("assignee", Id(assignee.Value)), ("created", Time(created)),
                ("cc", $"[\"{first.Value}\",\"{second.Value}\"]"));

            // Stored in the opposite order of their ids, so only the times can give the order back.
            await ExecuteAsync(connection,
                """INSERT INTO "TaskEvents" ("Id", "TaskId", "Action", "At") VALUES (@late, @task, 'Transferred', @t2), (@early, @task, 'Created', @t1)""",
                ("late", Id(Guid.Parse("00000000-0000-7000-8000-000000000001"))), ("early", Id(Guid.Parse("00000000-0000-7000-8000-000000000002"))),
                ("task", Id(task)), ("t1", Time(created)), ("t2", Time(created.AddHours(1))));
        }

        await using (var db = Context(target.ConnectionString))
        {
            await db.Database.MigrateAsync();
        }

        await using (var db = Context(target.ConnectionString))
        {
            var stored = await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == new WorkTaskId(task));
            Assert.Equal(new[] { first.Value, second.Value }.Order(), stored.CcIds.Select(c => c.Value).Order());
            Assert.Equal(["Created", "Transferred"], stored.History.Select(h => h.Action));
            Assert.Equal([1, 2], stored.History.Select(h => h.Sequence));
            Assert.Equal(1, await db.Tasks.CountAsync(t => t.Cc.Any(c => c.PersonId == second)));
        }

        object Id(Guid id) => target.Provider == DatabaseProvider.Sqlite ? id.ToString().ToUpperInvariant() : id;

        object Time(DateTimeOffset at) => target.Provider == DatabaseProvider.Sqlite ? at.UtcTicks : at;
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        await command.ExecuteNonQueryAsync();
    }
}

public sealed class SqliteTaskMigrationTests : TaskMigrationTests
{
    protected override DatabaseTarget Target() => new SqliteTarget();

    protected override GovernanceDbContext Context(string connectionString) =>
        new SqliteGovernanceDbContext(new DbContextOptionsBuilder<SqliteGovernanceDbContext>().UseSqlite(connectionString).Options);
}

public sealed class PostgresTaskMigrationTests : TaskMigrationTests
{
    protected override DatabaseTarget Target() => new PostgresTarget();

    protected override GovernanceDbContext Context(string connectionString) =>
        new PostgreSqlGovernanceDbContext(new DbContextOptionsBuilder<PostgreSqlGovernanceDbContext>().UseNpgsql(connectionString).Options);
}
