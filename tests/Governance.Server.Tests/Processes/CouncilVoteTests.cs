using System.Text.Json.Nodes;
using Governance.Domain.Alliances;
using Governance.Domain.Ballots;
using Governance.Domain.Common;
using Governance.Domain.Memberships;
using Governance.Domain.Organizations;
using Governance.Domain.People;
using Governance.Domain.Tasks;
using Governance.Server.Processes;
using Governance.Server.Tests.Builders;
using Governance.Server.Tests.Infrastructure;
using Governance.Server.WorkflowHosting;
using Governance.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Governance.Server.Tests.Workflows.TestFlows;

namespace Governance.Server.Tests.Processes;

public abstract class CouncilVoteTests(ServerFixture fixture) : ServerTest(fixture)
{
    private static readonly string Flow = $$"""
    {
      "definitionId": "council-vote-test", "version": 1, "name": "理事会表决测试", "isPublished": true,
      "variables": [ { "id": "v1", "name": "Ballot", "typeName": "Object" } ],
      "inputs": [ { "name": "AllianceId", "type": "Guid", "isRequired": true },
                  { "name": "Interested", "type": "Guid", "isRequired": false } ],
      "root": { "id": "flow", "type": "Elsa.Flowchart", "version": 1,
        "activities": [
          { "id": "start", "type": "Elsa.Start", "version": 1 },
          { "id": "vote", "type": "Governance.CouncilVote", "version": 1, "matter": "General",
            "allianceId": {{Input("Guid", "JavaScript", "input.AllianceId")}},
            "interestedOrganizationId": {{Input("Guid", "JavaScript", "input.Interested || null")}},
            "subject": {{Input("String", "Literal", "关于接纳新成员单位的决议")}},
            "duration": {{Input("TimeSpan", "Literal", "3.00:00:00")}},
            "resultVariable": "Ballot" },
          { "id": "approved", "type": "Elsa.Finish", "version": 1, "outcome": {{Input("String", "Literal", "Approved")}} },
          { "id": "rejected", "type": "Elsa.Finish", "version": 1, "outcome": {{Input("String", "Literal", "Rejected")}} },
          { "id": "noQuorum", "type": "Elsa.Finish", "version": 1, "outcome": {{Input("String", "Literal", "NoQuorum")}} }
        ],
        "connections": [
          { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "vote", "port": "In" } },
          { "source": { "activity": "vote", "port": "Approved" }, "target": { "activity": "approved", "port": "In" } },
          { "source": { "activity": "vote", "port": "Rejected" }, "target": { "activity": "rejected", "port": "In" } },
          { "source": { "activity": "vote", "port": "NoQuorum" }, "target": { "activity": "noQuorum", "port": "In" } }
        ] }
    }
    """;

    [Fact]
    public async Task Votes_DecideBeforeTheDeadline_BallotClosesAndTheFlowTakesTheOutcome()
    {
        var council = await SeatCouncilAsync(7);
        var (instanceId, ballotId) = await StartAsync(council.AllianceId);

        // Majority of votes cast with a half quorum: 4 yes of 7 decides it whatever the other three do.
        for (var i = 0; i < 3; i++)
        {
            await CastAsync(ballotId, council.People[i], VoteChoice.Yes);
        }

        await CastAsync(ballotId, council.People[3], VoteChoice.No);
        Assert.Equal(WorkflowStatus.Suspended, (await InstanceAsync(instanceId)).Status);

        await CastAsync(ballotId, council.People[3], VoteChoice.Yes);   // changed before the close: now decided

        var instance = await InstanceAsync(instanceId);
        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        var state = InstanceStateJson.Read(instance.StateJson);
        Assert.Equal("Approved", state.Outcome);
        Assert.Equal(4, state.Variables["Ballot"]!["yes"]!.GetValue<int>());
        var ballot = await BallotAsync(ballotId);
        Assert.Equal(BallotStatus.Closed, ballot.Status);
        Assert.Equal((BallotOutcome.Approved, 4, 0, 7), (ballot.Result!.Outcome, ballot.Result.Yes, ballot.Result.No, ballot.Result.Eligible));
        await using var scope = Factory.Scope();
        Assert.Equal(0, await GovernanceApiFactory.Db(scope).WorkflowBookmarks.CountAsync(b => b.InstanceId == instanceId));
        Assert.Equal(0, await GovernanceApiFactory.Db(scope).WorkflowTimers.CountAsync(t => t.InstanceId == instanceId));

        // The four who voted have done their task (the one who changed her vote once); the vote that
        // closed the ballot completed its task in the same step that cancelled the other three.
        var tasks = await VoteTasksAsync(ballotId);
        Assert.Equal(7, tasks.Count);
        Assert.All(council.People[..4], p => Assert.Equal(
            ["Created", "Completed:voted"], tasks.Single(t => t.AssigneeId == p).History.Select(h => h.Action)));
        Assert.All(council.People[4..], p => Assert.Equal(WorkTaskStatus.Cancelled, tasks.Single(t => t.AssigneeId == p).Status));
        Assert.All(tasks.Where(t => t.Status == WorkTaskStatus.Cancelled), t => Assert.Equal("表决结果已确定，表决提前结束", t.Comment));

        // After the close a vote is refused and changes nothing.
        var late = await Assert.ThrowsAsync<DomainRuleViolation>(() => CastAsync(ballotId, council.People[6], VoteChoice.No));
        Assert.Equal("ballot.closed", late.Code);
        Assert.Equal(4, (await BallotAsync(ballotId)).Votes.Count);
        Assert.Equal(WorkTaskStatus.Cancelled, (await VoteTasksAsync(ballotId)).Single(t => t.AssigneeId == council.People[6]).Status);
    }

