using System.Net;
using System.Text.Json;
using Governance.Domain.Common;
using Governance.Domain.Tasks;
using Governance.Server.Features.Documents;
using Governance.Server.Tests.Api;
using Governance.Server.Tests.Infrastructure;
using Governance.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Tests.Tasks;

/// <summary>The inbox and a task's page, completing and handing on a task: over HTTP, with the actors' own tokens.</summary>
public abstract class TaskApiTests(ServerFixture fixture) : ServerTest(fixture)
{
    [Fact]
    public async Task Todo_OverdueFirstThenNearestDueThenNoDeadline_PagedAndFiltered()
    {
        var world = await TaskWorld.SeedAsync(Factory);
        var now = Factory.Clock.GetUtcNow();
        var me = world.Secretary;
        WorkTask Task(string title, DateTimeOffset? due, WorkTaskKind kind = WorkTaskKind.Approve, AllianceId? alliance = null) =>
            new(WorkTaskId.New(), kind, title, me, alliance ?? world.A, null, due, now);
        var soonOverdue = Task("核对成员单位名录", now.AddHours(1));
        var tomorrow = Task("审核年度经费预算", now.AddDays(1).AddHours(2));
        var later = Task("审阅专家委员会意见", now.AddDays(5), WorkTaskKind.Review);
        var noDeadline = Task("整理理事会会议纪要", null);
        var otherAlliance = Task("吉林联盟协办事项", now.AddDays(2), alliance: world.B);
        var closed = Task("已办结事项", now.AddDays(1));
        closed.Complete("approve", null, now, me);
        var someoneElses = new WorkTask(WorkTaskId.New(), WorkTaskKind.Approve, "他人的待办", world.SecondSecretary, world.A, null, now.AddHours(3), now);
        await AddAsync(soonOverdue, tomorrow, later, noDeadline, otherAlliance, closed, someoneElses);
        Factory.Clock.Advance(TimeSpan.FromHours(2));
        using var client = await Factory.CreateClientForAsync(me);

        var first = await (await client.GetAsync("/api/v1/me/tasks?tab=todo&page=1&pageSize=3")).JsonAsync();
        var second = await (await client.GetAsync("/api/v1/me/tasks?tab=todo&page=2&pageSize=3")).JsonAsync();

        Assert.Equal(5, first.GetProperty("totalCount").GetInt32());
        Assert.Equal((1, 3), (first.GetProperty("pageNumber").GetInt32(), first.GetProperty("pageSize").GetInt32()));
        Assert.Equal(
            [soonOverdue.Id.Value, tomorrow.Id.Value, otherAlliance.Id.Value, later.Id.Value, noDeadline.Id.Value],
            Ids(first).Concat(Ids(second)));
        var top = first.GetProperty("items")[0];
        Assert.True(top.GetProperty("overdue").GetBoolean());
        Assert.False(first.GetProperty("items")[1].GetProperty("overdue").GetBoolean());
        Assert.Equal((world.A.Value, TaskWorld.AllianceName), (top.GetProperty("alliance").GetProperty("id").GetGuid(), top.GetProperty("alliance").GetProperty("name").GetString()));
        Assert.Equal(("Approve", "Open"), (top.GetProperty("kind").GetString(), top.GetProperty("status").GetString()));
        Assert.Equal("钱慧敏", top.GetProperty("assignee").GetProperty("name").GetString());

        Assert.Equal([soonOverdue.Id.Value], Ids(await (await client.GetAsync("/api/v1/me/tasks?overdue=true")).JsonAsync()));
        Assert.Equal(4, (await (await client.GetAsync("/api/v1/me/tasks?overdue=false")).JsonAsync()).GetProperty("totalCount").GetInt32());
        Assert.Equal([later.Id.Value], Ids(await (await client.GetAsync("/api/v1/me/tasks?kind=Review")).JsonAsync()));
        Assert.Equal([otherAlliance.Id.Value], Ids(await (await client.GetAsync($"/api/v1/me/tasks?allianceId={world.B.Value}")).JsonAsync()));
        Assert.Equal([tomorrow.Id.Value], Ids(await (await client.GetAsync($"/api/v1/me/tasks?search={Uri.EscapeDataString("经费")}")).JsonAsync()));
        Assert.Equal(
            [otherAlliance.Id.Value],
            Ids(await (await client.GetAsync($"/api/v1/me/tasks?search={Uri.EscapeDataString("吉林省汽车")}")).JsonAsync()));
        Assert.Equal([closed.Id.Value], Ids(await (await client.GetAsync("/api/v1/me/tasks?tab=done")).JsonAsync()));
    }

