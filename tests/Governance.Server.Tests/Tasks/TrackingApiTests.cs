using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Governance.Domain.Common;
using Governance.Domain.People;
using Governance.Domain.Tasks;
using Governance.Server.Features.Tasks;
using Governance.Server.Tests.Api;
using Governance.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Server.Tests.Tasks;

/// <summary>The secretariat's tracking board, reminders (催办) and the XLSX export, over HTTP.</summary>
public abstract class TrackingApiTests(ServerFixture fixture) : ServerTest(fixture)
{
    // The reminders 催办 sends; the steps themselves also email when they open a task (task assigned, ballot opened).
    private static readonly string[] Reminders = ["task-reminder", "task-overdue"];

    private static readonly TimeZoneInfo Beijing = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public async Task Board_ShowsWhoOwesWhatPerProcess_OverdueFirst_ForTheOfficeOnly()
    {
        var (world, review, vote, collect) = await ThreeProcessesAsync();
        using var secretary = await Factory.CreateClientForAsync(world.Secretary);

        var board = await (await secretary.GetAsync($"/api/v1/alliances/{world.A.Value}/tracking")).JsonAsync();

        Assert.Equal(TaskWorld.AllianceName, board.GetProperty("alliance").GetProperty("name").GetString());
        Assert.Equal((2 + 2 + 3, 2), (board.GetProperty("openTasks").GetInt32(), board.GetProperty("overdueTasks").GetInt32()));
        var processes = board.GetProperty("processes").EnumerateArray().ToList();
        Assert.Equal([review, vote, collect], processes.Select(p => p.GetProperty("instanceId").GetGuid()));

        // The review is overdue (2 days, now 3 days later): both secretaries owe it.
        var first = processes[0];
        Assert.Equal(("入盟申请审核 / Admission review", 2, 2), (first.GetProperty("workflowName").GetString(), first.GetProperty("openTasks").GetInt32(), first.GetProperty("overdueTasks").GetInt32()));
        Assert.Equal("理事01", first.GetProperty("startedBy").GetProperty("name").GetString());
        var owed = first.GetProperty("owed").EnumerateArray().ToList();
        Assert.Equal(["周晓", "钱慧敏"], owed.Select(o => o.GetProperty("person").GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        Assert.All(owed, o =>
        {
            Assert.True(o.GetProperty("overdue").GetBoolean());
            Assert.Equal(1, o.GetProperty("daysOverdue").GetInt32());
            Assert.Equal(("审批", "秘书处审核"), (o.GetProperty("kindName").GetString(), o.GetProperty("step").GetProperty("activityName").GetString()));
        });

        // The ballot: the two council members who have not voted, with the units they sit for.
        var ballot = processes[1];
        Assert.Equal("ballot", ballot.GetProperty("subject").GetProperty("type").GetString());
        var voters = ballot.GetProperty("owed").EnumerateArray().ToList();
        Assert.Equal(
            new[] { (world.Council[3].Value, world.Units[3].Value), (world.Council[4].Value, world.Units[4].Value) }.Order(),
            voters.Select(v => (v.GetProperty("person").GetProperty("id").GetGuid(), v.GetProperty("organization").GetProperty("id").GetGuid())).Order());
        Assert.All(voters, v => Assert.Equal(("Vote", "表决", false), (v.GetProperty("kind").GetString(), v.GetProperty("kindName").GetString(), v.GetProperty("overdue").GetBoolean())));

        // The report: the liaisons of the three units that have not submitted.
        var report = processes[2];
        Assert.Equal(("report", "2026年度联盟工作进展报告"), (report.GetProperty("subject").GetProperty("type").GetString(), report.GetProperty("subject").GetProperty("title").GetString()));
        Assert.Equal(
            new[] { world.Units[2].Value, world.Units[3].Value, world.Units[4].Value }.Order(),
            report.GetProperty("owed").EnumerateArray().Select(o => o.GetProperty("organization").GetProperty("id").GetGuid()).Order());

        // The chair and administrators see it; a council member may see the alliance but not the board; another alliance's secretary not even that.
        using var chair = await Factory.CreateClientForAsync(world.Chair);
        using var admin = await Factory.CreateAdminClientAsync();
        using var member = await Factory.CreateClientForAsync(world.Council[1]);
        using var secretaryB = await Factory.CreateClientForAsync(world.SecretaryB);
        Assert.Equal(HttpStatusCode.OK, (await chair.GetAsync($"/api/v1/alliances/{world.A.Value}/tracking")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/alliances/{world.A.Value}/tracking")).StatusCode);
        await (await member.GetAsync($"/api/v1/alliances/{world.A.Value}/tracking")).AssertProblemAsync(403, "access.alliance-role-required");
        await (await member.GetAsync($"/api/v1/alliances/{world.A.Value}/tracking.xlsx")).AssertProblemAsync(403, "access.alliance-role-required");
        await (await secretaryB.GetAsync($"/api/v1/alliances/{world.A.Value}/tracking")).AssertProblemAsync(404, "alliance.not-found");
    }

    [Fact]
    public async Task Remind_QueuesTheEmailRecordsAndAudits_AtMostOncePerInterval_429WithRetryAfter()
    {
        var (world, review, vote, _) = await ThreeProcessesAsync();
        var voterTask = (await TasksAsync(vote)).Single(t => t.AssigneeId == world.Council[4]);
        var overdueTask = (await TasksAsync(review)).Single(t => t.AssigneeId == world.SecondSecretary);
        using var secretary = await Factory.CreateClientForAsync(world.Secretary);

        var reminded = await secretary.PostAsync($"/api/v1/tasks/{voterTask.Id}/remind", null);

        Assert.Equal(HttpStatusCode.OK, reminded.StatusCode);
        var body = await reminded.JsonAsync();
        Assert.Equal((1, Factory.Clock.GetUtcNow().AddHours(4)), (body.GetProperty("messages").GetInt32(), body.GetProperty("nextReminderFrom").GetDateTimeOffset()));
        await using (var scope = Factory.Scope())
        {
            var db = GovernanceApiFactory.Db(scope);
            var mail = await db.OutboxMessages.SingleAsync(m => m.TaskId == voterTask.Id.Value && Reminders.Contains(m.Kind));
            Assert.Equal(("task-reminder", world.Council[4].Value), (mail.Kind, mail.RecipientPersonId!.Value));
            Assert.Contains("关于接纳沈阳新松机器人公司为成员单位的决议", mail.Subject, StringComparison.Ordinal);
            var task = await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == voterTask.Id);
            Assert.Equal(("Reminded", world.Secretary), (task.History[^1].Action, task.History[^1].ActorId!.Value));
            Assert.Single(await db.AuditEntries.Where(e => e.Action == "task.remind").ToListAsync());
        }

        // Again at once, and 3 h 59 min later: too soon. After 4 hours: allowed.
        var again = await secretary.PostAsync($"/api/v1/tasks/{voterTask.Id}/remind", null);
        var problem = await again.AssertProblemAsync(429, "task.remind-too-soon");
        Assert.Equal(TimeSpan.FromHours(4), again.Headers.RetryAfter!.Delta);
        Assert.Equal(Factory.Clock.GetUtcNow().AddHours(4), problem.GetProperty("nextReminderFrom").GetDateTimeOffset());
        Factory.Clock.Advance(TimeSpan.FromMinutes(239));
        using var later = await Factory.CreateClientForAsync(world.Secretary);   // the first token has expired by now
        var stillTooSoon = await later.PostAsync($"/api/v1/tasks/{voterTask.Id}/remind", null);
        await stillTooSoon.AssertProblemAsync(429, "task.remind-too-soon");
        Assert.Equal(TimeSpan.FromSeconds(60), stillTooSoon.Headers.RetryAfter!.Delta);
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await later.PostAsync($"/api/v1/tasks/{voterTask.Id}/remind", null)).StatusCode);

        // Another task has its own limit; overdue, it gets the overdue notice.
        Assert.Equal(HttpStatusCode.OK, (await later.PostAsync($"/api/v1/tasks/{overdueTask.Id}/remind", null)).StatusCode);
        await using (var scope = Factory.Scope())
        {
            var db = GovernanceApiFactory.Db(scope);
            // The ballot's deadline passed in those four hours: the second reminder is the overdue notice.
            Assert.Equal(
                ["task-overdue", "task-reminder"],
                (await db.OutboxMessages.Where(m => m.TaskId == voterTask.Id.Value && Reminders.Contains(m.Kind)).Select(m => m.Kind).ToListAsync()).Order(StringComparer.Ordinal));
            Assert.Equal("task-overdue", (await db.OutboxMessages.SingleAsync(m => m.TaskId == overdueTask.Id.Value && Reminders.Contains(m.Kind))).Kind);
            var history = (await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == voterTask.Id)).History;
            Assert.Equal(["Created", "Reminded", "Reminded"], history.Select(h => h.Action));
            Assert.Equal(3, await db.AuditEntries.CountAsync(e => e.Action == "task.remind"));
        }

        // Only the office reminds; to anyone else the task is forbidden or unknown; a closed task is not reminded.
        using var outsider = await Factory.CreateClientForAsync(world.Outsider);
        using var voter = await Factory.CreateClientForAsync(world.Council[4]);
        await (await voter.PostAsync($"/api/v1/tasks/{voterTask.Id}/remind", null)).AssertProblemAsync(403, "access.alliance-role-required");
        await (await outsider.PostAsync($"/api/v1/tasks/{voterTask.Id}/remind", null)).AssertProblemAsync(404, "task.not-found");
        var doneTask = (await TasksAsync(vote)).Single(t => t.AssigneeId == world.Council[0]);
        await (await later.PostAsync($"/api/v1/tasks/{doneTask.Id}/remind", null)).AssertProblemAsync(422, "task.closed");
        await using (var scope = Factory.Scope())
        {
            Assert.Equal(3, await GovernanceApiFactory.Db(scope).OutboxMessages.CountAsync(m => m.Kind == "task-reminder" || m.Kind == "task-overdue"));
        }
    }

