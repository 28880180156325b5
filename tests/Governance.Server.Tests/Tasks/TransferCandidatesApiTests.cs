using System.Text.Json;
using Governance.Domain.Tasks;
using Governance.Server.Tests.Api;
using Governance.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Tests.Tasks;

/// <summary>转办 candidates (GET /api/v1/tasks/{id}/transfer-candidates): whom the task page offers to hand a task to.</summary>
public abstract class TransferCandidatesApiTests(ServerFixture fixture) : ServerTest(fixture)
{
    [Fact]
    public async Task ReviewTask_OffersThePeopleOfItsAlliance_TheAssigneesFellowSecretaryFirst_NobodyFromOutside()
    {
        var world = await TaskWorld.SeedAsync(Factory, seats: 2);
        var instance = await world.StartAsync(Factory, TaskFlows.Review, world.Council[1]);
        var task = (await TasksAsync(instance)).Single(t => t.AssigneeId == world.Secretary);
        using var secretary = await Factory.CreateClientForAsync(world.Secretary);

        var response = await secretary.GetAsync($"/api/v1/tasks/{task.Id}/transfer-candidates");

        await response.EnsureSuccessStatusCodeAsync();
        var candidates = (await response.JsonAsync()).EnumerateArray().ToList();
        var first = candidates[0];
        Assert.Equal((world.SecondSecretary.Value, "周晓", true),
            (first.GetProperty("id").GetGuid(), first.GetProperty("name").GetString(), first.GetProperty("sharesARoleWithTheAssignee").GetBoolean()));
        Assert.Equal(["Secretariat"], first.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(
            new[] { world.SecondSecretary.Value, world.Chair.Value, world.Council[1].Value }.Order(),
            candidates.Select(c => c.GetProperty("id").GetGuid()).Order());
        var chair = candidates.Single(c => c.GetProperty("id").GetGuid() == world.Chair.Value);
        Assert.False(chair.GetProperty("sharesARoleWithTheAssignee").GetBoolean());
        Assert.Equal(["Chair", "CouncilMember"], chair.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Order(StringComparer.Ordinal));

        // Every candidate is accepted by the transfer itself.
        using var transfer = await secretary.PostJsonAsync($"/api/v1/tasks/{task.Id}/transfer", new { to = world.Chair.Value });
        await transfer.EnsureSuccessStatusCodeAsync();
    }

    [Fact]
    public async Task VoteTask_HasNoCandidates_AndAStrangerDoesNotSeeTheTask()
    {
        var world = await TaskWorld.SeedAsync(Factory, seats: 3);
        var instance = await world.StartAsync(Factory, TaskFlows.Vote, world.Secretary);
        var vote = (await TasksAsync(instance)).First(t => t.Kind == WorkTaskKind.Vote);
        var review = await world.StartAsync(Factory, TaskFlows.Review, world.Council[1]);
        var reviewTask = (await TasksAsync(review)).First(t => t.AssigneeId == world.Secretary);
        using var voter = await Factory.CreateClientForAsync(vote.AssigneeId);
        using var outsider = await Factory.CreateClientForAsync(world.Outsider);

        var none = await voter.GetAsync($"/api/v1/tasks/{vote.Id}/transfer-candidates");

        await none.EnsureSuccessStatusCodeAsync();
        var body = await none.JsonAsync();
        Assert.Equal(JsonValueKind.Array, body.ValueKind);
        Assert.Equal(0, body.GetArrayLength());
        await (await outsider.GetAsync($"/api/v1/tasks/{reviewTask.Id}/transfer-candidates")).AssertProblemAsync(404, "task.not-found");
    }

    private async Task<List<WorkTask>> TasksAsync(Guid instance)
    {
        await using var scope = Factory.Scope();
        return await GovernanceApiFactory.Db(scope).Tasks.AsNoTracking().Where(t => t.InstanceId == instance).ToListAsync();
    }
}

[Collection(OnSqlite.Name)]
public sealed class SqliteTransferCandidatesApiTests(SqliteServerFixture fixture) : TransferCandidatesApiTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresTransferCandidatesApiTests(PostgresServerFixture fixture) : TransferCandidatesApiTests(fixture);
