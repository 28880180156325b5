using System.Net;
using Governance.Domain.Common;
using Governance.Server.Features.Email;
using Governance.Server.Tests.Infrastructure;
using Governance.Server.WorkflowHosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Server.Tests.Email;

/// <summary>
/// SMTP authentication against a real relay that accepts one user and password and refuses mail
/// before AUTH (<c>Email/authenticating_smtp.py</c> on aiosmtpd): over STARTTLS (port 587 style) and
/// over TLS from the first byte (SslOnConnect, port 465 style), the relay's self-signed certificate
/// pinned by <c>Email:TrustedServerCertificateSha256</c>.
/// </summary>
public abstract class EmailAuthTests(ServerFixture fixture, bool implicitTls, bool rightPassword, bool pinned = true) : EmailTest(fixture)
{
    protected const string User = "relay-user";
    protected const string RightPassword = "relay-password-2026-Xq7";
    protected const string WrongPassword = "not-the-relay-password-9";

    private readonly SmtpSink _sink = SmtpSink.Create();
    private readonly RelayCertificate _certificate = RelayCertificate.Create();
    private bool _configured;

    protected override SmtpSink Sink
    {
        get
        {
            if (!_configured)
            {
                _configured = true;
                _sink.RequireAuthentication(User, RightPassword);
                if (implicitTls)
                {
                    _sink.UseImplicitTls(_certificate.CertificateFile, _certificate.KeyFile);
                }
                else
                {
                    _sink.UseTls(_certificate.CertificateFile, _certificate.KeyFile);
                }
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

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings()
    {
        yield return new("Email:UserName", User);
        yield return new("Email:Password", rightPassword ? RightPassword : WrongPassword);
        yield return new("Email:SmtpTimeout", "00:00:05");
        yield return new("Email:MaxAttempts", "2");
        if (pinned)
        {
            yield return new("Email:TrustedServerCertificateSha256", _certificate.Sha256);
        }
    }

    protected async Task<OutboxMessageRecord> ComposeOneAsync()
    {
        var world = await SeedWorldAsync();
        return Assert.Single(await ComposeAsync(RecipientSpec.Person(world.AssigneeZh.Id),
            new BallotOpenedEmail(BallotId.New(), "关于修订联盟章程的议案", world.Alliance.Name, world.Alliance.Id, Now.AddDays(5))));
    }

    protected async Task AssertDeliveredAsThatUserAsync(OutboxMessageRecord message)
    {
        Assert.Equal(OutboxStatus.Sent, (await LoadAsync(message.Id)).Status);
        var received = Assert.Single(await Sink.WaitForAsync(message.MessageId));
        Assert.Equal(User, received.Headers["X-Authenticated-As"]);
        Assert.Equal(message.To, received.To.Mailboxes.Single().Address);
    }
}

public abstract class StartTlsAuthenticationTests(ServerFixture fixture) : EmailAuthTests(fixture, implicitTls: false, rightPassword: true)
{
    [Fact]
    public async Task StartTls_RightCredentials_DeliveredAsThatUser()
    {
        var message = await ComposeOneAsync();

        Assert.Equal(1, await DispatchAsync());

        await AssertDeliveredAsThatUserAsync(message);
    }
}

public abstract class WrongSmtpPasswordTests(ServerFixture fixture) : EmailAuthTests(fixture, implicitTls: false, rightPassword: false)
{
    [Fact]
    public async Task WrongPassword_RetriedWithTheRelaysAnswer_DeadLettered_ThenResentWithTheRightOneAndDelivered()
    {
        var message = await ComposeOneAsync();

        await DispatchAsync();
        var waiting = await LoadAsync(message.Id);
        Factory.Clock.Advance(TimeSpan.FromMinutes(10));
        await DispatchAsync();
        var dead = await LoadAsync(message.Id);

        // Retried once more per the dispatcher's rules, then dead-lettered: reported, not lost, not sent.
        Assert.Equal((OutboxStatus.Pending, 1), (waiting.Status, waiting.Attempts));
        Assert.Equal((OutboxStatus.DeadLettered, 2), (dead.Status, dead.Attempts));
        foreach (var error in new[] { waiting.LastError, dead.LastError })
        {
            Assert.Contains("535", error, StringComparison.Ordinal);
            Assert.Contains("Authentication", error, StringComparison.Ordinal);
            Assert.DoesNotContain(WrongPassword, error, StringComparison.Ordinal);
        }

        Assert.Empty(Sink.Messages());

        // The administrator fixes the password and resends: the same message arrives, once.
        await using var corrected = Server.WithWebHostBuilder(b => b.UseSetting("Email:Password", RightPassword));
        using var admin = await corrected.CreateAdminClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/admin/outbox/{message.Id}/resend", null)).StatusCode);
        Assert.Equal(1, await corrected.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None));
        await AssertDeliveredAsThatUserAsync(message);
    }
}

public abstract class SslOnConnectTests(ServerFixture fixture) : EmailAuthTests(fixture, implicitTls: true, rightPassword: true)
{
    [Fact]
    public async Task SslOnConnect_PinnedRelayCertificate_DeliveredAsThatUser()
    {
        Assert.True(Sink.ImplicitTls);
        var message = await ComposeOneAsync();

        Assert.Equal(1, await DispatchAsync());

        await AssertDeliveredAsThatUserAsync(message);
    }
}

public abstract class SslOnConnectUnpinnedTests(ServerFixture fixture) : EmailAuthTests(fixture, implicitTls: true, rightPassword: true, pinned: false)
{
    [Fact]
    public async Task SslOnConnect_UntrustedRelayCertificate_NotSent_WaitsWithTheCertificateError()
    {
        var message = await ComposeOneAsync();

        await DispatchAsync();

        var waiting = await LoadAsync(message.Id);
        Assert.Equal((OutboxStatus.Pending, 1), (waiting.Status, waiting.Attempts));
        Assert.Contains("certificate", waiting.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Sink.Messages());
    }
}

[Collection(OnSqlite.Name)]
public sealed class SqliteStartTlsAuthenticationTests(SqliteServerFixture fixture) : StartTlsAuthenticationTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresStartTlsAuthenticationTests(PostgresServerFixture fixture) : StartTlsAuthenticationTests(fixture);

[Collection(OnSqlite.Name)]
public sealed class SqliteWrongSmtpPasswordTests(SqliteServerFixture fixture) : WrongSmtpPasswordTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresWrongSmtpPasswordTests(PostgresServerFixture fixture) : WrongSmtpPasswordTests(fixture);

[Collection(OnSqlite.Name)]
public sealed class SqliteSslOnConnectTests(SqliteServerFixture fixture) : SslOnConnectTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresSslOnConnectTests(PostgresServerFixture fixture) : SslOnConnectTests(fixture);

[Collection(OnSqlite.Name)]
public sealed class SqliteSslOnConnectUnpinnedTests(SqliteServerFixture fixture) : SslOnConnectUnpinnedTests(fixture);