    [Fact]
    public void ReminderInterval_MustBePositive_AndAtMostThirtyDays()
    {
        var validator = Factory.Services.GetRequiredService<Microsoft.Extensions.Options.IValidateOptions<TaskReminderOptions>>();

        Assert.True(validator.Validate(null, new TaskReminderOptions { ReminderInterval = TimeSpan.FromHours(1) }).Succeeded);
        Assert.True(validator.Validate(null, new TaskReminderOptions { ReminderInterval = TimeSpan.Zero }).Failed);
        Assert.True(validator.Validate(null, new TaskReminderOptions { ReminderInterval = TimeSpan.FromDays(31) }).Failed);
        Assert.Equal(TimeSpan.FromHours(4), Factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TaskReminderOptions>>().Value.ReminderInterval);
    }

    [Fact]
    public async Task Export_IsARealWorkbook_ChineseHeadersByDefault_EnglishOnRequestOrByLanguage()
    {
        var (world, _, _, _) = await ThreeProcessesAsync();
        using var secretary = await Factory.CreateClientForAsync(world.Secretary);
        var board = await (await secretary.GetAsync($"/api/v1/alliances/{world.A.Value}/tracking")).JsonAsync();

        var response = await secretary.GetAsync($"/api/v1/alliances/{world.A.Value}/tracking.xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith(".xlsx", response.Content.Headers.ContentDisposition!.FileNameStar, StringComparison.Ordinal);
        Assert.StartsWith("督办看板-", response.Content.Headers.ContentDisposition.FileNameStar, StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("PK"u8.ToArray(), bytes[..2]);
        var (sheet, rows) = Read(bytes);
        Assert.Equal("督办看板", sheet);
        Assert.Equal(["流程", "当前环节", "事项", "类型", "承办人", "所在单位", "起始时间", "办理期限", "是否逾期", "逾期天数", "最近催办", "催办次数"], rows[0]);
        Assert.Equal(7, rows.Count - 1);

        // Rows follow the board: the overdue review first.
        var owed = board.GetProperty("processes").EnumerateArray().SelectMany(p => p.GetProperty("owed").EnumerateArray()).ToList();
        for (var i = 0; i < owed.Count; i++)
        {
            Assert.Equal(owed[i].GetProperty("title").GetString(), rows[i + 1][2]);
            Assert.Equal(owed[i].GetProperty("person").GetProperty("name").GetString(), rows[i + 1][4]);
        }

        Assert.Equal(("入盟申请审核 / Admission review", "秘书处审核", "审批", "是", "1"), (rows[1][0], rows[1][1], rows[1][3], rows[1][8], rows[1][9]));
        var due = owed[0].GetProperty("dueAt").GetDateTimeOffset();
        var cellTime = DateTime.FromOADate(double.Parse(rows[1][7], CultureInfo.InvariantCulture));
        Assert.True(Math.Abs((TimeZoneInfo.ConvertTime(due, Beijing).DateTime - cellTime).TotalSeconds) < 1, $"{cellTime:O} for {due:O}");
        Assert.StartsWith("理事单位03", rows.Single(r => r[4] == "理事03" && r[3] == "表决")[5], StringComparison.Ordinal);

        var english = Read(await (await secretary.GetAsync($"/api/v1/alliances/{world.A.Value}/tracking.xlsx?lang=en")).Content.ReadAsByteArrayAsync());
        Assert.Equal("Tracking", english.Sheet);
        Assert.Equal(["Process", "Step", "Task", "Kind", "Person", "Organization", "Since", "Due", "Overdue", "Days overdue", "Last reminded", "Reminders"], english.Rows[0]);
        Assert.Equal(("Approve", "Yes"), (english.Rows[1][3], english.Rows[1][8]));

        // An administrator who reads English gets English without asking.
        await using (var scope = Factory.Scope())
        {
            var db = GovernanceApiFactory.Db(scope);
            await Factory.CreateAdminClientAsync();
            var admin = await db.People.SingleAsync(p => p.Id == TestAccounts.AdministratorId);
            admin.ChangeLanguage(PreferredLanguage.En);
            await db.SaveChangesAsync();
        }

        using var adminClient = await Factory.CreateAdminClientAsync();
        Assert.Equal("Process", Read(await (await adminClient.GetAsync($"/api/v1/alliances/{world.A.Value}/tracking.xlsx")).Content.ReadAsByteArrayAsync()).Rows[0][0]);
        await using (var scope = Factory.Scope())
        {
            Assert.Equal(3, await GovernanceApiFactory.Db(scope).AuditEntries.CountAsync(e => e.Action == "tracking.export"));
        }
    }

    /// <summary>
    /// The workbook read back with the Open XML SDK: it must validate against the schema, and every cell
    /// is returned as text (inline strings, or the stored number for dates and counts).
    /// </summary>
    private static (string Sheet, List<string[]> Rows) Read(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, false);
        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single();
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        var rows = part.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? string.Empty).ToArray())
            .ToList();
        return (sheet.Name!, rows);
    }

    /// <summary>
    /// Three open processes of alliance A, three days in: a review started by 理事01 (due after 2 days,
    /// so overdue), a council vote (due in 3 days; 3 of 5 voted), an annual collection (due in 10 days;
    /// 2 of 5 submitted).
    /// </summary>
    private async Task<(TaskWorld World, Guid Review, Guid Vote, Guid Collect)> ThreeProcessesAsync()
    {
        var world = await TaskWorld.SeedAsync(Factory, seats: 5, liaisons: true);
        var review = await world.StartAsync(Factory, TaskFlows.Review, world.Council[1]);
        Factory.Clock.Advance(TimeSpan.FromHours(1));
        var vote = await world.StartAsync(Factory, TaskFlows.Vote, world.Secretary);
        Factory.Clock.Advance(TimeSpan.FromHours(1));
        var collect = await world.StartAsync(Factory, TaskFlows.Collect, world.Secretary);
        var ballot = (await TasksAsync(vote))[0].WaitKey;
        foreach (var voter in world.Council.Take(3))
        {
            using var client = await Factory.CreateClientForAsync(voter);
            (await client.PutAsJsonAsync($"/api/v1/ballots/{ballot}/vote", new { choice = "abstain" }, ApiClient.Json)).EnsureSuccessStatusCode();
        }

        var report = (await TasksAsync(collect))[0].WaitKey;
        foreach (var liaison in world.Liaisons.Take(2))
        {
            using var client = await Factory.CreateClientForAsync(liaison);
            var body = new
            {
                indicators = new { enterprisesServed = 1, jointProjects = 1, patentsTransferred = 0, peopleTrained = 10, studentsInInternships = 2, fundsRaisedTenThousandYuan = 3.5m },
                narrative = "年度合作情况",
            };
            (await client.PostJsonAsync($"/api/v1/reports/{report}/contributions", body)).EnsureSuccessStatusCode();
        }

        // Three days after the review opened: it is a day overdue; the ballot (3 days from its opening) is not yet.
        Factory.Clock.Advance(TimeSpan.FromHours(70));
        return (world, review, vote, collect);
    }

    private async Task<List<WorkTask>> TasksAsync(Guid instance)
    {
        await using var scope = Factory.Scope();
        return await GovernanceApiFactory.Db(scope).Tasks.AsNoTracking().Where(t => t.InstanceId == instance).ToListAsync();
    }
}

[Collection(OnSqlite.Name)]
public sealed class SqliteTrackingApiTests(SqliteServerFixture fixture) : TrackingApiTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresTrackingApiTests(PostgresServerFixture fixture) : TrackingApiTests(fixture);
