using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Domain.Ballots;
using Governance.Domain.Charters;
using Governance.Domain.Common;
using Governance.Domain.Tasks;
using Governance.Server.Tests.Api;
using Governance.Server.Tests.Infrastructure;
using Governance.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Tests.Tasks;

/// <summary>Voting over HTTP: read the ballot, cast and change a vote, declare a conflict; 25 voters at once.</summary>
public abstract class BallotApiTests(ServerFixture fixture) : ServerTest(fixture)
{
    [Fact]
    public async Task Voter_ReadsCastsAndChangesAVote_TaskDone_Audited_TallyOnlyAfterClose()
    {
        var world = await TaskWorld.SeedAsync(Factory, seats: 7);
        var instance = await world.StartAsync(Factory, TaskFlows.Vote, world.Secretary);
        var ballot = await BallotIdAsync(instance);
        var voter = world.Council[2];
        using var client = await Factory.CreateClientForAsync(voter);

        var before = await (await client.GetAsync($"/api/v1/ballots/{ballot}")).JsonAsync();
        Assert.Equal(("General", "一般事项", "关于接纳沈阳新松机器人公司为成员单位的决议", "Open"),
            (before.GetProperty("matter").GetString(), before.GetProperty("matterName").GetString(), before.GetProperty("subject").GetString(),
             before.GetProperty("status").GetString()));
        Assert.Equal("参与表决（赞成、反对或弃权）的人数须达到有表决权成员的1/2；赞成票多于反对票即为通过（弃权不计入）；与表决事项有利害关系的成员应当回避。",
            before.GetProperty("rule").GetProperty("text").GetString());
        Assert.Equal((7, 0, 0), (before.GetProperty("voters").GetInt32(), before.GetProperty("recused").GetInt32(), before.GetProperty("voted").GetInt32()));
        var me = before.GetProperty("me");
        Assert.True(me.GetProperty("isVoter").GetBoolean());
        Assert.True(me.GetProperty("canVote").GetBoolean());
        Assert.Equal(JsonValueKind.Null, me.GetProperty("vote").ValueKind);
        var task = me.GetProperty("taskId").GetGuid();
        Assert.Equal(JsonValueKind.Null, before.GetProperty("tally").ValueKind);
        Assert.Contains(task, Ids(await (await client.GetAsync("/api/v1/me/tasks?kind=Vote")).JsonAsync()));

        var cast = await client.PutAsJsonAsync($"/api/v1/ballots/{ballot}/vote", new { choice = "yes" }, ApiClient.Json);
        Assert.Equal(HttpStatusCode.OK, cast.StatusCode);
        Assert.Equal("Yes", (await cast.JsonAsync()).GetProperty("me").GetProperty("vote").GetString());
        var changed = await (await client.PutAsJsonAsync($"/api/v1/ballots/{ballot}/vote", new { choice = "abstain" }, ApiClient.Json)).JsonAsync();
        Assert.Equal(("Abstain", 1), (changed.GetProperty("me").GetProperty("vote").GetString(), changed.GetProperty("voted").GetInt32()));
        Assert.Equal(JsonValueKind.Null, changed.GetProperty("tally").ValueKind);

        Assert.DoesNotContain(task, Ids(await (await client.GetAsync("/api/v1/me/tasks")).JsonAsync()));
        var done = await (await client.GetAsync("/api/v1/me/tasks?tab=done")).JsonAsync();
        Assert.Equal([task], Ids(done));
        Assert.Equal("voted", done.GetProperty("items")[0].GetProperty("outcome").GetString());
        await using (var scope = Factory.Scope())
        {
            var entries = await GovernanceApiFactory.Db(scope).AuditEntries.Where(e => e.TargetId == ballot.ToString()).OrderBy(e => e.Sequence).ToListAsync();
            Assert.Equal(["ballot.vote", "ballot.vote-change"], entries.Select(e => e.Action));
            Assert.Equal(voter, entries[1].ActorId!.Value);
            Assert.Contains("choice: Yes → Abstain", entries[1].Summary, StringComparison.Ordinal);
            Assert.Equal(world.Units[2], entries[1].OrganizationId!.Value);
        }

        // Four more yes votes decide it (5 of 7 voted, 4 yes to 0 no): the ballot closes, the tally is shown.
        foreach (var other in world.Council.Where(p => p != voter).Take(4))
        {
            using var otherClient = await Factory.CreateClientForAsync(other);
            await (await otherClient.PutAsJsonAsync($"/api/v1/ballots/{ballot}/vote", new { choice = "Yes" }, ApiClient.Json)).EnsureSuccessStatusCodeAsync();
        }

        var after = await (await client.GetAsync($"/api/v1/ballots/{ballot}?lang=en")).JsonAsync();
        Assert.Equal(("Closed", "General matter"), (after.GetProperty("status").GetString(), after.GetProperty("matterName").GetString()));
        Assert.StartsWith("At least 1/2 of the eligible voters must take part", after.GetProperty("rule").GetProperty("text").GetString(), StringComparison.Ordinal);
        var tally = after.GetProperty("tally");
        Assert.Equal((7, 4, 0, 1, "Approved"),
            (tally.GetProperty("eligible").GetInt32(), tally.GetProperty("yes").GetInt32(), tally.GetProperty("no").GetInt32(),
             tally.GetProperty("abstain").GetInt32(), tally.GetProperty("outcome").GetString()));
        Assert.False(after.GetProperty("me").GetProperty("canVote").GetBoolean());
        await (await client.PutAsJsonAsync($"/api/v1/ballots/{ballot}/vote", new { choice = "no" }, ApiClient.Json)).AssertProblemAsync(422, "ballot.closed");
        Assert.Equal("Approved", await OutcomeAsync(instance));
    }

