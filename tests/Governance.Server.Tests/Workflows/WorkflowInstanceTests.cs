using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Governance.Domain.Common;
using Governance.Domain.Organizations;
using Governance.Server.Tests.Api;
using Governance.Server.Tests.Builders;
using Governance.Server.Tests.Infrastructure;
using Governance.Server.WorkflowHosting;
using Governance.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Server.Tests.Workflows;

public abstract class WorkflowInstanceTests(ServerFixture fixture) : ServerTest(fixture)
{
    private const string Instances = "/api/v1/workflows/instances";

    [Fact]
    public async Task Event_RaisedWithItsKey_ResumesAndFinishesWithThePayload()
    {
        using var client = await Factory.CreateAdminClientAsync();
        await PublishAsync(TestFlows.WaitForEvent());
        var id = await StartAsync(client, "wait-event", Inputs(("Key", "org-1")));

        var other = await (await client.PostJsonAsync("/api/v1/workflows/events", new { name = "Approved", correlationKey = "org-2" })).JsonAsync();
        var raised = await (await client.PostJsonAsync("/api/v1/workflows/events", new { name = "Approved", correlationKey = "org-1", payload = new { decision = "同意" } })).JsonAsync();

        Assert.Equal(0, other.GetProperty("resumed").GetInt32());
        Assert.Equal(1, raised.GetProperty("resumed").GetInt32());
        var instance = await (await client.GetAsync($"{Instances}/{id}")).JsonAsync();
        Assert.Equal("Finished", instance.GetProperty("instance").GetProperty("status").GetString());
        Assert.Equal("同意", instance.GetProperty("variables").GetProperty("Decision").GetString());
        Assert.Equal("Done", instance.GetProperty("outcome").GetString());
        Assert.Empty(instance.GetProperty("bookmarks").EnumerateArray());
        var events = instance.GetProperty("journal").EnumerateArray().Select(j => $"{j.GetProperty("activityId").GetString()}:{j.GetProperty("event").GetString()}").ToList();
        Assert.Equal(["start:Executed", "wait:Suspended", "wait:Resumed", "wait:Executed", "set:Executed", "end:Executed", "flow:Finished"], events);
    }

    [Fact]
    public async Task Event_DeliveredTwiceWithTheSameDeliveryId_ResumesOnce()
    {
        using var client = await Factory.CreateAdminClientAsync();
        await PublishAsync(TestFlows.WaitForEvent());
        var first = await StartAsync(client, "wait-event", Inputs(("Key", "k")));
        var second = await StartAsync(client, "wait-event", Inputs(("Key", "k")));

        var body = new { name = "Approved", correlationKey = "k", payload = new { decision = "同意" }, deliveryId = "msg-42" };
        var once = await (await client.PostJsonAsync("/api/v1/workflows/events", body)).JsonAsync();
        var twice = await (await client.PostJsonAsync("/api/v1/workflows/events", body)).JsonAsync();

        Assert.Equal(2, once.GetProperty("resumed").GetInt32());
        Assert.Equal(0, twice.GetProperty("resumed").GetInt32());
        await using var scope = Factory.Scope();
        var db = GovernanceApiFactory.Db(scope);
        Assert.Equal(2, await db.WorkflowInstances.CountAsync(i => i.Status == WorkflowStatus.Finished));
        Assert.Equal(2, await db.WorkflowJournal.CountAsync(j => j.Event == "Resumed" && (j.InstanceId == first || j.InstanceId == second)));
    }

    [Fact]
    public async Task Bookmark_ResumedConcurrently_IsConsumedExactlyOnce()
    {
        using var client = await Factory.CreateAdminClientAsync();
        await PublishAsync(TestFlows.WaitForEvent());
        var id = await StartAsync(client, "wait-event", Inputs(("Key", "race")));
        var bookmark = (await (await client.GetAsync($"{Instances}/{id}")).JsonAsync()).GetProperty("bookmarks")[0].GetProperty("id").GetGuid();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            client.PostJsonAsync($"{Instances}/{id}/bookmarks/{bookmark}/resume", new { input = new { decision = $"第{i}票" } })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            await refused.AssertProblemAsync(409, (await refused.Content.ReadAsStringAsync()).Contains("not-waiting", StringComparison.Ordinal)
                ? "workflow.not-waiting" : "workflow.bookmark-not-found");
        }

