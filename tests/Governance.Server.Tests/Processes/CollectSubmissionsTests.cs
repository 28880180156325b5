using System.Text.Json.Nodes;
using Governance.Domain.Alliances;
using Governance.Domain.Common;
using Governance.Domain.Memberships;
using Governance.Domain.Organizations;
using Governance.Domain.People;
using Governance.Domain.Reports;
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

public abstract class CollectSubmissionsTests(ServerFixture fixture) : ServerTest(fixture)
{
    private static readonly string Flow = $$"""
    {
      "definitionId": "collect-test", "version": 1, "name": "年度材料征集测试", "isPublished": true,
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

    private static readonly ContributionIndicators Sample = new(12, 3, 1, 240, 35, 86.5m);

    [Fact]
    public async Task EveryMemberSubmits_CompletesAtTheLastSubmission_TasksDone()
    {
        var alliance = await AllianceAsync();
        var instance = await StartAsync(alliance.Id);
        Assert.Equal(3, (await TasksAsync(instance)).Count);

        for (var i = 0; i < 3; i++)
        {
            await SubmitAsync(instance, alliance.Members[i], alliance.Liaisons[i]);
        }

        var state = await StateAsync(instance);
        Assert.Equal(("Completed", 3), (state.Outcome, state.Variables["Report"]!["submitted"]!.GetValue<int>()));
        Assert.All(await TasksAsync(instance), t => Assert.Equal((WorkTaskStatus.Completed, "submitted"), (t.Status, t.Outcome)));
        var report = await ReportAsync(instance);
        Assert.Equal(36, report.Contributions.Sum(c => c.Indicators.EnterprisesServed));
    }

    [Fact]
    public async Task OneMemberMissesTheDeadline_PartiallyCompletedWithItNamed_ItsTaskCancelled_LateSubmissionRefused()
    {
        var alliance = await AllianceAsync();
        var instance = await StartAsync(alliance.Id);
        await SubmitAsync(instance, alliance.Members[0], alliance.Liaisons[0]);
        await SubmitAsync(instance, alliance.Members[1], alliance.Liaisons[1]);

        Factory.Clock.Advance(TimeSpan.FromDays(10));
        Assert.Equal(1, await Factory.Services.GetRequiredService<TimerDispatcher>().DispatchDueAsync(CancellationToken.None));

        var state = await StateAsync(instance);
        Assert.Equal("PartiallyCompleted", state.Outcome);
        Assert.Equal(alliance.Members[2].Value, Assert.Single(state.Variables["Report"]!["missing"]!.AsArray())!.GetValue<Guid>());
        var late = (await TasksAsync(instance)).Single(t => t.AssigneeId == alliance.Liaisons[2]);
        Assert.Equal(WorkTaskStatus.Cancelled, late.Status);
        var refused = await Assert.ThrowsAsync<DomainRuleViolation>(() => SubmitAsync(instance, alliance.Members[2], alliance.Liaisons[2]));
        Assert.Equal("report.deadline-passed", refused.Code);
    }

    [Fact]
    public async Task SomeoneElse_CannotSubmitForAnOrganization()
    {
        var alliance = await AllianceAsync();
        var instance = await StartAsync(alliance.Id);

        var refused = await Assert.ThrowsAsync<DomainRuleViolation>(() => SubmitAsync(instance, alliance.Members[0], alliance.Liaisons[1]));

        Assert.Equal(("report.not-liaison", "organizationId"), (refused.Code, refused.Field));
        Assert.Empty((await ReportAsync(instance)).Contributions);
    }

    private sealed record Reporting(AllianceId Id, OrganizationId[] Members, PersonId[] Liaisons);

    private async Task<Reporting> AllianceAsync()
    {
        await using var scope = Factory.Scope();
        var db = GovernanceApiFactory.Db(scope);
        var now = Factory.Clock.GetUtcNow();
        var supervisor = TestData.Organization(OrganizationKind.GovernmentAgency);
        var alliance = TestData.Alliance(supervisor);
        alliance.MoveTo(AllianceStatus.UnderReview, null, now);
        alliance.MoveTo(AllianceStatus.Founded, null, now);
        var memberships = new List<Membership>();
        var units = new List<Organization>();
        var liaisons = new List<Person>();
        for (var i = 0; i < 3; i++)
        {
            var unit = TestData.Organization(OrganizationKind.University);
            TestData.ActiveMember(alliance, unit, i == 0 ? MembershipRole.ChairUnit : MembershipRole.MemberUnit, memberships);
            var liaison = new Person(PersonId.New(), $"联络员{i}", $"liaison{i}.{Guid.NewGuid():N}@test.example", null, PreferredLanguage.ZhCn, now);
            liaison.Grant(Role.Liaison, RoleScope.Organization(unit.Id), now, null);
            units.Add(unit);
            liaisons.Add(liaison);
        }

        db.Organizations.Add(supervisor);
        db.Organizations.AddRange(units);
        db.Alliances.Add(alliance);
        db.Memberships.AddRange(memberships);
        db.People.AddRange(liaisons);
        await db.SaveChangesAsync();
        return new Reporting(alliance.Id, units.Select(u => u.Id).ToArray(), liaisons.Select(l => l.Id).ToArray());
    }

    private async Task<Guid> StartAsync(AllianceId alliance)
    {
        await using var scope = Factory.Scope();
        await scope.ServiceProvider.GetRequiredService<WorkflowDefinitionStore>().ImportAsync(Flow, CancellationToken.None);
        var record = await scope.ServiceProvider.GetRequiredService<WorkflowRuntime>().StartAsync(
            "collect-test", null, new Dictionary<string, JsonNode?> { ["AllianceId"] = alliance.Value.ToString() }, null, null, CancellationToken.None);
        Assert.Equal(WorkflowStatus.Suspended, record.Status);
        return record.Id;
    }

    private async Task SubmitAsync(Guid instance, OrganizationId organization, PersonId liaison)
    {
        var report = (await ReportAsync(instance)).Id;
        await using var scope = Factory.Scope();
        await scope.ServiceProvider.GetRequiredService<ContributionSubmissions>()
            .SubmitAsync(report, organization, liaison, Sample, "本年度与联盟企业共建实训基地两个。", CancellationToken.None);
    }

    private async Task<AnnualReport> ReportAsync(Guid instance)
    {
        var id = (await StateAsync(instance)).Variables["Report"]!["reportId"]!.GetValue<Guid>();
        await using var scope = Factory.Scope();
        return await GovernanceApiFactory.Db(scope).AnnualReports.AsNoTracking().SingleAsync(r => r.Id == new AnnualReportId(id));
    }

    private async Task<List<WorkTask>> TasksAsync(Guid instance)
    {
        await using var scope = Factory.Scope();
        return await GovernanceApiFactory.Db(scope).Tasks.AsNoTracking().Where(t => t.InstanceId == instance).ToListAsync();
    }

    private async Task<WorkflowInstanceState> StateAsync(Guid instance)
    {
        await using var scope = Factory.Scope();
        return InstanceStateJson.Read((await GovernanceApiFactory.Db(scope).WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == instance)).StateJson);
    }
}

[Collection(OnSqlite.Name)]
public sealed class SqliteCollectSubmissionsTests(SqliteServerFixture fixture) : CollectSubmissionsTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresCollectSubmissionsTests(PostgresServerFixture fixture) : CollectSubmissionsTests(fixture);
