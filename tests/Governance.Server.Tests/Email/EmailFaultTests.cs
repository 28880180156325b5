using System.Net;
using Governance.Domain.Common;
using Governance.Server.Features.Email;
using Governance.Server.Persistence;
using Governance.Server.Tests.Api;
using Governance.Server.Tests.Infrastructure;
using Governance.Server.WorkflowHosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Server.Tests.Email;

/// <summary>
/// Delivery faults against an aiosmtpd of the test's own: a server that is down (and comes back), one that
/// refuses a recipient, and two dispatchers competing for the same messages.
/// </summary>
public abstract class EmailFaultTests(ServerFixture fixture) : EmailTest(fixture)
{
    private readonly SmtpSink _sink = SmtpSink.Create("rejecting_mailbox.RejectingMailbox");

    protected override SmtpSink Sink => _sink;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _sink.DisposeAsync();
    }

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [new("Email:MaxAttempts", "4"), new("Email:SmtpTimeout", "00:00:05")];

    [Fact]
    public async Task SmtpServerDown_MessagesWaitWithBackoff_AndAreDeliveredOnceItIsBack()
    {
        var world = await SeedWorldAsync();
        var composed = await ComposeAsync(RecipientSpec.CouncilMembers(world.Alliance.Id),
            new BallotOpenedEmail(BallotId.New(), "关于年度预算的议案", world.Alliance.Name, world.Alliance.Id, Now.AddDays(5)));

        Assert.Equal(3, await DispatchAsync());
        foreach (var message in composed)
        {
            var waiting = await LoadAsync(message.Id);
            Assert.Equal(OutboxStatus.Pending, waiting.Status);
            Assert.Equal(1, waiting.Attempts);
            Assert.Contains("SMTP delivery failed", waiting.LastError, StringComparison.Ordinal);

            // First retry after the base delay (10 s here) with jitter: between half of it and all of it.
            Assert.InRange(waiting.NextAttemptAt, Now.AddSeconds(5), Now.AddSeconds(10));
            Assert.Null(waiting.LeaseOwner);
        }

        // Not due yet: nothing is tried again at once.
        Assert.Equal(0, await DispatchAsync());
        Factory.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(3, await DispatchAsync());
        var second = await LoadAsync(composed[0].Id);
        Assert.Equal(2, second.Attempts);
        Assert.InRange(second.NextAttemptAt, Now.AddSeconds(10), Now.AddSeconds(20));

        await Sink.StartAsync();
        Assert.Equal(0, await DispatchAsync());
        Factory.Clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(3, await DispatchAsync());

        foreach (var message in composed)
        {
            var sent = await LoadAsync(message.Id);
            Assert.Equal(OutboxStatus.Sent, sent.Status);
            Assert.Equal(3, sent.Attempts);
            Assert.Single(await Sink.WaitForAsync(message.MessageId));
        }

        Assert.Equal(3, Sink.Messages().Count);
    }

    [Fact]
    public async Task SmtpServerDownTooLong_DeadLetteredWithLastError_AndAdminResendDeliversIt()
    {
        var world = await SeedWorldAsync();
        var message = Assert.Single(await ComposeAsync(RecipientSpec.Person(world.AssigneeZh.Id),
            new TaskOverdueEmail(WorkTaskId.New(), "提交年度报告", world.Alliance.Name, world.Alliance.Id, Now.AddDays(-1))));

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            Assert.Equal(1, await DispatchAsync());
            Factory.Clock.Advance(TimeSpan.FromMinutes(5));
        }

        Assert.Equal(0, await DispatchAsync());
        var dead = await LoadAsync(message.Id);
        Assert.Equal(OutboxStatus.DeadLettered, dead.Status);
        Assert.Equal(4, dead.Attempts);
        Assert.NotNull(dead.DeadLetteredAt);
        Assert.Contains("SMTP delivery failed", dead.LastError, StringComparison.Ordinal);

        using var client = await Server.CreateAdminClientAsync();
        var listed = await (await client.GetAsync("/api/v1/admin/outbox/dead-letter")).JsonAsync();
        var item = Assert.Single(listed.GetProperty("items").EnumerateArray());
        Assert.Equal(message.Id, item.GetProperty("id").GetGuid());
        Assert.Equal("DeadLettered", item.GetProperty("status").GetString());
        Assert.Contains("SMTP delivery failed", item.GetProperty("lastError").GetString(), StringComparison.Ordinal);

        await Sink.StartAsync();
        var resent = await client.PostAsync($"/api/v1/admin/outbox/{message.Id}/resend", null);
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        Assert.Equal("Pending", (await resent.JsonAsync()).GetProperty("summary").GetProperty("status").GetString());
        Assert.Equal(1, await DispatchAsync());

        var sent = await LoadAsync(message.Id);
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal(message.MessageId, sent.MessageId);
        Assert.Single(await Sink.WaitForAsync(message.MessageId));
    }

    [Fact]
    public async Task RecipientRejectedByServer_DeadLetteredAtOnceWithReason_OthersInTheBatchStillDelivered()
    {
        await Sink.StartAsync();
        var world = await SeedWorldAsync();
        Guid rejectedPerson;
        await using (var scope = Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
            var person = new Domain.People.Person(
                PersonId.New(), "吴无效", $"rejected.{Guid.NewGuid():N}@demo.example", null, Domain.People.PreferredLanguage.ZhCn, Now.AddYears(-1));
            person.Grant(Domain.People.Role.Secretariat, Domain.People.RoleScope.Alliance(world.Alliance.Id), Now.AddYears(-1), null);
            db.People.Add(person);
            await db.SaveChangesAsync();
            rejectedPerson = person.Id.Value;
        }

        var composed = await ComposeAsync(RecipientSpec.Secretariat(world.Alliance.Id),
            new SignatureDeclinedEmail(AgreementId.New(), "校企合作协议", world.Alliance.Name, world.Alliance.Id, "孙法人", "条款需修改"));
        Assert.Equal(2, composed.Count);
        Assert.Equal(2, await DispatchAsync());

        var rejected = await LoadAsync(composed.Single(m => m.RecipientPersonId == rejectedPerson).Id);
        Assert.Equal(OutboxStatus.DeadLettered, rejected.Status);
        Assert.Equal(1, rejected.Attempts);
        Assert.Contains("550", rejected.LastError, StringComparison.Ordinal);
        Assert.Contains(rejected.To, rejected.LastError, StringComparison.Ordinal);
        Assert.Contains("Recipient address rejected", rejected.LastError, StringComparison.Ordinal);
        Assert.Empty(Sink.WithMessageId(rejected.MessageId));

        var accepted = await LoadAsync(composed.Single(m => m.RecipientPersonId == world.Secretary.Id.Value).Id);
        Assert.Equal(OutboxStatus.Sent, accepted.Status);
        Assert.Single(await Sink.WaitForAsync(accepted.MessageId));

        // Permanent: a later round does not try it again.
        Factory.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await DispatchAsync());
    }

    [Fact]
    public async Task TwoDispatchers_SameDueMessages_EachMessageSentExactlyOnce()
    {
        await Sink.StartAsync();
        var world = await SeedWorldAsync();
        var composed = new List<OutboxMessageRecord>();
        for (var i = 0; i < 20; i++)
        {
            composed.AddRange(await ComposeAsync(RecipientSpec.CouncilMembers(world.Alliance.Id),
                new BallotOpenedEmail(BallotId.New(), $"议案 {i}", world.Alliance.Name, world.Alliance.Id, Now.AddDays(5))));
        }

        // A second dispatcher with a connection of its own, as a second server process would have.
        var options = Server.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<EmailOptions>>();
        await using var secondTransport = new SmtpTransport(options, Microsoft.Extensions.Logging.Abstractions.NullLogger<SmtpTransport>.Instance);
        var second = new OutboxDispatcher(
            Server.Services.GetRequiredService<IServiceScopeFactory>(), secondTransport, options, Factory.Clock,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<OutboxDispatcher>.Instance);
        var first = Server.Services.GetRequiredService<OutboxDispatcher>();

        async Task<int> DrainAsync(OutboxDispatcher dispatcher)
        {
            var total = 0;
            while (await dispatcher.DispatchDueAsync(CancellationToken.None) is var n && n > 0)
            {
                total += n;
            }

            return total;
        }

        var counts = await Task.WhenAll(Task.Run(() => DrainAsync(first)), Task.Run(() => DrainAsync(second)));

        Assert.Equal(composed.Count, counts.Sum());
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        Assert.Equal(composed.Count, await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Sent && m.Attempts == 1));
        foreach (var message in composed)
        {
            Assert.Single(await Sink.WaitForAsync(message.MessageId));
        }

        Assert.Equal(composed.Count, Sink.Messages().Count);
    }
}

[Collection(OnSqlite.Name)]
public sealed class SqliteEmailFaultTests(SqliteServerFixture fixture) : EmailFaultTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresEmailFaultTests(PostgresServerFixture fixture) : EmailFaultTests(fixture);