        await using var scope = Factory.Scope();
        var db = GovernanceApiFactory.Db(scope);
        Assert.Equal(1, await db.WorkflowJournal.CountAsync(j => j.InstanceId == id && j.Event == "Resumed"));
        Assert.Equal(0, await db.WorkflowBookmarks.CountAsync(b => b.InstanceId == id));
    }

    [Fact]
    public async Task Timer_FiresOnceWhenDue_NotBefore()
    {
        using var client = await Factory.CreateAdminClientAsync();
        await PublishAsync(TestFlows.Delay());
        var id = await StartAsync(client, "delay-three-days", Inputs());
        var dispatcher = Factory.Services.GetRequiredService<TimerDispatcher>();

        Factory.Clock.Advance(TimeSpan.FromDays(2));
        var early = await dispatcher.DispatchDueAsync(CancellationToken.None);
        Factory.Clock.Advance(TimeSpan.FromDays(1));
        var due = await dispatcher.DispatchDueAsync(CancellationToken.None);
        var after = await dispatcher.DispatchDueAsync(CancellationToken.None);

        Assert.Equal((0, 1, 0), (early, due, after));

        // Three days on, the first access token has long expired: sign in again.
        using var later = await Factory.CreateAdminClientAsync();
        var instance = await (await later.GetAsync($"{Instances}/{id}")).JsonAsync();
        Assert.Equal("Finished", instance.GetProperty("instance").GetProperty("status").GetString());
        await using var scope = Factory.Scope();
        Assert.Equal(0, await GovernanceApiFactory.Db(scope).WorkflowTimers.CountAsync());
    }

    [Fact]
    public async Task Timer_LeasedByAProcessThatDied_IsFiredByAnotherAfterTheLeaseExpires()
    {
        using var client = await Factory.CreateAdminClientAsync();
        await PublishAsync(TestFlows.Delay());
        var id = await StartAsync(client, "delay-three-days", Inputs());
        Factory.Clock.Advance(TimeSpan.FromDays(3));
        await using (var scope = Factory.Scope())
        {
            // Another process claimed the timer and died before firing it.
            var lease = Factory.Clock.GetUtcNow().AddSeconds(30);
            await GovernanceApiFactory.Db(scope).WorkflowTimers.ExecuteUpdateAsync(s => s
                .SetProperty(t => t.LeaseOwner, "dead-process").SetProperty(t => t.LeaseExpiresAt, lease));
        }

        var dispatcher = Factory.Services.GetRequiredService<TimerDispatcher>();
        var whileLeased = await dispatcher.DispatchDueAsync(CancellationToken.None);
        Factory.Clock.Advance(TimeSpan.FromSeconds(31));
        var afterExpiry = await dispatcher.DispatchDueAsync(CancellationToken.None);

        Assert.Equal((0, 1), (whileLeased, afterExpiry));
        using var later = await Factory.CreateAdminClientAsync();
        var instance = await (await later.GetAsync($"{Instances}/{id}")).JsonAsync();
        Assert.Equal("Finished", instance.GetProperty("instance").GetProperty("status").GetString());
    }

    [Fact]
    public async Task FailingExpression_FaultsWithIncident_RetryAfterFixContinues()
    {
        using var client = await Factory.CreateAdminClientAsync();
        await PublishAsync(TestFlows.FailsUntilFixed());
        var id = await StartAsync(client, "fails-until-fixed", Inputs());

        var faulted = await (await client.GetAsync($"{Instances}/{id}")).JsonAsync();
        Assert.Equal("Faulted", faulted.GetProperty("instance").GetProperty("status").GetString());
        var incident = Assert.Single(faulted.GetProperty("incidents").EnumerateArray());
        Assert.Equal("check", incident.GetProperty("activityId").GetString());
        Assert.Contains("数据未就绪", incident.GetProperty("message").GetString(), StringComparison.Ordinal);

        // Retrying without fixing the cause faults again, with a second incident.
        var again = await (await client.PostAsync($"{Instances}/{id}/retry", null)).JsonAsync();
        Assert.Equal("Faulted", again.GetProperty("status").GetString());
        var after = await (await client.GetAsync($"{Instances}/{id}")).JsonAsync();
        Assert.Equal(2, after.GetProperty("incidents").GetArrayLength());
    }

    [Fact]
    public async Task Retry_AfterTheCauseIsFixed_FinishesFromTheFailedActivity()
    {
        using var client = await Factory.CreateAdminClientAsync();
        await PublishAsync(TestFlows.FailsUntilFixed());
        var id = await StartAsync(client, "fails-until-fixed", Inputs());
        await using (var scope = Factory.Scope())
        {
            var db = GovernanceApiFactory.Db(scope);
            var record = await db.WorkflowInstances.SingleAsync(i => i.Id == id);
            var state = InstanceStateJson.Read(record.StateJson);
            state.Variables["Fixed"] = JsonValue.Create(true);
            record.StateJson = InstanceStateJson.Write(state);
            await db.SaveChangesAsync();
        }

        var retried = await client.PostAsync($"{Instances}/{id}/retry", null);

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("Finished", (await retried.JsonAsync()).GetProperty("status").GetString());
        await (await client.PostAsync($"{Instances}/{id}/retry", null)).AssertProblemAsync(409, "workflow.not-faulted");
    }

    [Fact]
    public async Task Cancel_DropsWaitsAndTimers()
    {
        using var client = await Factory.CreateAdminClientAsync();
        await PublishAsync(TestFlows.Delay());
        var id = await StartAsync(client, "delay-three-days", Inputs());

        var cancelled = await client.PostJsonAsync($"{Instances}/{id}/cancel", new { reason = "申请人撤回" });

        Assert.Equal("Cancelled", (await cancelled.JsonAsync()).GetProperty("status").GetString());
        await using var scope = Factory.Scope();
        var db = GovernanceApiFactory.Db(scope);
        Assert.Equal(0, await db.WorkflowBookmarks.CountAsync());
        Assert.Equal(0, await db.WorkflowTimers.CountAsync());
        await (await client.PostJsonAsync($"{Instances}/{id}/cancel", new { })).AssertProblemAsync(409, "workflow.already-ended");
    }

    [Fact]
    public async Task Start_BadInputOrUnknownDefinition_ClearErrorsAndNothingStored()
    {
        using var client = await Factory.CreateAdminClientAsync();
        await PublishAsync(TestFlows.WaitForEvent());

        await (await client.PostJsonAsync(Instances, new { definitionId = "wait-event", input = new { } })).AssertProblemAsync(422, "workflow.input-required");
        await (await client.PostJsonAsync(Instances, new { definitionId = "wait-event", input = Inputs(("Key", "k"), ("Extra", 1)) })).AssertProblemAsync(422, "workflow.input-unknown");
        await (await client.PostJsonAsync(Instances, new { definitionId = "no-such-flow" })).AssertProblemAsync(404, "workflowdefinition.not-found");
        await (await client.PostJsonAsync(Instances, new { })).AssertProblemAsync(422, "workflow.definitionId-required", "definitionId");

        await using var scope = Factory.Scope();
        Assert.Equal(0, await GovernanceApiFactory.Db(scope).WorkflowInstances.CountAsync());
    }

    [Fact]
    public async Task Instance_StaysOnItsVersion_WhenANewVersionIsPublished()
    {
        using var client = await Factory.CreateAdminClientAsync();
        await PublishAsync(TestFlows.WaitForEvent());
        var onV1 = await StartAsync(client, "wait-event", Inputs(("Key", "v")));
        var changed = TestFlows.Parse(TestFlows.WaitForEvent());
        changed["root"]!["activities"]![2]!["value"] = JsonNode.Parse(TestFlows.Input("String", "Literal", "第二版"));
        await PublishAsync(changed.ToJsonString());
        var onV2 = await StartAsync(client, "wait-event", Inputs(("Key", "v")));

        await client.PostJsonAsync("/api/v1/workflows/events", new { name = "Approved", correlationKey = "v", payload = new { decision = "第一版" } });

        var first = await (await client.GetAsync($"{Instances}/{onV1}")).JsonAsync();
        var second = await (await client.GetAsync($"{Instances}/{onV2}")).JsonAsync();
        Assert.Equal(1, first.GetProperty("instance").GetProperty("definitionVersion").GetInt32());
        Assert.Equal("第一版", first.GetProperty("variables").GetProperty("Decision").GetString());
        Assert.Equal(2, second.GetProperty("instance").GetProperty("definitionVersion").GetInt32());
        Assert.Equal("第二版", second.GetProperty("variables").GetProperty("Decision").GetString());
    }

    [Fact]
    public async Task Resume_WithDomainChange_CommitsBothOrNeither()
    {
        using var client = await Factory.CreateAdminClientAsync();
        await PublishAsync(TestFlows.WaitForEvent());
        var organization = TestData.Organization();
        await using (var scope = Factory.Scope())
        {
            GovernanceApiFactory.Db(scope).Organizations.Add(organization);
            await GovernanceApiFactory.Db(scope).SaveChangesAsync();
        }

        var id = await StartAsync(client, "wait-event", Inputs(("Key", "tx")));
        var bookmark = (await (await client.GetAsync($"{Instances}/{id}")).JsonAsync()).GetProperty("bookmarks")[0].GetProperty("id").GetGuid();

        // A domain rule fails inside the resume: nothing of the step is kept.
        await using (var scope = Factory.Scope())
        {
            var runtime = scope.ServiceProvider.GetRequiredService<WorkflowRuntime>();
            await Assert.ThrowsAsync<DomainRuleViolation>(() => runtime.ResumeAsync(id, bookmark, null, "tester", null, async (db, ct) =>
            {
                var stored = await db.Organizations.SingleAsync(o => o.Id == organization.Id, ct);
                stored.ChangeCreditStatus(CreditStatus.Barred, null, Factory.Clock.GetUtcNow());
            }, CancellationToken.None));
        }

        await using (var check = Factory.Scope())
        {
            var db = GovernanceApiFactory.Db(check);
            Assert.Equal(WorkflowStatus.Suspended, (await db.WorkflowInstances.SingleAsync(i => i.Id == id)).Status);
            Assert.Equal(1, await db.WorkflowBookmarks.CountAsync(b => b.Id == bookmark));
        }

        // The same step with a valid change: the domain change and the workflow step land together.
        await using (var scope = Factory.Scope())
        {
            var runtime = scope.ServiceProvider.GetRequiredService<WorkflowRuntime>();
            await runtime.ResumeAsync(id, bookmark, new JsonObject { ["decision"] = "警示" }, "tester", null, async (db, ct) =>
            {
                var stored = await db.Organizations.SingleAsync(o => o.Id == organization.Id, ct);
                stored.ChangeCreditStatus(CreditStatus.Warned, "年度评估不合格", Factory.Clock.GetUtcNow());
            }, CancellationToken.None);
        }

        await using (var check = Factory.Scope())
        {
            var db = GovernanceApiFactory.Db(check);
            Assert.Equal(WorkflowStatus.Finished, (await db.WorkflowInstances.SingleAsync(i => i.Id == id)).Status);
            Assert.Equal(CreditStatus.Warned, (await db.Organizations.SingleAsync(o => o.Id == organization.Id)).CreditStatus);
        }
    }

    [Fact]
    public async Task Step_AloneOrWithOtherChanges_StoresTheSameRows()
    {
        // A step with nothing else to write takes the one-statement path on PostgreSQL; a step with
        // other changes on the context is saved through it. Both must leave the same rows behind.
        using var client = await Factory.CreateAdminClientAsync();
        await PublishAsync(TestFlows.WaitForEvent());
        var alone = await StartAsync(client, "wait-event", Inputs(("Key", "alone")));
        var together = await StartAsync(client, "wait-event", Inputs(("Key", "together")));
        await using (var scope = Factory.Scope())
        {
            var runtime = scope.ServiceProvider.GetRequiredService<WorkflowRuntime>();
            var db = GovernanceApiFactory.Db(scope);
            var bookmarks = await db.WorkflowBookmarks.AsNoTracking().ToDictionaryAsync(b => b.InstanceId, b => b.Id);
            var input = new JsonObject { ["decision"] = "同意" };
            await runtime.ResumeAsync(alone, bookmarks[alone], input, "委员甲", null, null, CancellationToken.None);
            await runtime.ResumeAsync(together, bookmarks[together], input.DeepClone().AsObject(), "委员甲", null, (context, _) =>
            {
                context.ProcessedStimuli.Add(new ProcessedStimulusRecord { Key = "other-change", InstanceId = together, At = Factory.Clock.GetUtcNow() });
                return Task.CompletedTask;
            }, CancellationToken.None);
        }

        await using var check = Factory.Scope();
        var stored = GovernanceApiFactory.Db(check);
        async Task<StepRows> RowsOf(Guid id, string key)
        {
            var instance = await stored.WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == id);
            var state = InstanceStateJson.Read(instance.StateJson);
            var journal = await stored.WorkflowJournal.AsNoTracking().Where(j => j.InstanceId == id).OrderBy(j => j.Id)
                .Select(j => new { j.At, j.ActivityId, j.ActivityType, j.Event, j.Outcome, j.Actor, j.Summary }).ToListAsync();
            return new StepRows(
                instance.Status,
                instance.RowVersion,
                instance.UpdatedAt,
                instance.EndedAt,
                state.Variables["Decision"]?.GetValue<string>(),
                await stored.WorkflowBookmarks.CountAsync(b => b.InstanceId == id),
                string.Join("\n", journal.Select(j => $"{j.At:O}|{j.ActivityId}|{j.ActivityType}|{j.Event}|{j.Outcome}|{j.Actor}|{j.Summary?.Replace(key, "{key}", StringComparison.Ordinal)}")));
        }

        var expected = await RowsOf(together, "together");
        Assert.Equal(expected, await RowsOf(alone, "alone"));
        Assert.Contains("|wait|Elsa.Event|Resumed||委员甲|", expected.Journal, StringComparison.Ordinal);
        Assert.Equal((WorkflowStatus.Finished, 1, 0), (expected.Status, expected.RowVersion, expected.Bookmarks));
        Assert.Equal("同意", expected.Decision);
        Assert.True(await stored.ProcessedStimuli.AnyAsync(s => s.Key == "other-change"));
    }

    [Fact]
    public async Task List_FiltersByDefinitionStatusAndCorrelation()
    {
        using var client = await Factory.CreateAdminClientAsync();
        await PublishAsync(TestFlows.WaitForEvent());
        await PublishAsync(TestFlows.Delay());
        await client.PostJsonAsync(Instances, new { definitionId = "wait-event", input = Inputs(("Key", "a")), correlationId = "alliance-1" });
        await StartAsync(client, "wait-event", Inputs(("Key", "b")));
        await StartAsync(client, "delay-three-days", Inputs());

        var byDefinition = await (await client.GetAsync($"{Instances}?definitionId=wait-event")).JsonAsync();
        var byCorrelation = await (await client.GetAsync($"{Instances}?correlationId=alliance-1")).JsonAsync();
        var byStatus = await (await client.GetAsync($"{Instances}?status=Suspended&pageSize=2")).JsonAsync();

        Assert.Equal(2, byDefinition.GetProperty("totalCount").GetInt32());
        Assert.Equal(1, byCorrelation.GetProperty("totalCount").GetInt32());
        Assert.Equal(3, byStatus.GetProperty("totalCount").GetInt32());
        Assert.Equal(2, byStatus.GetProperty("items").GetArrayLength());
    }

    private sealed record StepRows(
        WorkflowStatus Status, int RowVersion, DateTimeOffset UpdatedAt, DateTimeOffset? EndedAt, string? Decision, int Bookmarks, string Journal);

    // Input names are case-sensitive, so they go as dictionary keys (not camel-cased like properties).
    private static Dictionary<string, object?> Inputs(params (string Name, object? Value)[] inputs) =>
        inputs.ToDictionary(i => i.Name, i => i.Value);

    private async Task PublishAsync(string json)
    {
        await using var scope = Factory.Scope();
        await scope.ServiceProvider.GetRequiredService<WorkflowDefinitionStore>().ImportAsync(json, CancellationToken.None);
    }

    private static async Task<Guid> StartAsync(HttpClient client, string definitionId, object input)
    {
        var response = await client.PostJsonAsync(Instances, new { definitionId, input });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }
}

[Collection(OnSqlite.Name)]
public sealed class SqliteWorkflowInstanceTests(SqliteServerFixture fixture) : WorkflowInstanceTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresWorkflowInstanceTests(PostgresServerFixture fixture) : WorkflowInstanceTests(fixture);