    [Fact]
    public async Task Inbox_BadTabOrPaging_Returns422WithField_ApplicationsHaveNoInbox()
    {
        await TaskWorld.SeedAsync(Factory, seats: 1);
        using var admin = await Factory.CreateAdminClientAsync();
        using var integration = await Factory.CreateIntegrationClientAsync();

        await (await admin.GetAsync("/api/v1/me/tasks?tab=later")).AssertProblemAsync(422, "task.invalid-tab", "tab");
        await (await admin.GetAsync("/api/v1/me/tasks?pageSize=500")).AssertProblemAsync(422, "request.invalid-page-size", "pageSize");
        await (await admin.GetAsync("/api/v1/me/tasks?lang=fr")).AssertProblemAsync(422, "request.invalid-lang", "lang");
        await (await admin.GetAsync("/api/v1/me/tasks?kind=Dance")).AssertProblemAsync(400, "request.invalid");
        await (await integration.GetAsync("/api/v1/me/tasks")).AssertProblemAsync(403, "access.person-required");
    }

    [Fact]
    public async Task ReviewRound_DoneInitiatedAndCcTabs_ShowWhatEachPersonHandledStartedOrWasCopied()
    {
        var world = await TaskWorld.SeedAsync(Factory, seats: 2);
        var starter = world.Council[1];
        var instance = await world.StartAsync(Factory, TaskFlows.Review, starter);
        var tasks = await TasksAsync(instance);
        var mine = tasks.Single(t => t.AssigneeId == world.Secretary);
        var other = tasks.Single(t => t.AssigneeId == world.SecondSecretary);
        using var secretary = await Factory.CreateClientForAsync(world.Secretary);
        using var second = await Factory.CreateClientForAsync(world.SecondSecretary);
        using var chair = await Factory.CreateClientForAsync(world.Chair);
        using var starterClient = await Factory.CreateClientForAsync(starter);

        Assert.Equal([mine.Id.Value], Ids(await (await secretary.GetAsync("/api/v1/me/tasks")).JsonAsync()));
        var approved = await secretary.PostJsonAsync($"/api/v1/tasks/{mine.Id}/complete", new { action = "approve", comment = "材料齐全，同意入盟" });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);

        Assert.Empty(Ids(await (await secretary.GetAsync("/api/v1/me/tasks?tab=todo")).JsonAsync()));
        var done = await (await secretary.GetAsync("/api/v1/me/tasks?tab=done")).JsonAsync();
        Assert.Equal([mine.Id.Value], Ids(done));
        Assert.Equal(("Completed", "approve"), (done.GetProperty("items")[0].GetProperty("status").GetString(), done.GetProperty("items")[0].GetProperty("outcome").GetString()));
        var cancelled = await (await second.GetAsync("/api/v1/me/tasks?tab=done")).JsonAsync();
        Assert.Equal([other.Id.Value], Ids(cancelled));
        Assert.Equal("Cancelled", cancelled.GetProperty("items")[0].GetProperty("status").GetString());
        Assert.Equal(
            new[] { mine.Id.Value, other.Id.Value }.Order(), Ids(await (await starterClient.GetAsync("/api/v1/me/tasks?tab=initiated")).JsonAsync()).Order());
        Assert.Equal(
            new[] { mine.Id.Value, other.Id.Value }.Order(), Ids(await (await chair.GetAsync("/api/v1/me/tasks?tab=cc")).JsonAsync()).Order());
        Assert.Empty(Ids(await (await secretary.GetAsync("/api/v1/me/tasks?tab=cc")).JsonAsync()));
        Assert.Empty(Ids(await (await secretary.GetAsync("/api/v1/me/tasks?tab=initiated")).JsonAsync()));
        Assert.Equal("Approved", await OutcomeAsync(instance));

