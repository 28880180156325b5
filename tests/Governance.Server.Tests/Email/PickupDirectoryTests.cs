using Governance.Domain.Common;
using Governance.Server.Features.Email;
using Governance.Server.Tests.Infrastructure;
using Governance.Server.WorkflowHosting;
using MimeKit;

namespace Governance.Server.Tests.Email;

/// <summary>Development delivery (run.sh has no SMTP server): each message becomes an .eml file named after its Message-ID.</summary>
public abstract class PickupDirectoryTests(ServerFixture fixture) : EmailTest(fixture)
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "governance-pickup", Guid.NewGuid().ToString("N"));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [new("Email:Delivery", "PickupDirectory"), new("Email:PickupDirectory", _folder)];

    [Fact]
    public async Task PickupDirectoryDelivery_MessageWrittenAsEmlNamedAfterItsMessageId()
    {
        var world = await SeedWorldAsync();
        var message = Assert.Single(await ComposeAsync(RecipientSpec.Person(world.AssigneeZh.Id),
            new TaskAssignedEmail(WorkTaskId.New(), "审核入盟申请", world.Alliance.Name, world.Alliance.Id, null, "王秘书")));

        Assert.Equal(1, await DispatchAsync());

        var file = Assert.Single(Directory.GetFiles(_folder));
        Assert.Equal($"{message.MessageId}.eml", Path.GetFileName(file));
        var written = await MimeMessage.LoadAsync(file);
        Assert.Equal(message.MessageId, written.MessageId);
        Assert.Equal("【待办】审核入盟申请", written.Subject);
        Assert.Equal(world.AssigneeZh.Email, Assert.Single(written.To.Mailboxes).Address);
        Assert.Equal(OutboxStatus.Sent, (await LoadAsync(message.Id)).Status);
    }
}

[Collection(OnSqlite.Name)]
public sealed class SqlitePickupDirectoryTests(SqliteServerFixture fixture) : PickupDirectoryTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresPickupDirectoryTests(PostgresServerFixture fixture) : PickupDirectoryTests(fixture);