    [Fact]
    public async Task Vote_NotAVoter_OtherAlliance_BadChoice_RefusedWithCodeAndField_NothingChanges()
    {
        var world = await TaskWorld.SeedAsync(Factory, seats: 3);
        var instance = await world.StartAsync(Factory, TaskFlows.Vote, world.Secretary);
        var ballot = await BallotIdAsync(instance);
        var url = $"/api/v1/ballots/{ballot}/vote";
        using var secretary = await Factory.CreateClientForAsync(world.Secretary);
        using var secretaryB = await Factory.CreateClientForAsync(world.SecretaryB);
        using var voter = await Factory.CreateClientForAsync(world.Council[1]);
        using var readOnly = await Factory.CreateClientForAsync(world.Council[1], "governance.read");

        // The secretariat sees the ballot (without a vote of its own) but is no voter.
        var seen = await (await secretary.GetAsync($"/api/v1/ballots/{ballot}")).JsonAsync();
        Assert.False(seen.GetProperty("me").GetProperty("isVoter").GetBoolean());
        await (await secretary.PutAsJsonAsync(url, new { choice = "yes" }, ApiClient.Json)).AssertProblemAsync(403, "access.eligible-voter-required");
        await (await secretaryB.GetAsync($"/api/v1/ballots/{ballot}")).AssertProblemAsync(404, "ballot.not-found");
        await (await secretaryB.PutAsJsonAsync(url, new { choice = "yes" }, ApiClient.Json)).AssertProblemAsync(404, "ballot.not-found");
        await (await readOnly.PutAsJsonAsync(url, new { choice = "yes" }, ApiClient.Json)).AssertProblemAsync(403, "access.forbidden");
        await (await voter.PutAsync(url, Raw("""{ "choice": "maybe" }"""))).AssertProblemAsync(400, "request.malformed-json", "choice");
        await (await voter.PutAsync(url, Raw("{}"))).AssertProblemAsync(422, "ballot.choice-required", "choice");
        await (await voter.PutAsync(url, Raw("""{ "choice": 7 }"""))).AssertProblemAsync(422, "ballot.invalid-choice", "choice");
        await (await voter.PutAsJsonAsync($"/api/v1/ballots/{Guid.NewGuid()}/vote", new { choice = "yes" }, ApiClient.Json)).AssertProblemAsync(404, "ballot.not-found");

        await using var scope = Factory.Scope();
        var stored = await GovernanceApiFactory.Db(scope).Ballots.AsNoTracking().SingleAsync(b => b.Id == new BallotId(ballot));
        Assert.Empty(stored.Votes);
        Assert.All(await VoteTasksAsync(ballot), t => Assert.Equal(WorkTaskStatus.Open, t.Status));
        Assert.False(await GovernanceApiFactory.Db(scope).AuditEntries.AnyAsync(e => e.Action.StartsWith("ballot.")));
    }

