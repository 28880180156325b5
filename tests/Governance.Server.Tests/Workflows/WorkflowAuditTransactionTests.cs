using System.Net;
using Governance.Server.Persistence;
using Governance.Server.Tests.Api;
using Governance.Server.Tests.Infrastructure;
using Governance.Server.WorkflowHosting;
using Governance.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Server.Tests.Workflows;

/// <summary>
/// A workflow operation through the API and its audit entry are one transaction: the database refuses
/// the write (on PostgreSQL a deferred trigger fails the COMMIT itself; on SQLite a trigger fails the
/// write inside the transaction) and neither the step nor the entry is there; allowed again, both are.
/// </summary>
public abstract class WorkflowAuditTransactionTests(ServerFixture fixture) : ServerTest(fixture)
{
    private const string Instances = "/api/v1/workflows/instances";

    [Fact]
    public async Task Start_CommitRefusedForTheAuditEntry_NoInstanceNoEntry_ThenBoth()
    {
        using var client = await Factory.CreateAdminClientAsync();
        await PublishAsync(TestFlows.WaitForEvent());

        await using (await RefuseAsync("AuditEntries", "Action", "workflow.start"))
        {
            var refused = await client.PostJsonAsync(Instances, new { definitionId = "wait-event", input = Inputs("k") });
            Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
        }

        Assert.Equal(0, await CountAsync(db => db.WorkflowInstances));
        Assert.Equal(0, await CountAsync(db => db.WorkflowBookmarks));
        Assert.Empty(await EntriesAsync("workflow.start"));

        var id = await StartAsync(client);
        Assert.Equal([id.ToString()], await EntriesAsync("workflow.start"));
        Assert.Equal(1, await CountAsync(db => db.WorkflowInstances));
    }

    [Fact]
    public async Task Start_StepRowsRefused_NoAuditEntry()
    {
        using var client = await Factory.CreateAdminClientAsync();
        await PublishAsync(TestFlows.WaitForEvent());

        await using (await RefuseAsync("WorkflowJournal", "ActivityId", "wait"))
        {
            var refused = await client.PostJsonAsync(Instances, new { definitionId = "wait-event", input = Inputs("k") });
            Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
        }

        Assert.Equal(0, await CountAsync(db => db.WorkflowInstances));
        Assert.Empty(await EntriesAsync("workflow.start"));
    }

    [Fact]
    public async Task Cancel_CommitRefused_StillWaitingNoEntry_ThenBoth()
    {
        using var client = await Factory.CreateAdminClientAsync();
        await PublishAsync(TestFlows.WaitForEvent());
        var id = await StartAsync(client);

        await using (await RefuseAsync("AuditEntries", "Action", "workflow.cancel"))
        {
            var refused = await client.PostJsonAsync($"{Instances}/{id}/cancel", new { reason = "撤回" });
            Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
        }

        Assert.Equal(WorkflowStatus.Suspended, await StatusAsync(id));
        Assert.Equal(1, await CountAsync(db => db.WorkflowBookmarks));
        Assert.Empty(await EntriesAsync("workflow.cancel"));

        var cancelled = await client.PostJsonAsync($"{Instances}/{id}/cancel", new { reason = "撤回" });
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal(WorkflowStatus.Cancelled, await StatusAsync(id));
        Assert.Equal([id.ToString()], await EntriesAsync("workflow.cancel"));
    }

    [Fact]
    public async Task Cancel_StepRowsRefused_NoAuditEntry()
    {
        using var client = await Factory.CreateAdminClientAsync();
        await PublishAsync(TestFlows.WaitForEvent());
        var id = await StartAsync(client);

        await using (await RefuseAsync("WorkflowJournal", "Event", "Cancelled"))
        {
            var refused = await client.PostJsonAsync($"{Instances}/{id}/cancel", new { reason = "撤回" });
            Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
        }

        Assert.Equal(WorkflowStatus.Suspended, await StatusAsync(id));
        Assert.Empty(await EntriesAsync("workflow.cancel"));
    }