    [Fact]
    public async Task Opening_GivesEveryVoterATask_DueAtTheDeadline_TheRecusedNone()
    {
        var council = await SeatCouncilAsync(5);
        var (instanceId, ballotId) = await StartAsync(council.AllianceId, council.Organizations[4]);

        var ballot = await BallotAsync(ballotId);
        var tasks = await VoteTasksAsync(ballotId);
        Assert.Equal(council.People[..4].Select(p => p.Value).Order(), tasks.Select(t => t.AssigneeId.Value).Order());
        Assert.All(tasks, t =>
        {
            Assert.Equal((WorkTaskKind.Vote, WorkTaskStatus.Open), (t.Kind, t.Status));
            Assert.Equal(ballot.Deadline, t.DueAt);
            Assert.Equal((instanceId, "vote", ballotId.Value.ToString()), (t.InstanceId!.Value, t.ActivityId, t.WaitKey));
            Assert.Equal(council.AllianceId, t.AllianceId);
            Assert.Equal("理事会表决：关于接纳新成员单位的决议", t.Title);
        });
    }

    [Fact]
    public async Task ChangedVote_KeepsTheTaskDone_RecusalClosesTheTaskWithTheReason()
    {
        var council = await SeatCouncilAsync(7);
        var (_, ballotId) = await StartAsync(council.AllianceId);

        await CastAsync(ballotId, council.People[0], VoteChoice.No);
        await CastAsync(ballotId, council.People[0], VoteChoice.Abstain);
        await using (var scope = Factory.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<BallotVoting>()
                .RecuseAsync(ballotId, council.People[1], "本人系申请单位兼职顾问", CancellationToken.None);
        }

        var tasks = await VoteTasksAsync(ballotId);
        var changed = tasks.Single(t => t.AssigneeId == council.People[0]);
        Assert.Equal((WorkTaskStatus.Completed, BallotVoting.Voted), (changed.Status, changed.Outcome));
        Assert.Equal(["Created", "Completed:voted"], changed.History.Select(h => h.Action));
        Assert.Equal(council.People[0], changed.History[^1].ActorId);
        var recused = tasks.Single(t => t.AssigneeId == council.People[1]);
        Assert.Equal((WorkTaskStatus.Completed, BallotVoting.Recused, "本人系申请单位兼职顾问"), (recused.Status, recused.Outcome, recused.Comment));
        Assert.Equal(5, tasks.Count(t => t.Status == WorkTaskStatus.Open));
        Assert.Equal(BallotStatus.Open, (await BallotAsync(ballotId)).Status);
    }

