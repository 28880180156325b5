using System.Net;
using System.Net.Http.Json;
using Governance.Domain.Common;
using Governance.Domain.Tasks;
using Governance.Server.Features.Email;
using Governance.Server.Persistence;
using Governance.Server.Tests.Api;
using Governance.Server.Tests.Infrastructure;
using Governance.Server.WorkflowHosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Server.Tests.Email;

/// <summary>Reminders, overdue notices, escalations and daily digests, planned against the fake clock and delivered to the SMTP sink.</summary>
public abstract class EmailPlanningTests(ServerFixture fixture) : EmailTest(fixture)
{
    [Fact]
    public async Task DeadlineOfATask_ThreeDaysOneDayOverdueEscalation_EachQueuedOnceAtItsTime()
    {
        var world = await SeedWorldAsync();
        var due = Now.AddDays(5);
        var task = await AddTaskAsync(world, due);

        Assert.Equal(0, await PlanRemindersAsync());
        Factory.Clock.SetUtcNow(due.AddDays(-3).AddMinutes(1));
        Assert.Equal(1, await PlanRemindersAsync());
        Assert.Equal(0, await PlanRemindersAsync());
        Factory.Clock.SetUtcNow(due.AddDays(-1).AddMinutes(1));
        Assert.Equal(1, await PlanRemindersAsync());
        Assert.Equal(0, await PlanRemindersAsync());
        Factory.Clock.SetUtcNow(due.AddMinutes(1));
        Assert.Equal(1, await PlanRemindersAsync());
        Factory.Clock.SetUtcNow(due.AddDays(1).AddMinutes(1));
        Assert.Equal(1, await PlanRemindersAsync());
        Assert.Equal(0, await PlanRemindersAsync());

        var messages = await MessagesOfTaskAsync(task);
        Assert.Equal(["task-reminder", "task-reminder", "task-overdue", "task-escalation"], messages.Select(m => m.Kind));
        Assert.All(messages.Take(3), m => Assert.Equal(world.AssigneeZh.Email, m.To));
        Assert.Equal(world.Secretary.Email, messages[3].To);
        Assert.Equal(4, await DispatchAsync());

        var threeDays = Assert.Single(await Sink.WaitForAsync(messages[0].MessageId));
        Assert.Equal("【催办】审核沈阳新松机器人入盟申请（还剩 3 天）", threeDays.Subject);
        Assert.Contains($"{WebBase}tasks/{task.Value}", threeDays.TextBody, StringComparison.Ordinal);
        Assert.Equal("【催办】审核沈阳新松机器人入盟申请（还剩 1 天）", Assert.Single(await Sink.WaitForAsync(messages[1].MessageId)).Subject);
        Assert.Equal("【已逾期】审核沈阳新松机器人入盟申请", Assert.Single(await Sink.WaitForAsync(messages[2].MessageId)).Subject);
        var escalation = Assert.Single(await Sink.WaitForAsync(messages[3].MessageId));
        Assert.Equal("【逾期督办】周办事：审核沈阳新松机器人入盟申请", escalation.Subject);
    }

