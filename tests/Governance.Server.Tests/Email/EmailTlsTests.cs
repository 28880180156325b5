using Governance.Domain.Common;
using Governance.Server.Features.Email;
using Governance.Server.WorkflowHosting;
using Governance.Server.Tests.Infrastructure;

namespace Governance.Server.Tests.Email;

/// <summary>
/// Delivery over STARTTLS to an aiosmtpd that requires it, with the relay's own (self-signed) certificate:
/// trusted by its pinned SHA-256, refused without the pin.
/// </summary>
public abstract class EmailTlsTests(ServerFixture fixture, bool pinned) : EmailTest(fixture)
{
    private readonly SmtpSink _sink = SmtpSink.Create();
    private readonly RelayCertificate _certificate = RelayCertificate.Create();

    protected override SmtpSink Sink
    {
        get
        {
            if (!_sink.RequiresTls)
            {
                _sink.UseTls(_certificate.CertificateFile, _certificate.KeyFile);
            }

            return _sink;
        }
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Sink.StartAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _sink.DisposeAsync();
        _certificate.Dispose();
    }

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        pinned
            ? [new("Email:TrustedServerCertificateSha256", _certificate.Sha256), new("Email:SmtpTimeout", "00:00:05")]
            : [new("Email:SmtpTimeout", "00:00:05")];

    protected async Task<(OutboxMessageRecord Message, int Dispatched)> SendOneAsync()
    {
        var world = await SeedWorldAsync();
        var message = Assert.Single(await ComposeAsync(RecipientSpec.Person(world.AssigneeZh.Id),
            new BallotOpenedEmail(BallotId.New(), "关于修订联盟章程的议案", world.Alliance.Name, world.Alliance.Id, Now.AddDays(5))));
        return (message, await DispatchAsync());
    }
}

public abstract class PinnedRelayTests(ServerFixture fixture) : EmailTlsTests(fixture, pinned: true)
{
    [Fact]
    public async Task StartTls_RelayCertificatePinned_Delivered()
    {
        var (message, dispatched) = await SendOneAsync();

        Assert.Equal(1, dispatched);
        Assert.Equal(OutboxStatus.Sent, (await LoadAsync(message.Id)).Status);
        Assert.Single(await Sink.WaitForAsync(message.MessageId));
    }
}

public abstract class UnpinnedRelayTests(ServerFixture fixture) : EmailTlsTests(fixture, pinned: false)
{
    [Fact]
    public async Task StartTls_UntrustedRelayCertificate_NotSent_WaitsWithTheCertificateError()
    {
        var (message, _) = await SendOneAsync();

        var waiting = await LoadAsync(message.Id);
        Assert.Equal(OutboxStatus.Pending, waiting.Status);
        Assert.Equal(1, waiting.Attempts);
        Assert.Contains("certificate", waiting.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Sink.Messages());
    }
}

[Collection(OnSqlite.Name)]
public sealed class SqlitePinnedRelayTests(SqliteServerFixture fixture) : PinnedRelayTests(fixture);

[Collection(OnSqlite.Name)]
public sealed class SqliteUnpinnedRelayTests(SqliteServerFixture fixture) : UnpinnedRelayTests(fixture);