    [Fact]
    public async Task Deadline_WithTooFewVotes_ClosesWithNoQuorum()
    {
        var council = await SeatCouncilAsync(7);
        var (instanceId, ballotId) = await StartAsync(council.AllianceId);
        await CastAsync(ballotId, council.People[0], VoteChoice.Yes);
        await CastAsync(ballotId, council.People[1], VoteChoice.Yes);

        var dispatcher = Factory.Services.GetRequiredService<TimerDispatcher>();
        Factory.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(1, await dispatcher.DispatchDueAsync(CancellationToken.None));

        var state = InstanceStateJson.Read((await InstanceAsync(instanceId)).StateJson);
        Assert.Equal("NoQuorum", state.Outcome);
        var ballot = await BallotAsync(ballotId);
        Assert.Equal((BallotOutcome.NoQuorum, 2, false), (ballot.Result!.Outcome, ballot.Result.Yes, ballot.Result.QuorumMet));
        var tasks = await VoteTasksAsync(ballotId);
        Assert.Equal(2, tasks.Count(t => t.Status == WorkTaskStatus.Completed));
        Assert.Equal(5, tasks.Count(t => t.Status == WorkTaskStatus.Cancelled && t.Comment == "表决期限已到，未投票"));
        var late = await Assert.ThrowsAsync<DomainRuleViolation>(() => CastAsync(ballotId, council.People[2], VoteChoice.Yes));
        Assert.Equal("ballot.closed", late.Code);
    }

    [Fact]
    public async Task InterestedOrganization_ItsCouncilMemberIsRecusedAndCannotVote()
    {
        var council = await SeatCouncilAsync(5);
        var (_, ballotId) = await StartAsync(council.AllianceId, council.Organizations[2]);

        var ballot = await BallotAsync(ballotId);
        var recused = Assert.Single(ballot.Voters, v => v.Recused);
        Assert.Equal(council.People[2], recused.PersonId);
        var refused = await Assert.ThrowsAsync<DomainRuleViolation>(() => CastAsync(ballotId, council.People[2], VoteChoice.Yes));
        Assert.Equal("ballot.voter-recused", refused.Code);
    }

    [Fact]
    public async Task TwentyFiveVotersAtTheSameMoment_EveryVoteCounted_OneClose()
    {
        var council = await SeatCouncilAsync(25);
        var (instanceId, ballotId) = await StartAsync(council.AllianceId);

        // Every voter votes yes except four: the result is decided only near the end, and no vote may be lost.
        using var go = new ManualResetEventSlim();
        var voters = council.People.Select((person, i) => Task.Run(async () =>
        {
            go.Wait();
            await CastAsync(ballotId, person, i % 6 == 5 ? VoteChoice.No : VoteChoice.Yes);
        })).ToList();
        go.Set();
        var outcomes = await Task.WhenAll(voters.Select(async v =>
        {
            try
            {
                await v;
                return "ok";
            }
            catch (DomainRuleViolation violation)
            {
                return violation.Code;
            }
        }));

        var ballot = await BallotAsync(ballotId);
        Assert.Equal(BallotStatus.Closed, ballot.Status);

        // Votes that arrived after the decided close were refused, never silently dropped.
        Assert.Equal(outcomes.Count(o => o == "ok"), ballot.Votes.Count);
        Assert.All(outcomes, o => Assert.True(o is "ok" or "ballot.closed", o));
        Assert.Equal(ballot.Votes.Count, ballot.Result!.Participants);
        Assert.Equal(BallotOutcome.Approved, ballot.Result.Outcome);
        await using var scope = Factory.Scope();
        var db = GovernanceApiFactory.Db(scope);
        Assert.Equal(1, await db.WorkflowJournal.CountAsync(j => j.InstanceId == instanceId && j.ActivityId == "vote" && j.Event == "Executed"));
        Assert.Equal(ballot.Votes.Count, await db.WorkflowJournal.CountAsync(j => j.InstanceId == instanceId && j.ActivityId == "vote" && j.Event == "Resumed"));
        Assert.Equal(WorkflowStatus.Finished, (await InstanceAsync(instanceId)).Status);

        // One task per voter: done by those whose vote counted, cancelled for the rest, none left open.
        var tasks = await VoteTasksAsync(ballotId);
        Assert.Equal(25, tasks.Count);
        Assert.Equal(
            ballot.Votes.Select(v => v.VoterId.Value).Order(),
            tasks.Where(t => t.Status == WorkTaskStatus.Completed).Select(t => t.AssigneeId.Value).Order());
        Assert.Equal(25 - ballot.Votes.Count, tasks.Count(t => t.Status == WorkTaskStatus.Cancelled));
    }

