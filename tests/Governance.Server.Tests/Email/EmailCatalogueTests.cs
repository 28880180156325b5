using System.Security.Cryptography;
using Governance.Domain.Common;
using Governance.Domain.Tasks;
using Governance.Server.Features.Email;
using Governance.Server.Persistence;
using Governance.Server.Tests.Infrastructure;
using Governance.Server.WorkflowHosting;
using Governance.Workflows.Abstractions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Governance.Server.Tests.Email;

/// <summary>Messages of the catalogue composed for people found by role, delivered to the real SMTP sink and read back.</summary>
public abstract class EmailCatalogueTests(ServerFixture fixture) : EmailTest(fixture)
{
    [Fact]
    public async Task TaskAssigned_ToEnglishSpeaker_ArrivesInEnglishWithDeepLinkAndStableMessageId()
    {
        var world = await SeedWorldAsync();
        var task = WorkTaskId.New();
        var due = new DateTimeOffset(2026, 3, 6, 1, 30, 0, TimeSpan.Zero);

        var composed = Assert.Single(await ComposeAsync(RecipientSpec.Person(world.AssigneeEn.Id),
            new TaskAssignedEmail(task, "Review the 2026 training plan", world.Alliance.Name, world.Alliance.Id, due, "王秘书")));
        Assert.Equal(1, await DispatchAsync());

        var received = Assert.Single(await Sink.WaitForAsync(composed.MessageId));
        Assert.Equal(world.AssigneeEn.Email, Assert.Single(received.To.Mailboxes).Address);
        Assert.Equal("noreply@governance.example.edu.cn", Assert.Single(received.From.Mailboxes).Address);
        Assert.Equal("[To do] Review the 2026 training plan", received.Subject);
        Assert.Equal("en", received.Body!.Headers[HeaderId.ContentLanguage]);
        var link = $"{WebBase}tasks/{task.Value}";
        Assert.Contains(link, received.TextBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"{link}\"", received.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Dear David Lee", received.TextBody, StringComparison.Ordinal);

        // 01:30 UTC is 09:30 in Beijing.
        Assert.Contains("6 Mar 2026 09:30 (Beijing time)", received.TextBody, StringComparison.Ordinal);

        var stored = await LoadAsync(composed.Id);
        Assert.Equal(OutboxStatus.Sent, stored.Status);
        Assert.Equal(Now, stored.SentAt);
        Assert.Equal(1, stored.Attempts);
        Assert.Equal(task.Value, stored.TaskId);
        Assert.Equal(world.Alliance.Id.Value, stored.AllianceId);
        Assert.EndsWith("@governance.example.edu.cn", stored.MessageId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BallotOpened_ToCouncil_EachSittingMemberInOwnLanguageAndNotTheFormerOne()
    {
        var world = await SeedWorldAsync();
        var ballot = BallotId.New();

        var composed = await ComposeAsync(RecipientSpec.CouncilMembers(world.Alliance.Id),
            new BallotOpenedEmail(ballot, "关于增补理事单位的议案", world.Alliance.Name, world.Alliance.Id, Now.AddDays(7)));
        Assert.Equal(3, await DispatchAsync());

        Assert.Equal(
            new[] { world.Chair.Email, world.CouncillorEn.Email, world.CouncillorZh.Email }.Order(StringComparer.Ordinal),
            composed.Select(m => m.To).Order(StringComparer.Ordinal));
        foreach (var message in composed)
        {
            var received = Assert.Single(await Sink.WaitForAsync(message.MessageId));
            var english = message.To == world.CouncillorEn.Email;
            Assert.Equal(english ? "en" : "zh-CN", received.Body!.Headers[HeaderId.ContentLanguage]);
            Assert.Equal(
                english ? $"[Vote] {world.Alliance.Name}: 关于增补理事单位的议案" : $"【表决】{world.Alliance.Name}：关于增补理事单位的议案",
                received.Subject);
            Assert.Contains($"{WebBase}ballots/{ballot.Value}", received.TextBody, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(composed, m => m.To == world.FormerCouncillor.Email);
    }

    [Fact]
    public async Task BallotResult_WithResolutionPdf_ReceivedAttachmentHasTheSameSha256()
    {
        var world = await SeedWorldAsync();
        var pdf = PdfLikeBytes("理事会决议");

        var composed = await ComposeAsync(RecipientSpec.Secretariat(world.Alliance.Id),
            new BallotResultEmail(BallotId.New(), "关于修订联盟章程的议案", world.Alliance.Name, world.Alliance.Id, true, 5, 1, 1),
            [new EmailAttachment("理事会决议-2026-03.pdf", "application/pdf", pdf)]);
        await DispatchAsync();

        var received = Assert.Single(await Sink.WaitForAsync(Assert.Single(composed).MessageId));
        Assert.Equal("【表决结果】关于修订联盟章程的议案：通过", received.Subject);
        Assert.Contains("同意 5 票，反对 1 票，弃权 1 票", received.TextBody, StringComparison.Ordinal);
        var attachment = Assert.IsType<MimePart>(Assert.Single(received.Attachments));
        Assert.Equal("理事会决议-2026-03.pdf", attachment.FileName);
        Assert.Equal("application/pdf", attachment.ContentType.MimeType);
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), Convert.ToHexStringLower(SHA256.HashData(content.ToArray())));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), Assert.Single((await LoadAsync(composed[0].Id)).Attachments).Sha256);
    }

    [Fact]
    public async Task SignatureDeclined_ToSecretariatAndInitiator_ReasonArrivesAsTextNotMarkup()
    {
        var world = await SeedWorldAsync();
        const string reason = "<script>alert('x')</script> 条款第 3 条 & 第 5 条需修改";

        var composed = await ComposeAsync(RecipientSpec.Secretariat(world.Alliance.Id).And(RecipientSpec.Person(world.AssigneeEn.Id)),
            new SignatureDeclinedEmail(AgreementId.New(), "校企合作协议<b>", world.Alliance.Name, world.Alliance.Id, "孙法人", reason));
        Assert.Equal(2, await DispatchAsync());

        Assert.Equal([world.AssigneeEn.Email, world.Secretary.Email], composed.Select(m => m.To).Order(StringComparer.Ordinal));
        var secretariat = Assert.Single(await Sink.WaitForAsync(composed.Single(m => m.To == world.Secretary.Email).MessageId));
        Assert.Equal("【拒绝签署】校企合作协议<b>", secretariat.Subject);
        Assert.Contains($"拒签理由：{reason}", secretariat.TextBody, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(", secretariat.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("条款第 3 条 &amp; 第 5 条需修改", secretariat.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", secretariat.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("协议<b>", secretariat.HtmlBody, StringComparison.Ordinal);
        var initiator = Assert.Single(await Sink.WaitForAsync(composed.Single(m => m.To == world.AssigneeEn.Email).MessageId));
        Assert.Equal("[Signature declined] 校企合作协议<b>", initiator.Subject);
        Assert.Contains($"Reason: {reason}", initiator.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryKind_InBothLanguages_IsDeliveredWithSubjectLinkAndLanguage()
    {
        var world = await SeedWorldAsync();
        var models = CatalogueOf(world);
        Assert.Equal(Enum.GetValues<EmailKind>().Length, models.Select(m => m.Kind).Distinct().Count());

        var composed = new List<(EmailModel Model, OutboxMessageRecord Message)>();
        foreach (var model in models)
        {
            foreach (var person in new[] { world.AssigneeZh, world.AssigneeEn })
            {
                composed.Add((model, Assert.Single(await ComposeAsync(RecipientSpec.Person(person.Id), model))));
            }
        }

        while (await DispatchAsync() > 0)
        {
        }

        foreach (var (model, message) in composed)
        {
            var received = Assert.Single(await Sink.WaitForAsync(message.MessageId));
            var english = message.To == world.AssigneeEn.Email;
            Assert.Equal(english ? "en" : "zh-CN", received.Body!.Headers[HeaderId.ContentLanguage]);
            Assert.Equal(EmailKinds.Name(model.Kind), message.Kind);
            Assert.False(string.IsNullOrWhiteSpace(received.Subject), $"{message.Kind}: empty subject");
            Assert.Equal(english, received.Subject.StartsWith('['));
            Assert.Contains(WebBase + model.LinkPath, received.TextBody, StringComparison.Ordinal);
            Assert.Contains($"href=\"{WebBase}{model.LinkPath}\"", received.HtmlBody, StringComparison.Ordinal);
            Assert.Contains(english ? "Dear David Lee" : "周办事，您好", received.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain("{{", received.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain("{%", received.HtmlBody, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Compose_NobodyHoldsTheRole_FailsWithNoRecipientsAndQueuesNothing()
    {
        var world = await SeedWorldAsync();

        var violation = await Assert.ThrowsAsync<DomainRuleViolation>(() => ComposeAsync(
            RecipientSpec.LegalRepresentative(OrganizationId.New()),
            new MembershipDecisionEmail(MembershipId.New(), world.Member.Name, world.Alliance.Name, world.Alliance.Id, true, null)));

        Assert.Equal("email.no-recipients", violation.Code);
        await using var scope = Scope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<GovernanceDbContext>().OutboxMessages.CountAsync());
    }

    [Fact]
    public async Task Compose_CallerRollsBack_NothingIsQueuedOrSent()
    {
        var world = await SeedWorldAsync();
        await using (var scope = Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await scope.ServiceProvider.GetRequiredService<EmailComposer>().ComposeAsync(RecipientSpec.LegalRepresentative(world.Member.Id),
                new MembershipDecisionEmail(MembershipId.New(), world.Member.Name, world.Alliance.Name, world.Alliance.Id, false, "材料不全"));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        Assert.Equal(0, await DispatchAsync());
        await using var check = Scope();
        Assert.Equal(0, await check.ServiceProvider.GetRequiredService<GovernanceDbContext>().OutboxMessages.CountAsync());
    }

    [Fact]
    public async Task WorkflowStepEmail_WrittenByTheWorkflowOutbox_IsDeliveredAsText()
    {
        var to = $"step.{Guid.NewGuid():N}@demo.example";
        Guid id;
        await using (var scope = Scope())
        {
            scope.ServiceProvider.GetRequiredService<IWorkflowOutbox>()
                .Enqueue(new WorkflowEmail([to], "入盟申请已受理", "您的入盟申请已受理。", Guid.NewGuid(), "notify"));
            var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
            id = db.ChangeTracker.Entries<OutboxMessageRecord>().Single().Entity.Id;
            await db.SaveChangesAsync();
        }

        Assert.Equal(1, await DispatchAsync());

        var stored = await LoadAsync(id);
        Assert.Equal(OutboxStatus.Sent, stored.Status);
        Assert.Equal(OutboxKinds.Workflow, stored.Kind);
        var received = Assert.Single(await Sink.WaitForAsync(stored.MessageId));
        Assert.Equal("入盟申请已受理", received.Subject);
        Assert.Equal(to, Assert.Single(received.To.Mailboxes).Address);
        Assert.Contains("您的入盟申请已受理。", received.TextBody, StringComparison.Ordinal);
    }

    internal static byte[] PdfLikeBytes(string text) =>
        [.. "%PDF-1.7\n"u8, .. System.Text.Encoding.UTF8.GetBytes(text), .. RandomNumberGenerator.GetBytes(2048), .. "\n%%EOF\n"u8];

    private List<EmailModel> CatalogueOf(EmailWorld world)
    {
        var a = world.Alliance;
        return
        [
            new TaskAssignedEmail(WorkTaskId.New(), "审核入盟申请", a.Name, a.Id, Now.AddDays(5), "王秘书"),
            new TaskReminderEmail(WorkTaskId.New(), "审核入盟申请", a.Name, a.Id, Now.AddDays(1), 1),
            new TaskOverdueEmail(WorkTaskId.New(), "审核入盟申请", a.Name, a.Id, Now.AddDays(-1)),
            new TaskEscalationEmail(WorkTaskId.New(), "审核入盟申请", a.Name, a.Id, Now.AddDays(-2), "周办事"),
            new BallotOpenedEmail(BallotId.New(), "关于增补理事单位的议案", a.Name, a.Id, Now.AddDays(7)),
            new BallotResultEmail(BallotId.New(), "关于增补理事单位的议案", a.Name, a.Id, false, 2, 4, 1),
            new SignatureRequestedEmail(AgreementId.New(), "校企合作协议", a.Name, a.Id, Now.AddDays(10)),
            new SignatureCompletedEmail(AgreementId.New(), "校企合作协议", a.Name, a.Id),
            new SignatureDeclinedEmail(AgreementId.New(), "校企合作协议", a.Name, a.Id, "孙法人", "条款需修改"),
            new MembershipDecisionEmail(MembershipId.New(), world.Member.Name, a.Name, a.Id, true, null),
            new AnnualReportCallEmail(AnnualReportId.New(), 2025, world.Member.Name, a.Name, a.Id, Now.AddDays(30)),
            new AnnualReportReminderEmail(AnnualReportId.New(), 2025, world.Member.Name, a.Name, a.Id, Now.AddDays(3)),
            new DocumentIssuedEmail(Guid.NewGuid(), "2025年度工作进展报告", "RP-20260120-88D21B5C", a.Name, a.Id, "经理事会审议通过，报主管部门备案。"),
            new DigestEmail(DateOnly.FromDateTime(Now.UtcDateTime), [new DigestItem("【待办】审核入盟申请", $"{WebBase}tasks/x", Now)]),
        ];
    }
}

[Collection(OnSqlite.Name)]
public sealed class SqliteEmailCatalogueTests(SqliteServerFixture fixture) : EmailCatalogueTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresEmailCatalogueTests(PostgresServerFixture fixture) : EmailCatalogueTests(fixture);
