using System.Net;
using Governance.Domain.Common;
using Governance.Server.Features.Email;
using Governance.Server.Tests.Api;
using Governance.Server.Tests.Infrastructure;
using Governance.Server.WorkflowHosting;

namespace Governance.Server.Tests.Email;

/// <summary>The administrators' view of the outbox: list with filters, one message, resend, cancel.</summary>
public abstract class OutboxAdminApiTests(ServerFixture fixture) : EmailTest(fixture)
{
    private const string Url = "/api/v1/admin/outbox";

    [Fact]
    public async Task List_FilteredByStatusKindRecipientAndTask_ReturnsOnlyMatches()
    {
        var world = await SeedWorldAsync();
        var task = WorkTaskId.New();
        var assigned = Assert.Single(await ComposeAsync(RecipientSpec.Person(world.AssigneeEn.Id),
            new TaskAssignedEmail(task, "Review the plan", world.Alliance.Name, world.Alliance.Id, null, null)));
        var ballot = await ComposeAsync(RecipientSpec.CouncilMembers(world.Alliance.Id),
            new BallotOpenedEmail(BallotId.New(), "议案", world.Alliance.Name, world.Alliance.Id, Now.AddDays(3)));
        await DispatchAsync();
        var pending = Assert.Single(await ComposeAsync(RecipientSpec.Person(world.AssigneeZh.Id),
            new TaskOverdueEmail(task, "审核", world.Alliance.Name, world.Alliance.Id, Now.AddDays(-1))));
        using var client = await Server.CreateAdminClientAsync();

        var all = await (await client.GetAsync(Url)).JsonAsync();
        Assert.Equal(1 + ballot.Count + 1, all.GetProperty("totalCount").GetInt32());
        var sentBallots = await (await client.GetAsync($"{Url}?status=Sent&kind=ballot-opened")).JsonAsync();
        Assert.Equal(ballot.Count, sentBallots.GetProperty("totalCount").GetInt32());
        var byRecipient = await (await client.GetAsync($"{Url}?to={Uri.EscapeDataString(world.AssigneeEn.Email.ToUpperInvariant())}")).JsonAsync();
        Assert.Equal(assigned.Id, Assert.Single(byRecipient.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        var byTask = await (await client.GetAsync($"{Url}?taskId={task.Value}&status=Pending")).JsonAsync();
        Assert.Equal(pending.Id, Assert.Single(byTask.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        var byAlliance = await (await client.GetAsync($"{Url}?allianceId={world.Alliance.Id.Value}&pageSize=2")).JsonAsync();
        Assert.Equal(2, byAlliance.GetProperty("items").GetArrayLength());
        Assert.Equal(1 + ballot.Count + 1, byAlliance.GetProperty("totalCount").GetInt32());

        var bad = await client.GetAsync($"{Url}?pageSize=0");
        await bad.AssertProblemAsync(422, "request.invalid-page-size", "pageSize");
    }

    [Fact]
    public async Task Get_OneMessage_ShowsBothPartsAttachmentsAndState_UnknownIs404()
    {
        var world = await SeedWorldAsync();
        var message = Assert.Single(await ComposeAsync(RecipientSpec.Person(world.AssigneeZh.Id),
            new SignatureCompletedEmail(AgreementId.New(), "校企合作协议", world.Alliance.Name, world.Alliance.Id),
            [new EmailAttachment("协议.pdf", "application/pdf", [1, 2, 3])]));
        using var client = await Server.CreateAdminClientAsync();

        var body = await (await client.GetAsync($"{Url}/{message.Id}")).JsonAsync();

        Assert.Equal(message.MessageId, body.GetProperty("summary").GetProperty("messageId").GetString());
        Assert.Equal("zh-CN", body.GetProperty("summary").GetProperty("language").GetString());
        Assert.Contains("校企合作协议", body.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("<html lang=\"zh-CN\">", body.GetProperty("html").GetString(), StringComparison.Ordinal);
        var attachment = Assert.Single(body.GetProperty("attachments").EnumerateArray());
        Assert.Equal(3, attachment.GetProperty("length").GetInt32());
        Assert.Equal("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81", attachment.GetProperty("sha256").GetString());

        await (await client.GetAsync($"{Url}/{Guid.NewGuid()}")).AssertProblemAsync(404, "outbox.not-found");
    }

    [Fact]
    public async Task Cancel_PendingMessage_IsNeverSent_AndASentOneCannotBeCancelled()
    {
        var world = await SeedWorldAsync();
        var composed = await ComposeAsync(RecipientSpec.CouncilMembers(world.Alliance.Id),
            new BallotOpenedEmail(BallotId.New(), "议案", world.Alliance.Name, world.Alliance.Id, Now.AddDays(3)));
        using var client = await Server.CreateAdminClientAsync();

        var cancelled = await client.PostAsync($"{Url}/{composed[0].Id}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("Cancelled", (await cancelled.JsonAsync()).GetProperty("summary").GetProperty("status").GetString());
        Assert.Equal(composed.Count - 1, await DispatchAsync());
        Assert.Equal(OutboxStatus.Cancelled, (await LoadAsync(composed[0].Id)).Status);
        Assert.Empty(Sink.WithMessageId(composed[0].MessageId));

        await (await client.PostAsync($"{Url}/{composed[1].Id}/cancel", null)).AssertProblemAsync(409, "outbox.not-cancellable", "status");
        await (await client.PostAsync($"{Url}/{Guid.NewGuid()}/cancel", null)).AssertProblemAsync(404, "outbox.not-found");
    }

    [Fact]
    public async Task Resend_SentMessage_QueuesACopyWithANewMessageId_PendingOneIsRefused()
    {
        var world = await SeedWorldAsync();
        var sent = Assert.Single(await ComposeAsync(RecipientSpec.Person(world.AssigneeZh.Id),
            new SignatureCompletedEmail(AgreementId.New(), "校企合作协议", world.Alliance.Name, world.Alliance.Id),
            [new EmailAttachment("协议.pdf", "application/pdf", EmailCatalogueTests.PdfLikeBytes("协议"))]));
        await DispatchAsync();
        var pending = Assert.Single(await ComposeAsync(RecipientSpec.Person(world.AssigneeZh.Id),
            new TaskOverdueEmail(WorkTaskId.New(), "审核", world.Alliance.Name, world.Alliance.Id, Now.AddDays(-1))));
        using var client = await Server.CreateAdminClientAsync();

        await (await client.PostAsync($"{Url}/{pending.Id}/resend", null)).AssertProblemAsync(409, "outbox.not-resendable", "status");
        var resent = await client.PostAsync($"{Url}/{sent.Id}/resend", null);
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        var copy = (await resent.JsonAsync()).GetProperty("summary");
        Assert.NotEqual(sent.Id, copy.GetProperty("id").GetGuid());
        var copyMessageId = copy.GetProperty("messageId").GetString()!;
        Assert.NotEqual(sent.MessageId, copyMessageId);
        Assert.Equal(2, await DispatchAsync());

        var received = Assert.Single(await Sink.WaitForAsync(copyMessageId));
        Assert.Equal(sent.Subject, received.Subject);
        Assert.Single(received.Attachments);
        Assert.Single(await Sink.WaitForAsync(sent.MessageId));
    }
}

[Collection(OnSqlite.Name)]
public sealed class SqliteOutboxAdminApiTests(SqliteServerFixture fixture) : OutboxAdminApiTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresOutboxAdminApiTests(PostgresServerFixture fixture) : OutboxAdminApiTests(fixture);
