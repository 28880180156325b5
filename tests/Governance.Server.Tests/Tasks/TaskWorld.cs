using System.Text.Json.Nodes;
using Governance.Domain.Alliances;
using Governance.Domain.Charters;
using Governance.Domain.Common;
using Governance.Domain.Memberships;
using Governance.Domain.Organizations;
using Governance.Domain.People;
using Governance.Server.Tests.Builders;
using Governance.Server.Tests.Infrastructure;
using Governance.Server.WorkflowHosting;
using Governance.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Governance.Server.Tests.Access.TwoAlliances;
using static Governance.Server.Tests.Workflows.TestFlows;

namespace Governance.Server.Tests.Tasks;

/// <summary>
/// An active alliance A whose council has one seat per member university (seat 0 is the chair), with
/// two secretaries, a liaison per member unit, and a second alliance B with its own secretary; plus
/// somebody with no role at all. Everyone holds the role assignments the API checks.
/// </summary>
public sealed record TaskWorld(
    AllianceId A,
    string AName,
    AllianceId B,
    PersonId Secretary,
    PersonId SecondSecretary,
    PersonId Chair,
    PersonId SecretaryB,
    PersonId Outsider,
    IReadOnlyList<PersonId> Council,
    IReadOnlyList<OrganizationId> Units,
    IReadOnlyList<PersonId> Liaisons)
{
    public const string AllianceName = "辽宁省智能制造产教联盟";

    public static async Task<TaskWorld> SeedAsync(GovernanceApiFactory factory, int seats = 5, VotingRule? rule = null, bool liaisons = false)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var now = factory.Clock.GetUtcNow();
        var department = TestData.Organization(OrganizationKind.GovernmentAgency, "辽宁省教育厅");
        var departmentB = TestData.Organization(OrganizationKind.GovernmentAgency, "吉林省教育厅");
        var a = TestData.Alliance(department, AllianceName);
        var b = TestData.Alliance(departmentB, "吉林省汽车产教联盟");
        foreach (var alliance in new[] { a, b })
        {
            alliance.MoveTo(AllianceStatus.UnderReview, null, now);
            alliance.MoveTo(AllianceStatus.Founded, null, now);
        }

        var memberships = new List<Membership>();
        var units = new List<Organization>();
        for (var i = 0; i < seats; i++)
        {
            var unit = TestData.Organization(OrganizationKind.University, $"理事单位{i:D2}-{Guid.NewGuid():N}"[..16]);
            TestData.ActiveMember(a, unit, i == 0 ? MembershipRole.ChairUnit : MembershipRole.CouncilMemberUnit, memberships);
            units.Add(unit);
        }

        var bMembers = new List<Membership>();
        var chairUnitB = TestData.Organization(OrganizationKind.University, "吉林大学");
        TestData.ActiveMember(b, chairUnitB, MembershipRole.ChairUnit, bMembers);
        await using (var scope = factory.Scope())
        {
            var db = GovernanceApiFactory.Db(scope);
            db.Organizations.AddRange([department, departmentB, chairUnitB, .. units]);
            db.Alliances.AddRange(a, b);
            db.Memberships.AddRange(memberships.Concat(bMembers));
            if (rule is not null)
            {
                var charter = new Charter(CharterId.New(), a.Id, 1, "联盟章程", [("总则", "第一条　本联盟……")], [rule], now);
                charter.PutInForceAtFounding(now);
                db.Charters.Add(charter);
            }

            await db.SaveChangesAsync();
        }

        var chair = await factory.CreatePersonAsync("陈国华", In(a.Id, Role.Chair), In(a.Id, Role.CouncilMember));
        var council = new List<PersonId> { chair };
        for (var i = 1; i < seats; i++)
        {
            council.Add(await factory.CreatePersonAsync($"理事{i:D2}", In(a.Id, Role.CouncilMember)));
        }

        var liaisonIds = new List<PersonId>();
        if (liaisons)
        {
            for (var i = 0; i < seats; i++)
            {
                liaisonIds.Add(await factory.CreatePersonAsync($"联络员{i:D2}", For(units[i].Id, Role.Liaison)));
            }
        }

        await using (var scope = factory.Scope())
        {
            var db = GovernanceApiFactory.Db(scope);
            var alliance = await db.Alliances.SingleAsync(x => x.Id == a.Id);
            var tracked = await db.Memberships.Where(m => m.AllianceId == a.Id).ToListAsync();
            for (var i = 0; i < seats; i++)
            {
                alliance.SeatCouncilMember(
                    council[i], tracked.Single(m => m.OrganizationId == units[i].Id), i == 0 ? CouncilPosition.Chair : CouncilPosition.Member, now);
            }

            alliance.MoveTo(AllianceStatus.Active, null, now, tracked);
            await db.SaveChangesAsync();
        }

        return new TaskWorld(
            a.Id, a.Name, b.Id,
            await factory.CreatePersonAsync("钱慧敏", In(a.Id, Role.Secretariat)),
            await factory.CreatePersonAsync("周晓", In(a.Id, Role.Secretariat)),
            chair,
            await factory.CreatePersonAsync("吉林秘书", In(b.Id, Role.Secretariat)),
            await factory.CreatePersonAsync("无关人员"),
            council, units.Select(u => u.Id).ToList(), liaisonIds);
    }

    /// <summary>Starts one of <see cref="TaskFlows"/> as <paramref name="starter"/>; the instance must then be waiting.</summary>
    public async Task<Guid> StartAsync(GovernanceApiFactory factory, string flow, PersonId? starter, Dictionary<string, JsonNode?>? input = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var scope = factory.Scope();
        var store = scope.ServiceProvider.GetRequiredService<WorkflowDefinitionStore>();
        var definitionId = Parse(flow)["definitionId"]!.GetValue<string>();
        await store.ImportAsync(flow, CancellationToken.None);
        var record = await scope.ServiceProvider.GetRequiredService<WorkflowRuntime>().StartAsync(
            definitionId, null, input ?? new Dictionary<string, JsonNode?> { ["AllianceId"] = A.Value.ToString() }, null,
            starter?.Value.ToString(), CancellationToken.None);
        var state = InstanceStateJson.Read(record.StateJson);
        Assert.True(state.Status == WorkflowStatus.Suspended, $"{state.Status}: {state.FaultMessage}");
        return record.Id;
    }
}