    private async Task<List<WorkTask>> VoteTasksAsync(BallotId ballot)
    {
        await using var scope = Factory.Scope();
        var key = ballot.Value.ToString();
        return await GovernanceApiFactory.Db(scope).Tasks.AsNoTracking().Where(t => t.WaitKey == key && t.Kind == WorkTaskKind.Vote).ToListAsync();
    }

    private async Task<(Guid InstanceId, BallotId BallotId)> StartAsync(AllianceId allianceId, OrganizationId? interested = null)
    {
        await using var scope = Factory.Scope();
        await scope.ServiceProvider.GetRequiredService<WorkflowDefinitionStore>().ImportAsync(Flow, CancellationToken.None);
        var input = new Dictionary<string, JsonNode?> { ["AllianceId"] = allianceId.Value.ToString() };
        if (interested is not null)
        {
            input["Interested"] = interested.Value.Value.ToString();
        }

        var record = await scope.ServiceProvider.GetRequiredService<WorkflowRuntime>()
            .StartAsync("council-vote-test", null, input, null, "secretariat", CancellationToken.None);
        var state = InstanceStateJson.Read(record.StateJson);
        Assert.True(state.Status == WorkflowStatus.Suspended, $"{state.Status}: {state.FaultMessage}");
        var ballot = state.Variables["Ballot"]!["ballotId"]!.GetValue<Guid>();
        return (record.Id, new BallotId(ballot));
    }

    private async Task CastAsync(BallotId ballot, PersonId voter, VoteChoice choice)
    {
        await using var scope = Factory.Scope();
        await scope.ServiceProvider.GetRequiredService<BallotVoting>().CastAsync(ballot, voter, choice, CancellationToken.None);
    }

    private async Task<WorkflowInstanceRecord> InstanceAsync(Guid id)
    {
        await using var scope = Factory.Scope();
        return await GovernanceApiFactory.Db(scope).WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == id);
    }

    private async Task<Ballot> BallotAsync(BallotId id)
    {
        await using var scope = Factory.Scope();
        return await GovernanceApiFactory.Db(scope).Ballots.AsNoTracking().SingleAsync(b => b.Id == id);
    }

    private sealed record Council(AllianceId AllianceId, PersonId[] People, OrganizationId[] Organizations);

    /// <summary>An active alliance whose council has one seat per member university.</summary>
    private async Task<Council> SeatCouncilAsync(int seats)
    {
        await using var scope = Factory.Scope();
        var db = GovernanceApiFactory.Db(scope);
        var now = Factory.Clock.GetUtcNow();
        var supervisor = TestData.Organization(OrganizationKind.GovernmentAgency);
        var alliance = TestData.Alliance(supervisor);
        alliance.MoveTo(AllianceStatus.UnderReview, null, now);
        alliance.MoveTo(AllianceStatus.Founded, null, now);
        var memberships = new List<Membership>();
        var people = new List<Person>();
        var units = new List<Organization>();
        for (var i = 0; i < seats; i++)
        {
            var unit = TestData.Organization(OrganizationKind.University, $"理事单位{i:D2}{Guid.NewGuid():N}"[..14]);
            var membership = TestData.ActiveMember(alliance, unit, i == 0 ? MembershipRole.ChairUnit : MembershipRole.CouncilMemberUnit, memberships);
            var person = new Person(PersonId.New(), $"理事{i:D2}", $"council{i}.{Guid.NewGuid():N}@test.example", null, PreferredLanguage.ZhCn, now);
            alliance.SeatCouncilMember(person.Id, membership, i == 0 ? CouncilPosition.Chair : CouncilPosition.Member, now);
            units.Add(unit);
            people.Add(person);
        }

        alliance.MoveTo(AllianceStatus.Active, null, now, memberships);
        db.Organizations.Add(supervisor);
        db.Organizations.AddRange(units);
        db.Alliances.Add(alliance);
        db.Memberships.AddRange(memberships);
        db.People.AddRange(people);
        await db.SaveChangesAsync();
        return new Council(alliance.Id, people.Select(p => p.Id).ToArray(), units.Select(u => u.Id).ToArray());
    }
}

[Collection(OnSqlite.Name)]
public sealed class SqliteCouncilVoteTests(SqliteServerFixture fixture) : CouncilVoteTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresCouncilVoteTests(PostgresServerFixture fixture) : CouncilVoteTests(fixture);