        // 我发起的 is about processes: a task the secretary created by hand counts, one of someone else's process does not.
        var now = Factory.Clock.GetUtcNow();
        var byHand = new WorkTask(WorkTaskId.New(), WorkTaskKind.Review, "请审阅会议纪要", world.SecondSecretary, world.A, world.Secretary, null, now);
        var inTheirProcess = new WorkTask(WorkTaskId.New(), WorkTaskKind.Review, "复核", world.SecondSecretary, world.A, world.Secretary, null, now);
        inTheirProcess.AttachToWorkflow(instance, "review", Guid.NewGuid().ToString());
        await AddAsync(byHand, inTheirProcess);
        Assert.Equal([byHand.Id.Value], Ids(await (await secretary.GetAsync("/api/v1/me/tasks?tab=initiated")).JsonAsync()));
        Assert.Contains(inTheirProcess.Id.Value, Ids(await (await starterClient.GetAsync("/api/v1/me/tasks?tab=initiated")).JsonAsync()));
    }

    [Fact]
    public async Task TaskPage_CarriesAllianceStepDueDocumentsAndHistory_SeenOnlyByThoseConcerned()
    {
        var world = await TaskWorld.SeedAsync(Factory, seats: 2);
        var starter = world.Council[1];
        var instance = await world.StartAsync(Factory, TaskFlows.Review, starter);
        var task = (await TasksAsync(instance)).Single(t => t.AssigneeId == world.Secretary);
        var document = await AddDocumentAsync(world.A, instance);
        using var secretary = await Factory.CreateClientForAsync(world.Secretary);
        await (await secretary.PostJsonAsync($"/api/v1/tasks/{task.Id}/transfer", new { to = world.Chair.Value, comment = "请理事长审阅" }))
            .EnsureSuccessStatusCodeAsync();
        using var chair = await Factory.CreateClientForAsync(world.Chair);
        await (await chair.PostJsonAsync($"/api/v1/tasks/{task.Id}/complete", new { action = "reject", comment = "不符合章程第八条" }))
            .EnsureSuccessStatusCodeAsync();

        var response = await secretary.GetAsync($"/api/v1/tasks/{task.Id}");
        var page = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal(("审核沈阳新松机器人公司入盟申请", "Completed", "reject", "不符合章程第八条"),
            (page.GetProperty("title").GetString(), page.GetProperty("status").GetString(), page.GetProperty("outcome").GetString(), page.GetProperty("comment").GetString()));
        Assert.Equal(TaskWorld.AllianceName, page.GetProperty("alliance").GetProperty("name").GetString());
        var step = page.GetProperty("step");
        Assert.Equal((instance, "api-review", "入盟申请审核 / Admission review", "review", "Governance.ApprovalTask", "秘书处审核"),
            (step.GetProperty("instanceId").GetGuid(), step.GetProperty("workflowId").GetString(), step.GetProperty("workflowName").GetString(),
             step.GetProperty("activityId").GetString(), step.GetProperty("activityType").GetString(), step.GetProperty("activityName").GetString()));
        Assert.Equal(Factory.Clock.GetUtcNow().AddDays(2), page.GetProperty("dueAt").GetDateTimeOffset());
        Assert.False(page.GetProperty("overdue").GetBoolean());
        Assert.Equal(("陈国华", "理事01"), (page.GetProperty("assignee").GetProperty("name").GetString(), page.GetProperty("initiator").GetProperty("name").GetString()));
        Assert.Empty(page.GetProperty("cc").EnumerateArray());   // the chair was copied, and now holds the task
        var documents = page.GetProperty("documents").EnumerateArray().ToList();
        Assert.Equal((document, $"/api/v1/documents/{document}/content"), (Assert.Single(documents).GetProperty("id").GetGuid(), documents[0].GetProperty("contentUrl").GetString()));
        var history = page.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["Created", "Transferred", "Completed:reject"], history.Select(h => h.GetProperty("action").GetString()));
        Assert.Equal([1, 2, 3], history.Select(h => h.GetProperty("sequence").GetInt32()));
        Assert.Equal(("钱慧敏", "陈国华", "请理事长审阅"),
            (history[1].GetProperty("actor").GetProperty("name").GetString(), history[1].GetProperty("to").GetProperty("name").GetString(), history[1].GetProperty("comment").GetString()));
        Assert.Equal(("陈国华", "不符合章程第八条"), (history[2].GetProperty("actor").GetProperty("name").GetString(), history[2].GetProperty("comment").GetString()));
        Assert.All(history, h => Assert.Equal(JsonValueKind.String, h.GetProperty("at").ValueKind));

        // The starter (initiated), the other secretary (secretariat of the alliance) and an administrator see it; nobody else.
        foreach (var allowed in new[] { starter, world.SecondSecretary })
        {
            using var client = await Factory.CreateClientForAsync(allowed);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/tasks/{task.Id}")).StatusCode);
        }

        using var admin = await Factory.CreateAdminClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/tasks/{task.Id}")).StatusCode);
        var plainCouncilMember = await Factory.CreatePersonAsync("普通理事", Access.TwoAlliances.In(world.A, Domain.People.Role.CouncilMember));
        foreach (var stranger in new[] { world.SecretaryB, world.Outsider, plainCouncilMember })
        {
            using var client = await Factory.CreateClientForAsync(stranger);
            await (await client.GetAsync($"/api/v1/tasks/{task.Id}")).AssertProblemAsync(404, "task.not-found");
        }

        var english = await (await secretary.GetAsync($"/api/v1/tasks/{task.Id}?lang=en")).JsonAsync();
        Assert.Equal("秘书处审核", english.GetProperty("step").GetProperty("activityName").GetString());   // the definition's own name
    }

    [Fact]
    public async Task Complete_ByTheAssignee_MovesTheFlowOn_AndIsAudited()
    {
        var world = await TaskWorld.SeedAsync(Factory, seats: 2);
        var instance = await world.StartAsync(Factory, TaskFlows.Review, world.Council[1]);
        var task = (await TasksAsync(instance)).Single(t => t.AssigneeId == world.Secretary);
        using var secretary = await Factory.CreateClientForAsync(world.Secretary);

        var response = await secretary.PostJsonAsync(
            $"/api/v1/tasks/{task.Id}/complete", new { action = "return", comment = "请补充近三年校企合作项目清单", form = new { missing = "项目清单" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(("Completed", "return"), (body.GetProperty("status").GetString(), body.GetProperty("outcome").GetString()));
        Assert.Equal("Returned", await OutcomeAsync(instance));
        await using var scope = Factory.Scope();
        var entry = await GovernanceApiFactory.Db(scope).AuditEntries.SingleAsync(e => e.Action == "task.complete");
        Assert.Equal((world.Secretary, task.Id.ToString(), world.A), (entry.ActorId!.Value, entry.TargetId, entry.AllianceId!.Value));
        Assert.Contains("请补充近三年校企合作项目清单", entry.Summary, StringComparison.Ordinal);

        // A finished task cannot be completed again; nothing changes.
        await (await secretary.PostJsonAsync($"/api/v1/tasks/{task.Id}/complete", new { action = "approve" })).AssertProblemAsync(422, "task.closed");
        Assert.Equal(1, await GovernanceApiFactory.Db(scope).AuditEntries.CountAsync(e => e.Action == "task.complete"));
    }

    [Fact]
    public async Task Complete_WrongPersonOrBadInput_RefusedWithCodeAndField_NothingChanges()
    {
        var world = await TaskWorld.SeedAsync(Factory, seats: 2);
        var instance = await world.StartAsync(Factory, TaskFlows.Review, world.Council[1]);
        var task = (await TasksAsync(instance)).Single(t => t.AssigneeId == world.Secretary);
        var url = $"/api/v1/tasks/{task.Id}/complete";
        using var secretary = await Factory.CreateClientForAsync(world.Secretary);
        using var chair = await Factory.CreateClientForAsync(world.Chair);
        using var outsider = await Factory.CreateClientForAsync(world.Outsider);
        using var readOnly = await Factory.CreateClientForAsync(world.Secretary, "governance.read");

        await (await chair.PostJsonAsync(url, new { action = "approve" })).AssertProblemAsync(403, "access.task-assignee-required");
        await (await outsider.PostJsonAsync(url, new { action = "approve" })).AssertProblemAsync(404, "task.not-found");
        await (await readOnly.PostJsonAsync(url, new { action = "approve" })).AssertProblemAsync(403, "access.forbidden");
        await (await secretary.PostJsonAsync(url, new { action = "reject", comment = "  " })).AssertProblemAsync(422, "task.comment-required", "comment");
        await (await secretary.PostJsonAsync(url, new { action = "sign" })).AssertProblemAsync(422, "task.unknown-action", "action");
        await (await secretary.PostJsonAsync(url, new { comment = "同意" })).AssertProblemAsync(422, "task.action-required", "action");
        await (await secretary.PostRawAsync(url, """{ "action": "approve", "form": "not an object" }""")).AssertProblemAsync(400, "request.malformed-json", "form");
        await (await secretary.PostJsonAsync($"/api/v1/tasks/{Guid.NewGuid()}/complete", new { action = "approve" })).AssertProblemAsync(404, "task.not-found");

        Assert.All(await TasksAsync(instance), t => Assert.Equal(WorkTaskStatus.Open, t.Status));
        Assert.Equal(WorkflowStatus.Suspended, (await StateAsync(instance)).Status);
        await using var scope = Factory.Scope();
        Assert.False(await GovernanceApiFactory.Db(scope).AuditEntries.AnyAsync(e => e.Action == "task.complete"));
    }

    [Fact]
    public async Task Complete_OnAVoteTask_IsRefused_VotesGoThroughTheBallot()
    {
        var world = await TaskWorld.SeedAsync(Factory, seats: 3);
        var instance = await world.StartAsync(Factory, TaskFlows.Vote, world.Secretary);
        var vote = (await TasksAsync(instance)).Single(t => t.AssigneeId == world.Council[1]);
        using var voter = await Factory.CreateClientForAsync(world.Council[1]);

        await (await voter.PostJsonAsync($"/api/v1/tasks/{vote.Id}/complete", new { action = "approve" })).AssertProblemAsync(422, "task.not-decidable", "taskId");
        await (await voter.PostJsonAsync($"/api/v1/tasks/{vote.Id}/transfer", new { to = world.Chair.Value })).AssertProblemAsync(422, "task.not-transferable", "taskId");

        var page = await (await voter.GetAsync($"/api/v1/tasks/{vote.Id}")).JsonAsync();
        var subject = page.GetProperty("subject");
        Assert.Equal(("ballot", "关于接纳沈阳新松机器人公司为成员单位的决议", $"/api/v1/ballots/{vote.WaitKey}"),
            (subject.GetProperty("type").GetString(), subject.GetProperty("title").GetString(), subject.GetProperty("url").GetString()));
        Assert.Equal("理事会表决", page.GetProperty("step").GetProperty("activityName").GetString());
        Assert.Equal("Council vote", (await (await voter.GetAsync($"/api/v1/tasks/{vote.Id}?lang=en")).JsonAsync())
            .GetProperty("step").GetProperty("activityName").GetString());
    }

    [Fact]
    public async Task Transfer_ToSomeoneInTheAlliance_RecordedMailedAndAudited_OthersRefused()
    {
        var world = await TaskWorld.SeedAsync(Factory, seats: 2);
        var instance = await world.StartAsync(Factory, TaskFlows.Review, world.Council[1]);
        var task = (await TasksAsync(instance)).Single(t => t.AssigneeId == world.Secretary);
        var url = $"/api/v1/tasks/{task.Id}/transfer";
        using var secretary = await Factory.CreateClientForAsync(world.Secretary);
        using var second = await Factory.CreateClientForAsync(world.SecondSecretary);
        using var outsider = await Factory.CreateClientForAsync(world.Outsider);

        await (await secretary.PostJsonAsync(url, new { to = world.Outsider.Value })).AssertProblemAsync(422, "task.transfer-outside-alliance", "to");
        await (await secretary.PostJsonAsync(url, new { to = world.SecretaryB.Value })).AssertProblemAsync(422, "task.transfer-outside-alliance", "to");
        await (await secretary.PostJsonAsync(url, new { to = Guid.NewGuid() })).AssertProblemAsync(422, "task.unknown-person", "to");
        await (await secretary.PostJsonAsync(url, new { comment = "x" })).AssertProblemAsync(422, "task.to-required", "to");
        await (await secretary.PostJsonAsync(url, new { to = world.Secretary.Value })).AssertProblemAsync(422, "task.transfer-to-self", "assigneeId");
        await (await second.PostJsonAsync(url, new { to = world.Council[1].Value })).AssertProblemAsync(403, "access.task-assignee-required");
        await (await outsider.PostJsonAsync(url, new { to = world.Council[1].Value })).AssertProblemAsync(404, "task.not-found");
        Assert.Equal(world.Secretary, (await TasksAsync(instance)).Single(t => t.Id == task.Id).AssigneeId);

        var response = await secretary.PostJsonAsync(url, new { to = world.Council[1].Value, comment = "请理事01审阅技术方案" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("理事01", body.GetProperty("assignee").GetProperty("name").GetString());
        using var newAssignee = await Factory.CreateClientForAsync(world.Council[1]);
        Assert.Contains(task.Id.Value, Ids(await (await newAssignee.GetAsync("/api/v1/me/tasks")).JsonAsync()));
        Assert.Equal([task.Id.Value], Ids(await (await secretary.GetAsync("/api/v1/me/tasks?tab=done")).JsonAsync()));
        await using var scope = Factory.Scope();
        var db = GovernanceApiFactory.Db(scope);
        // The step told the first assignee when it opened the task; the hand-over tells the new one.
        var mail = await db.OutboxMessages.SingleAsync(m => m.TaskId == task.Id.Value && m.RecipientPersonId == world.Council[1].Value);
        Assert.Equal(("task-assigned", world.Council[1].Value), (mail.Kind, mail.RecipientPersonId!.Value));
        Assert.Contains("钱慧敏", mail.Body, StringComparison.Ordinal);
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == "task.transfer");
        Assert.Contains("理事01", entry.Summary, StringComparison.Ordinal);
        Assert.Equal("Suspended", (await StateAsync(instance)).Status.ToString());
    }

    private static List<Guid> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();

    private async Task AddAsync(params WorkTask[] tasks)
    {
        await using var scope = Factory.Scope();
        GovernanceApiFactory.Db(scope).Tasks.AddRange(tasks);
        await GovernanceApiFactory.Db(scope).SaveChangesAsync();
    }

    private async Task<List<WorkTask>> TasksAsync(Guid instance)
    {
        await using var scope = Factory.Scope();
        return await GovernanceApiFactory.Db(scope).Tasks.AsNoTracking().Where(t => t.InstanceId == instance).ToListAsync();
    }

    private async Task<WorkflowInstanceState> StateAsync(Guid instance)
    {
        await using var scope = Factory.Scope();
        var record = await GovernanceApiFactory.Db(scope).WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == instance);
        return Server.WorkflowHosting.InstanceStateJson.Read(record.StateJson);
    }

    private async Task<string?> OutcomeAsync(Guid instance) => (await StateAsync(instance)).Outcome;

    // A document the instance issued (the record and its bytes, as the documents service stores them).
    private async Task<Guid> AddDocumentAsync(AllianceId alliance, Guid instance)
    {
        var content = "%PDF-1.7 receipt"u8.ToArray();
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        var id = Guid.CreateVersion7();
        await using var scope = Factory.Scope();
        var db = GovernanceApiFactory.Db(scope);
        db.DocumentContents.Add(new DocumentContentRecord { Sha256 = sha, Content = content });
        db.Documents.Add(new StoredDocumentRecord
        {
            Id = id, Kind = DocumentKind.ApplicationReceipt, Language = "zh-CN", Number = "LN-2026-0001", Title = "入盟申请受理回执",
            TemplateName = "application-receipt", TemplateVersion = 0, TemplateSha256 = new string('a', 64), AllianceId = alliance.Value,
            WorkflowInstanceId = instance, Sha256 = sha, Size = content.Length, PageCount = 1, Sealed = false, CreatedAt = Factory.Clock.GetUtcNow(),
        });
        await db.SaveChangesAsync();
        return id;
    }
}

internal static class ResponseChecks
{
    public static async Task EnsureSuccessStatusCodeAsync(this HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}

[Collection(OnSqlite.Name)]
public sealed class SqliteTaskApiTests(SqliteServerFixture fixture) : TaskApiTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresTaskApiTests(PostgresServerFixture fixture) : TaskApiTests(fixture);