/// <summary>The workflows the API tests run: a council vote, a secretariat review (cc the chair), an annual collection.</summary>
public static class TaskFlows
{
    public static readonly string Vote = $$"""
    {
      "definitionId": "api-council-vote", "version": 1, "name": "理事会表决 / Council vote", "isPublished": true,
      "variables": [ { "id": "v1", "name": "Ballot", "typeName": "Object" } ],
      "inputs": [ { "name": "AllianceId", "type": "Guid", "isRequired": true } ],
      "root": { "id": "flow", "type": "Elsa.Flowchart", "version": 1,
        "activities": [
          { "id": "start", "type": "Elsa.Start", "version": 1 },
          { "id": "vote", "type": "Governance.CouncilVote", "version": 1, "matter": "General",
            "allianceId": {{Input("Guid", "JavaScript", "input.AllianceId")}},
            "subject": {{Input("String", "Literal", "关于接纳沈阳新松机器人公司为成员单位的决议")}},
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

    public static readonly string Review = $$"""
    {
      "definitionId": "api-review", "version": 1, "name": "入盟申请审核 / Admission review", "isPublished": true,
      "variables": [ { "id": "v1", "name": "Result", "typeName": "Object" } ],
      "inputs": [ { "name": "AllianceId", "type": "Guid", "isRequired": true } ],
      "root": { "id": "flow", "type": "Elsa.Flowchart", "version": 1,
        "activities": [
          { "id": "start", "type": "Elsa.Start", "version": 1 },
          { "id": "review", "type": "Governance.ApprovalTask", "version": 1, "name": "秘书处审核", "role": "Secretariat", "ccRole": "Chair",
            "allianceId": {{Input("Guid", "JavaScript", "input.AllianceId")}},
            "title": {{Input("String", "Literal", "审核沈阳新松机器人公司入盟申请")}},
            "duration": {{Input("TimeSpan", "Literal", "2.00:00:00")}},
            "resultVariable": "Result" },
          { "id": "approved", "type": "Elsa.Finish", "version": 1, "outcome": {{Input("String", "Literal", "Approved")}} },
          { "id": "rejected", "type": "Elsa.Finish", "version": 1, "outcome": {{Input("String", "Literal", "Rejected")}} },
          { "id": "returned", "type": "Elsa.Finish", "version": 1, "outcome": {{Input("String", "Literal", "Returned")}} },
          { "id": "timedOut", "type": "Elsa.Finish", "version": 1, "outcome": {{Input("String", "Literal", "TimedOut")}} }
        ],
        "connections": [
          { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "review", "port": "In" } },
          { "source": { "activity": "review", "port": "Approved" }, "target": { "activity": "approved", "port": "In" } },
          { "source": { "activity": "review", "port": "Rejected" }, "target": { "activity": "rejected", "port": "In" } },
          { "source": { "activity": "review", "port": "Returned" }, "target": { "activity": "returned", "port": "In" } },
          { "source": { "activity": "review", "port": "TimedOut" }, "target": { "activity": "timedOut", "port": "In" } }
        ] }
    }
    """;

    public static readonly string Collect = $$"""
    {
      "definitionId": "api-collect", "version": 1, "name": "年度工作材料征集 / Annual contributions", "isPublished": true,
      "variables": [ { "id": "v1", "name": "Report", "typeName": "Object" } ],
      "inputs": [ { "name": "AllianceId", "type": "Guid", "isRequired": true } ],
      "root": { "id": "flow", "type": "Elsa.Flowchart", "version": 1,
        "activities": [
          { "id": "start", "type": "Elsa.Start", "version": 1 },
          { "id": "collect", "type": "Governance.CollectSubmissions", "version": 1,
            "allianceId": {{Input("Guid", "JavaScript", "input.AllianceId")}},
            "year": {{Input("Int32", "Literal", 2026)}},
            "duration": {{Input("TimeSpan", "Literal", "10.00:00:00")}},
            "resultVariable": "Report" },
          { "id": "complete", "type": "Elsa.Finish", "version": 1, "outcome": {{Input("String", "Literal", "Completed")}} },
          { "id": "partial", "type": "Elsa.Finish", "version": 1, "outcome": {{Input("String", "Literal", "PartiallyCompleted")}} }
        ],
        "connections": [
          { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "collect", "port": "In" } },
          { "source": { "activity": "collect", "port": "Completed" }, "target": { "activity": "complete", "port": "In" } },
          { "source": { "activity": "collect", "port": "PartiallyCompleted" }, "target": { "activity": "partial", "port": "In" } }
        ] }
    }
    """;
}
