using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Governance.Server.Tests.Api;
using Governance.Server.Tests.Infrastructure;
using Governance.Server.WorkflowHosting;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Server.Tests.Workflows;

public abstract class WorkflowDefinitionApiTests(ServerFixture fixture) : ServerTest(fixture)
{
    private const string Definitions = "/api/v1/workflows/definitions";

    [Fact]
    public async Task Activities_ListsTheRegistryWithOutcomesAndInputs()
    {
        using var client = await Factory.CreateAdminClientAsync();

        var activities = await (await client.GetAsync("/api/v1/workflows/activities")).JsonAsync();

        var decision = activities.EnumerateArray().Single(a => a.GetProperty("type").GetString() == "Elsa.FlowDecision");
        Assert.Equal(["True", "False"], decision.GetProperty("outcomes").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal("条件判断", decision.GetProperty("displayNameZh").GetString());
        Assert.True(decision.GetProperty("inputs")[0].GetProperty("required").GetBoolean());
        Assert.Contains(activities.EnumerateArray(), a => a.GetProperty("type").GetString() == "Elsa.Delay" && a.GetProperty("canWait").GetBoolean());
    }

    [Fact]
    public async Task Validate_InvalidDefinition_ReportsEveryErrorWithPath()
    {
        using var client = await Factory.CreateAdminClientAsync();
        var json = TestFlows.Parse(TestFlows.Delay());
        json["root"]!["activities"]!.AsArray().Add(new JsonObject { ["id"] = "orphan", ["type"] = "Governance.Nope" });
        json["root"]!["connections"]!.AsArray().Add(JsonNode.Parse("""{ "source": { "activity": "delay", "port": "Later" }, "target": { "activity": "end", "port": "In" } }"""));

        var result = await (await Post(client, "/api/v1/workflows/validate", json.ToJsonString())).JsonAsync();

        Assert.False(result.GetProperty("isValid").GetBoolean());
        var errors = result.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("code").GetString(), e.GetProperty("path").GetString())).ToList();
        Assert.Contains(("workflow.unknown-activity-type", "$.root.activities[3].type"), errors);
        Assert.Contains(("workflow.unreachable-activity", "$.root.activities[3]"), errors);
        Assert.Contains(("workflow.unknown-port", "$.root.connections[2].source.port"), errors);
    }

    [Fact]
    public async Task DraftPublishRetractRevert_FollowTheVersionRules()
    {
        using var client = await Factory.CreateAdminClientAsync();

        var draft = await Post(client, Definitions, TestFlows.WaitForEvent());
        Assert.Equal(HttpStatusCode.Created, draft.StatusCode);
        Assert.Equal("Draft", (await draft.JsonAsync()).GetProperty("status").GetString());

        var published = await (await client.PostAsync($"{Definitions}/wait-event/publish", null)).JsonAsync();
        Assert.Equal(1, published.GetProperty("version").GetInt32());
        Assert.Equal("Published", published.GetProperty("status").GetString());

        // A second draft becomes version 2; the first stays as it was published.
        await Post(client, Definitions, TestFlows.WaitForEvent(name: "等待事件（修订）"));
        var second = await (await client.PostAsync($"{Definitions}/wait-event/publish", null)).JsonAsync();
        Assert.Equal(2, second.GetProperty("version").GetInt32());
        var first = await (await client.GetAsync($"{Definitions}/wait-event/versions/1")).JsonAsync();
        Assert.Equal("等待事件", first.GetProperty("name").GetString());

        var retracted = await (await client.PostAsync($"{Definitions}/wait-event/versions/2/retract", null)).JsonAsync();
        Assert.Equal("Retracted", retracted.GetProperty("status").GetString());
        await (await client.PostAsync($"{Definitions}/wait-event/versions/2/retract", null)).AssertProblemAsync(409, "workflow.not-published");

        var reverted = await (await client.PostAsync($"{Definitions}/wait-event/versions/1/revert", null)).JsonAsync();
        Assert.Equal(3, reverted.GetProperty("version").GetInt32());
        Assert.Equal("Draft", reverted.GetProperty("status").GetString());
        Assert.Equal("等待事件", reverted.GetProperty("name").GetString());

        var versions = await (await client.GetAsync($"{Definitions}/wait-event")).JsonAsync();
        Assert.Equal([3, 2, 1], versions.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{Definitions}/wait-event/draft")).StatusCode);
        await (await client.DeleteAsync($"{Definitions}/wait-event/draft")).AssertProblemAsync(404, "workflowdraft.not-found");
    }

    [Fact]
    public async Task Publish_InvalidDraft_Returns422WithErrorsAndStaysDraft()
    {
        using var client = await Factory.CreateAdminClientAsync();
        var json = TestFlows.Parse(TestFlows.Delay("broken-flow"));
        json["root"]!["activities"]![1]!.AsObject().Remove("timeSpan");
        await Post(client, Definitions, json.ToJsonString());

        var response = await client.PostAsync($"{Definitions}/broken-flow/publish", null);

        var problem = await response.AssertProblemAsync(422, "workflow.invalid-definition");
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal("workflow.missing-input", error.GetProperty("code").GetString());
        Assert.Equal("$.root.activities[1].timeSpan", error.GetProperty("path").GetString());
        var versions = await (await client.GetAsync($"{Definitions}/broken-flow")).JsonAsync();
        Assert.Equal("Draft", Assert.Single(versions.EnumerateArray()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task SaveDraft_MalformedJson_Returns422WithPosition()
    {
        using var client = await Factory.CreateAdminClientAsync();

        var response = await Post(client, Definitions, "{ \"definitionId\": \"x\", ");

        var problem = await response.AssertProblemAsync(422, "workflow.invalid-definition");
        Assert.Equal("workflow.malformed-json", problem.GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Export_ReturnsTheFileThatReadsBackTheSame()
    {
        using var client = await Factory.CreateAdminClientAsync();
        await Post(client, Definitions, TestFlows.WaitForEvent());
        await client.PostAsync($"{Definitions}/wait-event/publish", null);

        var response = await client.GetAsync($"{Definitions}/wait-event/versions/1/export");

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var exported = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var original = TestFlows.Parse(TestFlows.WaitForEvent());
        Assert.True(JsonNode.DeepEquals(original["root"], exported["root"]), exported["root"]!.ToJsonString());
        Assert.Equal(200, exported["root"]!["activities"]![1]!["metadata"]!["designer"]!["position"]!["x"]!.GetValue<int>());
    }

    [Fact]
    public async Task Import_SameContentTwice_MakesOneVersion_ChangedContentANewOne()
    {
        await using var scope = Factory.Scope();
        var store = scope.ServiceProvider.GetRequiredService<WorkflowDefinitionStore>();

        var (first, publishedFirst) = await store.ImportAsync(TestFlows.Delay(), CancellationToken.None);
        var (again, publishedAgain) = await store.ImportAsync(TestFlows.Delay(), CancellationToken.None);
        var changed = TestFlows.Parse(TestFlows.Delay());
        changed["name"] = "延时三天（修订）";
        var (next, publishedNext) = await store.ImportAsync(changed.ToJsonString(), CancellationToken.None);

        Assert.True(publishedFirst);
        Assert.False(publishedAgain);
        Assert.Equal(first.Version, again.Version);
        Assert.True(publishedNext);
        Assert.Equal(first.Version + 1, next.Version);
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));
}

[Collection(OnSqlite.Name)]
public sealed class SqliteWorkflowDefinitionApiTests(SqliteServerFixture fixture) : WorkflowDefinitionApiTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresWorkflowDefinitionApiTests(PostgresServerFixture fixture) : WorkflowDefinitionApiTests(fixture);
