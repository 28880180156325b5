using System.Text.Json.Nodes;
using Governance.Domain.Alliances;
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

public abstract class ApprovalTaskTests(ServerFixture fixture) : ServerTest(fixture)
{
    // start → secretariat review (2 days) → Approved / Rejected / TimedOut end; Returned → wait for the
    // applicant's resubmission → back to the same review.
    private static readonly string Flow = $$"""
    {
      "definitionId": "review-test", "version": 1, "name": "秘书处审核测试", "isPublished": true,
      "variables": [ { "id": "v1", "name": "Result", "typeName": "Object" } ],
      "inputs": [ { "name": "AllianceId", "type": "Guid", "isRequired": true } ],
      "root": { "id": "flow", "type": "Elsa.Flowchart", "version": 1,
        "activities": [
          { "id": "start", "type": "Elsa.Start", "version": 1 },
          { "id": "review", "type": "Governance.ApprovalTask", "version": 1, "role": "Secretariat", "ccRole": "Chair",
            "allianceId": {{Input("Guid", "JavaScript", "input.AllianceId")}},
            "title": {{Input("String", "Literal", "审核入盟申请")}},
            "duration": {{Input("TimeSpan", "Literal", "2.00:00:00")}},
            "resultVariable": "Result" },
          { "id": "resubmitted", "type": "Elsa.Event", "version": 1,
            "eventName": {{Input("String", "Literal", "Resubmitted")}},
            "correlationKey": {{Input("String", "JavaScript", "input.AllianceId")}} },
          { "id": "approved", "type": "Elsa.Finish", "version": 1, "outcome": {{Input("String", "Literal", "Approved")}} },
          { "id": "rejected", "type": "Elsa.Finish", "version": 1, "outcome": {{Input("String", "Literal", "Rejected")}} },
          { "id": "timedOut", "type": "Elsa.Finish", "version": 1, "outcome": {{Input("String", "Literal", "TimedOut")}} }
        ],
        "connections": [
          { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "review", "port": "In" } },
          { "source": { "activity": "review", "port": "Approved" }, "target": { "activity": "approved", "port": "In" } },
          { "source": { "activity": "review", "port": "Rejected" }, "target": { "activity": "rejected", "port": "In" } },
          { "source": { "activity": "review", "port": "TimedOut" }, "target": { "activity": "timedOut", "port": "In" } },
          { "source": { "activity": "review", "port": "Returned" }, "target": { "activity": "resubmitted", "port": "In" } },
          { "source": { "activity": "resubmitted", "port": "Done" }, "target": { "activity": "review", "port": "In" } }
        ] }
    }
    """;

    [Fact]
    public async Task FirstHolderDecides_OthersTasksCancelled_HistoryKept_LateActionRefused()
    {
        var office = await OfficeAsync();
        var instance = await StartAsync(office.Alliance);
        var tasks = await OpenTasksAsync(instance);
        Assert.Equal(
            new[] { office.SecretaryA, office.SecretaryB }.Select(p => p.Value).Order(), tasks.Select(t => t.AssigneeId.Value).Order());
        Assert.All(tasks, t => Assert.Equal([office.Chair], t.CcIds));

        var mine = tasks.Single(t => t.AssigneeId == office.SecretaryA);
        await DecideAsync(mine.Id, office.SecretaryA, TaskActions.Approve, "材料齐全，同意");

        var state = await StateAsync(instance);
        Assert.Equal(("Approved", WorkflowStatus.Finished), (state.Outcome, state.Status));
        Assert.Equal("材料齐全，同意", state.Variables["Result"]!["comment"]!.GetValue<string>());
        var stored = await TasksAsync(instance);
        var decided = stored.Single(t => t.Id == mine.Id);
        Assert.Equal((WorkTaskStatus.Completed, "approve"), (decided.Status, decided.Outcome));
        Assert.Equal(["Created", "Completed:approve"], decided.History.Select(h => h.Action));
        Assert.Equal(office.SecretaryA, decided.History[^1].ActorId);
        var other = stored.Single(t => t.Id != mine.Id);
        Assert.Equal(WorkTaskStatus.Cancelled, other.Status);

        var late = await Assert.ThrowsAsync<DomainRuleViolation>(() => DecideAsync(other.Id, office.SecretaryB, TaskActions.Reject, "不同意"));
        Assert.Equal("task.closed", late.Code);
    }