    [Fact]
    public async Task Retry_CommitRefused_StillFaultedNoEntry_ThenBoth()
    {
        using var client = await Factory.CreateAdminClientAsync();
        await PublishAsync(TestFlows.FailsUntilFixed());
        var response = await client.PostJsonAsync(Instances, new { definitionId = "fails-until-fixed", input = new Dictionary<string, object?>() });
        var id = (await response.JsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal(WorkflowStatus.Faulted, await StatusAsync(id));
        var incidents = await CountAsync(db => db.WorkflowIncidents);

        await using (await RefuseAsync("AuditEntries", "Action", "workflow.retry"))
        {
            var refused = await client.PostAsync($"{Instances}/{id}/retry", null);
            Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
        }

        Assert.Equal(WorkflowStatus.Faulted, await StatusAsync(id));
        Assert.Equal(incidents, await CountAsync(db => db.WorkflowIncidents));
        Assert.Empty(await EntriesAsync("workflow.retry"));

        var retried = await client.PostAsync($"{Instances}/{id}/retry", null);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(incidents + 1, await CountAsync(db => db.WorkflowIncidents));
        Assert.Equal([id.ToString()], await EntriesAsync("workflow.retry"));
    }

    [Fact]
    public async Task Event_CommitRefusedForOneInstance_OnlyTheOtherResumedAndAudited_ThenBoth()
    {
        using var client = await Factory.CreateAdminClientAsync();
        await PublishAsync(TestFlows.WaitForEvent());
        var first = await StartAsync(client);
        var second = await StartAsync(client);
        var body = new { name = "Approved", correlationKey = "k", payload = new { decision = "同意" } };

        await using (await RefuseAsync("AuditEntries", "TargetId", second.ToString()))
        {
            var refused = await client.PostJsonAsync("/api/v1/workflows/events", body);
            Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
        }

        Assert.Equal(WorkflowStatus.Finished, await StatusAsync(first));
        Assert.Equal(WorkflowStatus.Suspended, await StatusAsync(second));
        Assert.Equal([first.ToString()], await EntriesAsync("workflow.event"));

        var raised = await (await client.PostJsonAsync("/api/v1/workflows/events", body)).JsonAsync();
        Assert.Equal(1, raised.GetProperty("resumed").GetInt32());
        Assert.Equal(WorkflowStatus.Finished, await StatusAsync(second));
        Assert.Equal([first.ToString(), second.ToString()], await EntriesAsync("workflow.event"));
    }

    [Fact]
    public async Task ResumeBookmark_CommitRefused_StillWaitingNoEntry_ThenBoth()
    {
        using var client = await Factory.CreateAdminClientAsync();
        await PublishAsync(TestFlows.WaitForEvent());
        var id = await StartAsync(client);
        Guid bookmark;
        await using (var scope = Factory.Scope())
        {
            bookmark = await GovernanceApiFactory.Db(scope).WorkflowBookmarks.Where(b => b.InstanceId == id).Select(b => b.Id).SingleAsync();
        }

        var url = $"{Instances}/{id}/bookmarks/{bookmark}/resume";
        await using (await RefuseAsync("AuditEntries", "Action", "workflow.resume"))
        {
            var refused = await client.PostJsonAsync(url, new { input = new { decision = "同意" } });
            Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
        }

        Assert.Equal(WorkflowStatus.Suspended, await StatusAsync(id));
        Assert.Empty(await EntriesAsync("workflow.resume"));

        var resumed = await client.PostJsonAsync(url, new { input = new { decision = "同意" } });
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.Equal(WorkflowStatus.Finished, await StatusAsync(id));
        Assert.Equal([id.ToString()], await EntriesAsync("workflow.resume"));
    }

    [Fact]
    public async Task Operations_EachAuditedOnce_AndTheChainStillVerifies()
    {
        using var client = await Factory.CreateAdminClientAsync();
        await PublishAsync(TestFlows.WaitForEvent());
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await StartAsync(client));
        }

        await client.PostJsonAsync($"{Instances}/{ids[0]}/cancel", new { reason = "撤回" });
        await client.PostJsonAsync("/api/v1/workflows/events", new { name = "Approved", correlationKey = "k", payload = new { decision = "同意" } });

