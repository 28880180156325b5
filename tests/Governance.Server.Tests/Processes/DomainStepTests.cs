using System.Text.Json.Nodes;
using Governance.Domain.Alliances;
using Governance.Domain.Charters;
using Governance.Domain.Common;
using Governance.Domain.Memberships;
using Governance.Domain.Organizations;
using Governance.Domain.People;
using Governance.Domain.Tasks;
using Governance.Server.Tests.Builders;
using Governance.Server.Tests.Infrastructure;
using Governance.Server.WorkflowHosting;
using Governance.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Governance.Server.Tests.Workflows.TestFlows;

namespace Governance.Server.Tests.Processes;

/// <summary>The activities that carry out domain commands, each run as the one step of a small flow.</summary>
public abstract class DomainStepTests(ServerFixture fixture) : ServerTest(fixture)
{
    [Fact]
    public async Task CheckEligibility_GoodWarnedBarred_EligibleNeedsReviewIneligible()
    {
        var (alliance, _) = await AllianceAsync();
        var good = await ApplyAsync(alliance, TestData.Organization(OrganizationKind.University));
        var warned = await ApplyAsync(alliance, TestData.Organization(OrganizationKind.University));
        var barred = await ApplyAsync(alliance, TestData.Organization(OrganizationKind.Enterprise));
        await ChangeCreditAsync(warned, CreditStatus.Warned);
        await ChangeCreditAsync(barred, CreditStatus.Barred);

        Assert.Equal("Eligible", (await RunAsync(Eligibility(good))).Outcome);
        var review = await RunAsync(Eligibility(warned));
        Assert.Equal("NeedsReview", review.Outcome);
        Assert.Equal("membership.organization-warned", review.Variables["Result"]!["reasons"]![0]!.GetValue<string>());
        var refused = await RunAsync(Eligibility(barred));
        Assert.Equal("Ineligible", refused.Outcome);
        Assert.Equal("membership.organization-barred", refused.Variables["Result"]!["reasons"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task CheckEligibility_EnterpriseInAnotherAlliance_NeedsTheCouncilsExemption()
    {
        var (first, _) = await AllianceAsync();
        var (second, _) = await AllianceAsync();
        var enterprise = TestData.Organization(OrganizationKind.Enterprise);
        await ApplyAsync(first, enterprise);
        var withExemption = await ApplyAsync(second, enterprise, exemption: true);

        var result = await RunAsync(Eligibility(withExemption));

        Assert.Equal("NeedsReview", result.Outcome);
        Assert.Equal("membership.enterprise-already-in-alliance", result.Variables["Result"]!["reasons"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task MembershipChange_AdmitThenRemove_VacatesSeatsAndCancelsOpenTasks()
    {
        var (alliance, chair) = await AllianceAsync();
        var unit = TestData.Organization(OrganizationKind.University);
        var membership = await ApplyAsync(alliance, unit);
        Assert.Equal("Done", (await RunAsync(Change(membership, "Admit"))).Outcome);
        Assert.Equal("Done", (await RunAsync(Change(membership, "Activate"))).Outcome);
        var member = await SeatAsync(alliance, membership);
        var task = await TaskForAsync(member, alliance);

        var removal = await RunAsync(Change(membership, "Remove", "理事会决议罢免"));

        Assert.Equal(WorkflowStatus.Finished, removal.Status);
        await using var scope = Factory.Scope();
        var db = GovernanceApiFactory.Db(scope);
        Assert.Equal(MembershipStatus.Removed, (await db.Memberships.SingleAsync(m => m.Id == membership)).Status);
        var stored = await db.Alliances.SingleAsync(a => a.Id == alliance);
        Assert.DoesNotContain(stored.CurrentCouncil, s => s.PersonId == member);
        Assert.Contains(stored.CurrentCouncil, s => s.PersonId == chair);
        Assert.Equal(WorkTaskStatus.Cancelled, (await db.Tasks.SingleAsync(t => t.Id == task)).Status);
    }

    [Fact]
    public async Task MembershipChange_RejectWithoutReason_FaultsWithTheRuleAndChangesNothing()
    {
        var (alliance, _) = await AllianceAsync();
        var membership = await ApplyAsync(alliance, TestData.Organization(OrganizationKind.University));

        var run = await RunAsync(Change(membership, "Reject"));

        Assert.Equal(WorkflowStatus.Faulted, run.Status);
        Assert.StartsWith("membership.reason-required", run.FaultMessage, StringComparison.Ordinal);
        await using var scope = Factory.Scope();
        Assert.Equal(MembershipStatus.Applied, (await GovernanceApiFactory.Db(scope).Memberships.SingleAsync(m => m.Id == membership)).Status);
        Assert.Equal(1, await GovernanceApiFactory.Db(scope).WorkflowIncidents.CountAsync());
    }

    [Fact]
    public async Task SetAllianceStatus_SuspendWithReason_AndAnUnknownStatusFaults()
    {
        var (alliance, _) = await AllianceAsync();

        var suspended = await RunAsync(Step("Governance.SetAllianceStatus", $$"""
            "allianceId": {{Input("Guid", "Literal", alliance.Value.ToString())}}, "status": "Suspended",
            "reason": {{Input("String", "Literal", "年度检查未通过，暂停活动")}}
            """));
        var unknown = await RunAsync(Step("Governance.SetAllianceStatus", $$"""
            "allianceId": {{Input("Guid", "Literal", alliance.Value.ToString())}}, "status": "Sleeping"
            """));

        Assert.Equal("Done", suspended.Outcome);
        Assert.Equal(WorkflowStatus.Faulted, unknown.Status);
        Assert.Contains("'Sleeping' is not one of", unknown.FaultMessage, StringComparison.Ordinal);
        await using var scope = Factory.Scope();
        Assert.Equal(AllianceStatus.Suspended, (await GovernanceApiFactory.Db(scope).Alliances.SingleAsync(a => a.Id == alliance)).Status);
    }

    [Fact]
    public async Task AdoptCharter_AdoptedByBallotThenInForce_SupersedesTheFoundingVersion()
    {
        var (alliance, _) = await AllianceAsync();
        var now = Factory.Clock.GetUtcNow();
        var founding = new Charter(CharterId.New(), alliance, 1, "章程", [("总则", "第一条")], [], now);
        founding.PutInForceAtFounding(now);
        var amended = new Charter(CharterId.New(), alliance, 2, "章程（修订）", [("总则", "第一条（修订）")], [], now);
        await using (var scope = Factory.Scope())
        {
            GovernanceApiFactory.Db(scope).Charters.AddRange(founding, amended);
            await GovernanceApiFactory.Db(scope).SaveChangesAsync();
        }

        var ballot = Guid.NewGuid();
        var adopt = await RunAsync(Step("Governance.AdoptCharter", $$"""
            "charterId": {{Input("Guid", "Literal", amended.Id.Value.ToString())}}, "step": "Adopt",
            "ballotId": {{Input("Guid", "Literal", ballot.ToString())}}
            """));
        var inForce = await RunAsync(Step("Governance.AdoptCharter", $$"""
            "charterId": {{Input("Guid", "Literal", amended.Id.Value.ToString())}}, "step": "PutInForce"
            """));

        Assert.Equal(("Done", "Done"), (adopt.Outcome, inForce.Outcome));
        await using var check = Factory.Scope();
        var db = GovernanceApiFactory.Db(check);
        var stored = await db.Charters.AsNoTracking().Where(c => c.AllianceId == alliance).ToDictionaryAsync(c => c.VersionNumber);
        Assert.Equal((CharterStatus.Superseded, CharterStatus.InForce), (stored[1].Status, stored[2].Status));
        Assert.Equal(ballot, stored[2].AdoptedByBallotId!.Value.Value);
    }

    private static string Eligibility(MembershipId membership) => Step("Governance.CheckEligibility", $$"""
        "membershipId": {{Input("Guid", "Literal", membership.Value.ToString())}}, "resultVariable": "Result"
        """, "Eligible", "NeedsReview", "Ineligible");

    private static string Change(MembershipId membership, string change, string? reason = null) => Step("Governance.ApplyMembershipChange", $$"""
        "membershipId": {{Input("Guid", "Literal", membership.Value.ToString())}}, "change": "{{change}}"
        {{(reason is null ? string.Empty : $", \"reason\": {Input("String", "Literal", reason)}")}}
        """);

    /// <summary>start → the activity → one Finish per outcome, with that outcome.</summary>
    private static string Step(string type, string settings, params string[] outcomes)
    {
        outcomes = outcomes.Length == 0 ? ["Done"] : outcomes;
        var id = $"step-{Guid.NewGuid():N}"[..20];
        var finishes = string.Join(",\n", outcomes.Select(o => $$"""{ "id": "end{{o}}", "type": "Elsa.Finish", "version": 1, "outcome": {{Input("String", "Literal", o)}} }"""));
        var links = string.Join(",\n", outcomes.Select(o => $$"""{ "source": { "activity": "step", "port": "{{o}}" }, "target": { "activity": "end{{o}}", "port": "In" } }"""));
        return $$"""
        {
          "definitionId": "{{id}}", "version": 1, "name": "{{type}}", "isPublished": true,
          "variables": [ { "id": "v1", "name": "Result", "typeName": "Object" } ],
          "root": { "id": "flow", "type": "Elsa.Flowchart", "version": 1,
            "activities": [
              { "id": "start", "type": "Elsa.Start", "version": 1 },
              { "id": "step", "type": "{{type}}", "version": 1, {{settings}} },
              {{finishes}}
            ],
            "connections": [
              { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "step", "port": "In" } },
              {{links}}
            ] }
        }
        """;
    }

    private async Task<WorkflowInstanceState> RunAsync(string flow)
    {
        await using var scope = Factory.Scope();
        var store = scope.ServiceProvider.GetRequiredService<WorkflowDefinitionStore>();
        await store.ImportAsync(flow, CancellationToken.None);
        var id = System.Text.Json.Nodes.JsonNode.Parse(flow)!["definitionId"]!.GetValue<string>();
        var record = await scope.ServiceProvider.GetRequiredService<WorkflowRuntime>()
            .StartAsync(id, null, new Dictionary<string, JsonNode?>(), null, "secretariat", CancellationToken.None);
        return InstanceStateJson.Read(record.StateJson);
    }

    private async Task<(AllianceId Alliance, PersonId Chair)> AllianceAsync()
    {
        await using var scope = Factory.Scope();
        var db = GovernanceApiFactory.Db(scope);
        var now = Factory.Clock.GetUtcNow();
        var supervisor = TestData.Organization(OrganizationKind.GovernmentAgency);
        var alliance = TestData.Alliance(supervisor);
        alliance.MoveTo(AllianceStatus.UnderReview, null, now);
        alliance.MoveTo(AllianceStatus.Founded, null, now);
        var chairUnit = TestData.Organization(OrganizationKind.University);
        var memberships = new List<Membership>();
        var membership = TestData.ActiveMember(alliance, chairUnit, MembershipRole.ChairUnit, memberships);
        var chair = new Person(PersonId.New(), "理事长", $"chair.{Guid.NewGuid():N}@test.example", null, PreferredLanguage.ZhCn, now);
        alliance.SeatCouncilMember(chair.Id, membership, CouncilPosition.Chair, now);
        alliance.MoveTo(AllianceStatus.Active, null, now, memberships);
        db.Organizations.AddRange(supervisor, chairUnit);
        db.Alliances.Add(alliance);
        db.Memberships.AddRange(memberships);
        db.People.Add(chair);
        await db.SaveChangesAsync();
        return (alliance.Id, chair.Id);
    }

    private async Task<MembershipId> ApplyAsync(AllianceId allianceId, Organization organization, bool exemption = false)
    {
        await using var scope = Factory.Scope();
        var db = GovernanceApiFactory.Db(scope);
        if (!await db.Organizations.AnyAsync(o => o.Id == organization.Id))
        {
            db.Organizations.Add(organization);
        }

        var alliance = await db.Alliances.SingleAsync(a => a.Id == allianceId);
        var existing = await db.Memberships.Where(m => m.OrganizationId == organization.Id).ToListAsync();
        var membership = Membership.Apply(alliance, organization, MembershipRole.MemberUnit, existing, exemption, Factory.Clock.GetUtcNow());
        db.Memberships.Add(membership);
        await db.SaveChangesAsync();
        return membership.Id;
    }

    private async Task ChangeCreditAsync(MembershipId membership, CreditStatus status)
    {
        await using var scope = Factory.Scope();
        var db = GovernanceApiFactory.Db(scope);
        var organizationId = (await db.Memberships.SingleAsync(m => m.Id == membership)).OrganizationId;
        (await db.Organizations.SingleAsync(o => o.Id == organizationId)).ChangeCreditStatus(status, "信用记录变更", Factory.Clock.GetUtcNow());
        await db.SaveChangesAsync();
    }

    private async Task<PersonId> SeatAsync(AllianceId allianceId, MembershipId membershipId)
    {
        await using var scope = Factory.Scope();
        var db = GovernanceApiFactory.Db(scope);
        var now = Factory.Clock.GetUtcNow();
        var person = new Person(PersonId.New(), "理事", $"member.{Guid.NewGuid():N}@test.example", null, PreferredLanguage.ZhCn, now);
        var alliance = await db.Alliances.SingleAsync(a => a.Id == allianceId);
        alliance.SeatCouncilMember(person.Id, await db.Memberships.SingleAsync(m => m.Id == membershipId), CouncilPosition.Member, now);
        db.People.Add(person);
        await db.SaveChangesAsync();
        return person.Id;
    }

    private async Task<WorkTaskId> TaskForAsync(PersonId person, AllianceId alliance)
    {
        await using var scope = Factory.Scope();
        var db = GovernanceApiFactory.Db(scope);
        var now = Factory.Clock.GetUtcNow();
        var task = new WorkTask(WorkTaskId.New(), WorkTaskKind.Vote, "对年度报告表决", person, alliance, null, now.AddDays(3), now);
        db.Tasks.Add(task);
        await db.SaveChangesAsync();
        return task.Id;
    }
}

[Collection(OnSqlite.Name)]
public sealed class SqliteDomainStepTests(SqliteServerFixture fixture) : DomainStepTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresDomainStepTests(PostgresServerFixture fixture) : DomainStepTests(fixture);