    [Fact]
    public async Task Conflict_RecusesTheVoter_ClosesTheirTask_AndTheyCannotVoteAfter()
    {
        var world = await TaskWorld.SeedAsync(Factory, seats: 5);
        var instance = await world.StartAsync(Factory, TaskFlows.Vote, world.Secretary);
        var ballot = await BallotIdAsync(instance);
        var voter = world.Council[3];
        using var client = await Factory.CreateClientForAsync(voter);

        using var secretary = await Factory.CreateClientForAsync(world.Secretary);
        using var secretaryB = await Factory.CreateClientForAsync(world.SecretaryB);
        await (await secretary.PostJsonAsync($"/api/v1/ballots/{ballot}/conflict", new { reason = "利害关系" })).AssertProblemAsync(403, "access.eligible-voter-required");
        await (await secretaryB.PostJsonAsync($"/api/v1/ballots/{ballot}/conflict", new { reason = "利害关系" })).AssertProblemAsync(404, "ballot.not-found");
        await (await client.PostRawAsync($"/api/v1/ballots/{ballot}/conflict", """{ "reason": 42 }""")).AssertProblemAsync(400, "request.malformed-json", "reason");
        await (await client.PostJsonAsync($"/api/v1/ballots/{ballot}/conflict", new { reason = " " })).AssertProblemAsync(422, "ballot.reason-required", "reason");
        Assert.All(await VoteTasksAsync(ballot), t => Assert.Equal(WorkTaskStatus.Open, t.Status));
        var response = await client.PostJsonAsync($"/api/v1/ballots/{ballot}/conflict", new { reason = "本人担任申请单位独立董事" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.True(body.GetProperty("me").GetProperty("recused").GetBoolean());
        Assert.Equal("本人担任申请单位独立董事", body.GetProperty("me").GetProperty("recusalReason").GetString());
        Assert.Equal((4, 1), (body.GetProperty("voters").GetInt32(), body.GetProperty("recused").GetInt32()));
        var task = (await VoteTasksAsync(ballot)).Single(t => t.AssigneeId == voter);
        Assert.Equal((WorkTaskStatus.Completed, "recused", "本人担任申请单位独立董事"), (task.Status, task.Outcome, task.Comment));
        await (await client.PutAsJsonAsync($"/api/v1/ballots/{ballot}/vote", new { choice = "no" }, ApiClient.Json)).AssertProblemAsync(422, "ballot.voter-recused");
        await (await client.PostJsonAsync($"/api/v1/ballots/{ballot}/conflict", new { reason = "再次声明" })).AssertProblemAsync(422, "ballot.voter-recused");
        await using var scope = Factory.Scope();
        var entry = await GovernanceApiFactory.Db(scope).AuditEntries.SingleAsync(e => e.Action == "ballot.conflict");
        Assert.Contains("本人担任申请单位独立董事", entry.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conflict_WhereTheRuleHasNoRecusal_Refused()
    {
        var world = await TaskWorld.SeedAsync(Factory, seats: 3, rule: new VotingRule(VotingMatter.General, Quorum.Half, VotingThreshold.MajorityOfVotesCast, false));
        var ballot = await BallotIdAsync(await world.StartAsync(Factory, TaskFlows.Vote, world.Secretary));
        using var client = await Factory.CreateClientForAsync(world.Council[1]);

        await (await client.PostJsonAsync($"/api/v1/ballots/{ballot}/conflict", new { reason = "利害关系" })).AssertProblemAsync(422, "ballot.recusal-not-allowed");

        Assert.All(await VoteTasksAsync(ballot), t => Assert.Equal(WorkTaskStatus.Open, t.Status));
    }

    [Fact]
    public async Task TwentyFiveVoters_VoteAtTheSameMomentOverHttp_TwentyFiveVotes_OneClose()
    {
        // Unanimity: the result stays open until the last voter, so every one of the 25 votes must count.
        var world = await TaskWorld.SeedAsync(Factory, seats: 25, rule: new VotingRule(VotingMatter.General, Quorum.Half, VotingThreshold.Unanimous, true));
        var instance = await world.StartAsync(Factory, TaskFlows.Vote, world.Secretary);
        var ballot = await BallotIdAsync(instance);
        var clients = new List<HttpClient>();
        foreach (var person in world.Council)
        {
            clients.Add(await Factory.CreateClientForAsync(person));
        }

        using var go = new ManualResetEventSlim();
        var votes = clients.Select(client => Task.Run(async () =>
        {
            go.Wait();
            using var response = await client.PutAsJsonAsync($"/api/v1/ballots/{ballot}/vote", new { choice = "yes" }, ApiClient.Json);
            return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
        })).ToList();
        go.Set();
        var outcomes = await Task.WhenAll(votes);
        clients.ForEach(c => c.Dispose());

        Assert.All(outcomes, o => Assert.StartsWith("200 ", o, StringComparison.Ordinal));
        await using var scope = Factory.Scope();
        var db = GovernanceApiFactory.Db(scope);
        var stored = await db.Ballots.AsNoTracking().SingleAsync(b => b.Id == new BallotId(ballot));
        Assert.Equal(25, stored.Votes.Count);
        Assert.Equal(world.Council.Select(p => p.Value).Order(), stored.Votes.Select(v => v.VoterId.Value).Order());
        Assert.Equal((BallotStatus.Closed, BallotOutcome.Approved, 25), (stored.Status, stored.Result!.Outcome, stored.Result.Yes));
        Assert.Equal(1, await db.WorkflowJournal.CountAsync(j => j.InstanceId == instance && j.ActivityId == "vote" && j.Event == "Executed"));
        Assert.Equal(25, await db.WorkflowJournal.CountAsync(j => j.InstanceId == instance && j.ActivityId == "vote" && j.Event == "Resumed"));
        Assert.Equal(WorkflowStatus.Finished, (await db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == instance)).Status);
        Assert.All(await VoteTasksAsync(ballot), t => Assert.Equal((WorkTaskStatus.Completed, "voted"), (t.Status, t.Outcome)));
        Assert.Equal(25, await db.AuditEntries.CountAsync(e => e.Action == "ballot.vote" && e.TargetId == ballot.ToString()));
    }

    private static StringContent Raw(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static List<Guid> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();

    private async Task<Guid> BallotIdAsync(Guid instance)
    {
        await using var scope = Factory.Scope();
        var key = await GovernanceApiFactory.Db(scope).Tasks.AsNoTracking().Where(t => t.InstanceId == instance && t.Kind == WorkTaskKind.Vote)
            .Select(t => t.WaitKey).FirstAsync();
        return Guid.Parse(key!);
    }

    private async Task<List<WorkTask>> VoteTasksAsync(Guid ballot)
    {
        await using var scope = Factory.Scope();
        var key = ballot.ToString();
        return await GovernanceApiFactory.Db(scope).Tasks.AsNoTracking().Where(t => t.WaitKey == key).ToListAsync();
    }

    private async Task<string?> OutcomeAsync(Guid instance)
    {
        await using var scope = Factory.Scope();
        var record = await GovernanceApiFactory.Db(scope).WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == instance);
        return Server.WorkflowHosting.InstanceStateJson.Read(record.StateJson).Outcome;
    }
}

[Collection(OnSqlite.Name)]
public sealed class SqliteBallotApiTests(SqliteServerFixture fixture) : BallotApiTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresBallotApiTests(PostgresServerFixture fixture) : BallotApiTests(fixture);