        Assert.Equal(ids.Select(i => i.ToString()).Order(), (await EntriesAsync("workflow.start")).Order());
        Assert.Equal([ids[0].ToString()], await EntriesAsync("workflow.cancel"));
        Assert.Equal(ids.Skip(1).Select(i => i.ToString()).Order(), (await EntriesAsync("workflow.event")).Order());
        var verified = await (await client.GetAsync("/api/v1/audit/verify")).JsonAsync();
        Assert.True(verified.GetProperty("isIntact").GetBoolean(), verified.ToString());
    }

    private static Dictionary<string, object?> Inputs(string key) => new() { ["Key"] = key };

    private async Task PublishAsync(string json)
    {
        await using var scope = Factory.Scope();
        await scope.ServiceProvider.GetRequiredService<WorkflowDefinitionStore>().ImportAsync(json, CancellationToken.None);
    }

    private static async Task<Guid> StartAsync(HttpClient client)
    {
        var response = await client.PostJsonAsync(Instances, new { definitionId = "wait-event", input = Inputs("k") });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }

    private async Task<int> CountAsync<T>(Func<GovernanceDbContext, IQueryable<T>> rows)
    {
        await using var scope = Factory.Scope();
        return await rows(GovernanceApiFactory.Db(scope)).CountAsync();
    }

    private async Task<WorkflowStatus> StatusAsync(Guid id)
    {
        await using var scope = Factory.Scope();
        return await GovernanceApiFactory.Db(scope).WorkflowInstances.Where(i => i.Id == id).Select(i => i.Status).SingleAsync();
    }

    /// <summary>Target ids of the audit entries with this action, in chain order.</summary>
    private async Task<List<string>> EntriesAsync(string action)
    {
        await using var scope = Factory.Scope();
        return await GovernanceApiFactory.Db(scope).AuditEntries.Where(e => e.Action == action).OrderBy(e => e.Sequence)
            .Select(e => e.TargetId).ToListAsync();
    }

    /// <summary>
    /// Makes the database refuse any transaction that writes a row of <paramref name="table"/> whose
    /// <paramref name="column"/> is <paramref name="value"/>, until disposed.
    /// </summary>
    private async Task<IAsyncDisposable> RefuseAsync(string table, string column, string value)
    {
        var literal = value.Replace("'", "''", StringComparison.Ordinal);
        var name = $"refuse_{table}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();
        string[] create, drop;
        if (Fixture.Database.Provider == DatabaseProvider.PostgreSql)
        {
            // Deferred to the end of the transaction: the COMMIT itself fails.
            create =
            [
                $"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'commit refused by the test'; END $$",
                $"CREATE CONSTRAINT TRIGGER {name} AFTER INSERT OR UPDATE ON \"{table}\" DEFERRABLE INITIALLY DEFERRED "
                    + $"FOR EACH ROW WHEN (NEW.\"{column}\"::text = '{literal}') EXECUTE FUNCTION {name}()",
            ];
            drop = [$"DROP TRIGGER {name} ON \"{table}\"", $"DROP FUNCTION {name}()"];
        }
        else
        {
            create =
            [
                $"CREATE TRIGGER {name} BEFORE INSERT ON \"{table}\" WHEN NEW.\"{column}\" = '{literal}' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END",
                $"CREATE TRIGGER {name}_u BEFORE UPDATE ON \"{table}\" WHEN NEW.\"{column}\" = '{literal}' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END",
            ];
            drop = [$"DROP TRIGGER {name}", $"DROP TRIGGER {name}_u"];
        }

        await ExecuteAsync(create);
        return new Restore(() => ExecuteAsync(drop));
    }

    private async Task ExecuteAsync(IEnumerable<string> statements)
    {
        await using var connection = Fixture.Database.OpenConnection();
        await connection.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }
    }

    private sealed class Restore(Func<Task> restore) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await restore();
    }
}

[Collection(OnSqlite.Name)]
public sealed class SqliteWorkflowAuditTransactionTests(SqliteServerFixture fixture) : WorkflowAuditTransactionTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresWorkflowAuditTransactionTests(PostgresServerFixture fixture) : WorkflowAuditTransactionTests(fixture);