    [Fact]
    public async Task RejectOrReturn_WithoutComment_RefusedAndNothingChanges()
    {
        var office = await OfficeAsync();
        var instance = await StartAsync(office.Alliance);
        var task = (await OpenTasksAsync(instance)).First(t => t.AssigneeId == office.SecretaryA);

        var reject = await Assert.ThrowsAsync<DomainRuleViolation>(() => DecideAsync(task.Id, office.SecretaryA, TaskActions.Reject, " "));
        var back = await Assert.ThrowsAsync<DomainRuleViolation>(() => DecideAsync(task.Id, office.SecretaryA, TaskActions.Return, null));
        var stranger = await Assert.ThrowsAsync<DomainRuleViolation>(() => DecideAsync(task.Id, office.Chair, TaskActions.Approve, null));

        Assert.Equal(("task.comment-required", "comment"), (reject.Code, reject.Field));
        Assert.Equal("task.comment-required", back.Code);
        Assert.Equal("task.not-assignee", stranger.Code);
        Assert.Equal(2, (await OpenTasksAsync(instance)).Count);
        Assert.Equal(WorkflowStatus.Suspended, (await StateAsync(instance)).Status);
    }

    [Fact]
    public async Task Returned_ResubmissionComesBackToTheSameStep_NewRoundThenApproved()
    {
        var office = await OfficeAsync();
        var instance = await StartAsync(office.Alliance);
        var first = (await OpenTasksAsync(instance)).First(t => t.AssigneeId == office.SecretaryB);
        await DecideAsync(first.Id, office.SecretaryB, TaskActions.Return, "请补充近三年校企合作项目清单");
        Assert.Empty(await OpenTasksAsync(instance));

        await using (var scope = Factory.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<WorkflowRuntime>()
                .RaiseEventAsync("Resubmitted", office.Alliance.Value.ToString(), null, null, "liaison", CancellationToken.None);
        }

        var second = await OpenTasksAsync(instance);
        Assert.Equal(2, second.Count);
        Assert.DoesNotContain(second, t => t.Id == first.Id);
        await DecideAsync(second.First(t => t.AssigneeId == office.SecretaryB).Id, office.SecretaryB, TaskActions.Approve, null);

        Assert.Equal("Approved", (await StateAsync(instance)).Outcome);
        await using var check = Factory.Scope();
        var journal = await GovernanceApiFactory.Db(check).WorkflowJournal.Where(j => j.InstanceId == instance && j.ActivityId == "review" && j.Event == "Executed")
            .Select(j => j.Outcome).ToListAsync();
        Assert.Equal(["Returned", "Approved"], journal);
    }

    [Fact]
    public async Task Deadline_EndsWithTimedOut_AndCancelsTheOpenTasks()
    {
        var office = await OfficeAsync();
        var instance = await StartAsync(office.Alliance);

        Factory.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await Factory.Services.GetRequiredService<TimerDispatcher>().DispatchDueAsync(CancellationToken.None));