    [Fact]
    public async Task TaskCreatedInsideTheThreeDayWindow_OnlyTheOneDayReminder()
    {
        var world = await SeedWorldAsync();
        var due = Now.AddDays(2);
        var task = await AddTaskAsync(world, due);

        Assert.Equal(0, await PlanRemindersAsync());
        Factory.Clock.SetUtcNow(due.AddHours(-20));
        Assert.Equal(1, await PlanRemindersAsync());
        Assert.Equal(0, await PlanRemindersAsync());

        var reminder = Assert.Single(await MessagesOfTaskAsync(task));
        Assert.Contains(":1440:", reminder.DeduplicationKey, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompletedTask_NoReminders()
    {
        var world = await SeedWorldAsync();
        var due = Now.AddDays(5);
        var task = await AddTaskAsync(world, due, complete: true);

        Factory.Clock.SetUtcNow(due.AddDays(2));
        Assert.Equal(0, await PlanRemindersAsync());
        Assert.Empty(await MessagesOfTaskAsync(task));
    }

    [Fact]
    public async Task DailyDigestPreferred_SingleNotificationsHeld_OneDigestAtEightBeijingTime()
    {
        var world = await SeedWorldAsync();
        using var client = await Server.CreateAdminClientAsync();
        var set = await client.PutAsJsonAsync($"/api/v1/people/{world.AssigneeZh.Id.Value}/email-preferences", new { dailyDigest = true });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.True((await (await client.GetAsync($"/api/v1/people/{world.AssigneeZh.Id.Value}/email-preferences")).JsonAsync()).GetProperty("dailyDigest").GetBoolean());

        var first = Assert.Single(await ComposeAsync(RecipientSpec.Person(world.AssigneeZh.Id),
            new TaskAssignedEmail(WorkTaskId.New(), "审核入盟申请", world.Alliance.Name, world.Alliance.Id, null, null)));
        var second = Assert.Single(await ComposeAsync(RecipientSpec.Person(world.AssigneeZh.Id),
            new SignatureRequestedEmail(AgreementId.New(), "校企合作协议", world.Alliance.Name, world.Alliance.Id, null)));
        var withPdf = Assert.Single(await ComposeAsync(RecipientSpec.Person(world.AssigneeZh.Id),
            new SignatureCompletedEmail(AgreementId.New(), "实习基地共建协议", world.Alliance.Name, world.Alliance.Id),
            [new EmailAttachment("协议.pdf", "application/pdf", EmailCatalogueTests.PdfLikeBytes("协议"))]));
        var other = Assert.Single(await ComposeAsync(RecipientSpec.Person(world.AssigneeEn.Id),
            new TaskAssignedEmail(WorkTaskId.New(), "Review the plan", world.Alliance.Name, world.Alliance.Id, null, null)));

        Assert.Equal(OutboxStatus.Held, (await LoadAsync(first.Id)).Status);
        Assert.Equal(OutboxStatus.Held, (await LoadAsync(second.Id)).Status);

        // What carries a document still goes out on its own; so does mail for people without a digest.
        Assert.Equal(2, await DispatchAsync());
        Assert.Single(await Sink.WaitForAsync(withPdf.MessageId));
        Assert.Single(await Sink.WaitForAsync(other.MessageId));
        Assert.Empty(Sink.WithMessageId(first.MessageId));
        Assert.Equal(0, await PlanDigestsAsync());

        // 00:01 UTC is 08:01 in Beijing.
        var eight = new DateTimeOffset(Now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero).AddMinutes(1);
        Factory.Clock.SetUtcNow(eight);
        Assert.Equal(1, await PlanDigestsAsync());
        Assert.Equal(0, await PlanDigestsAsync());

        var held = await LoadAsync(first.Id);
        Assert.Equal(OutboxStatus.Digested, held.Status);
        Assert.NotNull(held.DigestMessageId);
        Assert.Equal(held.DigestMessageId, (await LoadAsync(second.Id)).DigestMessageId);
        var digest = await LoadAsync(held.DigestMessageId.Value);
        Assert.Equal("digest", digest.Kind);
        Assert.Equal(world.AssigneeZh.Email, digest.To);
        Assert.Equal(1, await DispatchAsync());

        var received = Assert.Single(await Sink.WaitForAsync(digest.MessageId));
        var beijingDay = eight.AddHours(8).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"【每日汇总】{beijingDay} 共 2 条通知", received.Subject);
        Assert.Contains("【待办】审核入盟申请", received.TextBody, StringComparison.Ordinal);
        Assert.Contains("【待签署】校企合作协议", received.TextBody, StringComparison.Ordinal);
        Assert.Contains(first.Link!, received.HtmlBody, StringComparison.Ordinal);
        Assert.Empty(Sink.WithMessageId(first.MessageId));
    }

    private async Task<WorkTaskId> AddTaskAsync(EmailWorld world, DateTimeOffset due, bool complete = false)
    {
        var task = new WorkTask(WorkTaskId.New(), WorkTaskKind.Approve, "审核沈阳新松机器人入盟申请", world.AssigneeZh.Id, world.Alliance.Id,
            world.Secretary.Id, due, Now);
        if (complete)
        {
            task.Complete("approved", null, Now.AddHours(1));
        }

        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        db.Tasks.Add(task);
        await db.SaveChangesAsync();
        return task.Id;
    }

    private async Task<int> PlanRemindersAsync()
    {
        await using var scope = Scope();
        return await scope.ServiceProvider.GetRequiredService<ReminderPlanner>().PlanAsync(CancellationToken.None);
    }

    private async Task<int> PlanDigestsAsync()
    {
        await using var scope = Scope();
        return await scope.ServiceProvider.GetRequiredService<DigestPlanner>().PlanAsync(CancellationToken.None);
    }

    private async Task<List<OutboxMessageRecord>> MessagesOfTaskAsync(WorkTaskId task)
    {
        await using var scope = Scope();
        return await scope.ServiceProvider.GetRequiredService<GovernanceDbContext>().OutboxMessages.AsNoTracking()
            .Where(m => m.TaskId == task.Value).OrderBy(m => m.CreatedAt).ToListAsync();
    }
}

[Collection(OnSqlite.Name)]
public sealed class SqliteEmailPlanningTests(SqliteServerFixture fixture) : EmailPlanningTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresEmailPlanningTests(PostgresServerFixture fixture) : EmailPlanningTests(fixture);