        Assert.Equal("TimedOut", (await StateAsync(instance)).Outcome);
        Assert.All(await TasksAsync(instance), t => Assert.Equal(WorkTaskStatus.Cancelled, t.Status));
    }

    [Fact]
    public async Task Transfer_TheNewAssigneeDecides_AndTheHandOverIsInTheHistory()
    {
        var office = await OfficeAsync();
        var instance = await StartAsync(office.Alliance);
        var task = (await OpenTasksAsync(instance)).First(t => t.AssigneeId == office.SecretaryA);

        await using (var scope = Factory.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<TaskActions>()
                .TransferAsync(task.Id, office.SecretaryA, office.Chair, "请理事长审阅", CancellationToken.None);
        }

        var refused = await Assert.ThrowsAsync<DomainRuleViolation>(() => DecideAsync(task.Id, office.SecretaryA, TaskActions.Approve, null));
        Assert.Equal("task.not-assignee", refused.Code);
        await DecideAsync(task.Id, office.Chair, TaskActions.Reject, "不符合联盟章程第八条");

        Assert.Equal("Rejected", (await StateAsync(instance)).Outcome);
        var stored = (await TasksAsync(instance)).Single(t => t.Id == task.Id);
        Assert.Equal(["Created", "Transferred", "Completed:reject"], stored.History.Select(h => h.Action));
        Assert.Equal((office.SecretaryA, office.Chair, "请理事长审阅"), (stored.History[1].ActorId!.Value, stored.History[1].ToPersonId!.Value, stored.History[1].Comment));
    }

    [Fact]
    public async Task ExpiredRole_GetsNoTask()
    {
        var office = await OfficeAsync(secretaryBLeft: true);
        var instance = await StartAsync(office.Alliance);

        var tasks = await OpenTasksAsync(instance);

        Assert.Equal([office.SecretaryA], tasks.Select(t => t.AssigneeId));
    }

    private sealed record Office(AllianceId Alliance, PersonId SecretaryA, PersonId SecretaryB, PersonId Chair);

    private async Task<Office> OfficeAsync(bool secretaryBLeft = false)
    {
        await using var scope = Factory.Scope();
        var db = GovernanceApiFactory.Db(scope);
        var now = Factory.Clock.GetUtcNow();
        var supervisor = TestData.Organization(OrganizationKind.GovernmentAgency);
        var alliance = TestData.Alliance(supervisor);
        var scopeOf = RoleScope.Alliance(alliance.Id);
        Person Person(string name, Role role, DateTimeOffset? until = null)
        {
            var person = new Person(PersonId.New(), name, $"p.{Guid.NewGuid():N}@test.example", null, PreferredLanguage.ZhCn, now.AddDays(-30));
            person.Grant(role, scopeOf, now.AddDays(-30), until);
            return person;
        }

        var a = Person("钱慧敏", Role.Secretariat);
        var b = Person("周晓", Role.Secretariat, secretaryBLeft ? now.AddDays(-1) : null);
        var chair = Person("陈国华", Role.Chair);
        db.Organizations.Add(supervisor);
        db.Alliances.Add(alliance);
        db.People.AddRange(a, b, chair);
        await db.SaveChangesAsync();
        return new Office(alliance.Id, a.Id, b.Id, chair.Id);
    }

    private async Task<Guid> StartAsync(AllianceId alliance)
    {
        await using var scope = Factory.Scope();
        await scope.ServiceProvider.GetRequiredService<WorkflowDefinitionStore>().ImportAsync(Flow, CancellationToken.None);
        var record = await scope.ServiceProvider.GetRequiredService<WorkflowRuntime>().StartAsync(
            "review-test", null, new Dictionary<string, JsonNode?> { ["AllianceId"] = alliance.Value.ToString() }, null, null, CancellationToken.None);
        Assert.Equal(WorkflowStatus.Suspended, record.Status);
        return record.Id;
    }

    private async Task DecideAsync(WorkTaskId task, PersonId actor, string action, string? comment)
    {
        await using var scope = Factory.Scope();
        await scope.ServiceProvider.GetRequiredService<TaskActions>().DecideAsync(task, actor, action, comment, null, CancellationToken.None);
    }

    private async Task<List<WorkTask>> TasksAsync(Guid instance)
    {
        await using var scope = Factory.Scope();
        return await GovernanceApiFactory.Db(scope).Tasks.AsNoTracking().Where(t => t.InstanceId == instance).ToListAsync();
    }

    private async Task<List<WorkTask>> OpenTasksAsync(Guid instance) =>
        (await TasksAsync(instance)).Where(t => t.Status == WorkTaskStatus.Open).ToList();

    private async Task<WorkflowInstanceState> StateAsync(Guid instance)
    {
        await using var scope = Factory.Scope();
        return InstanceStateJson.Read((await GovernanceApiFactory.Db(scope).WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == instance)).StateJson);
    }
}

[Collection(OnSqlite.Name)]
public sealed class SqliteApprovalTaskTests(SqliteServerFixture fixture) : ApprovalTaskTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresApprovalTaskTests(PostgresServerFixture fixture) : ApprovalTaskTests(fixture);
