using Governance.Server.Features.Email;
using Governance.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace Governance.Server.Tests.Email;

public sealed class EmailOptionsTests
{
    [Fact]
    public void Validate_Defaults_AreValid()
    {
        Assert.True(new EmailOptionsValidator().Validate(null, new EmailOptions()).Succeeded);
    }

    [Fact]
    public void Validate_SmtpWithoutHostAndHalfCredentialsAndBadAddresses_NamesEveryProblem()
    {
        var result = new EmailOptionsValidator().Validate(null, new EmailOptions
        {
            Delivery = EmailDelivery.Smtp,
            Port = 70000,
            UserName = "mailer",
            FromAddress = "not an address",
            WebBaseUrl = "/relative",
            MaxAttempts = 0,
            ReminderOffsets = [TimeSpan.FromDays(3), TimeSpan.Zero],
            TimeZone = "Mars/Olympus_Mons",
            RetryBaseDelay = TimeSpan.FromMinutes(5),
            RetryMaxDelay = TimeSpan.FromMinutes(1),
            TrustedServerCertificateSha256 = "not-a-hash",
        });

        Assert.True(result.Failed);
        var errors = string.Join('\n', result.Failures!);
        Assert.Contains("Email:Host is required when Email:Delivery is Smtp.", errors, StringComparison.Ordinal);
        Assert.Contains("Email:Port must be between 1 and 65535", errors, StringComparison.Ordinal);
        Assert.Contains("Email:UserName and Email:Password are set together", errors, StringComparison.Ordinal);
        Assert.Contains("Email:FromAddress 'not an address' is not an email address.", errors, StringComparison.Ordinal);
        Assert.Contains("Email:WebBaseUrl '/relative' must be an absolute http or https address.", errors, StringComparison.Ordinal);
        Assert.Contains("Email:MaxAttempts must be between 1 and 100", errors, StringComparison.Ordinal);
        Assert.Contains("Email:ReminderOffsets must all be positive", errors, StringComparison.Ordinal);
        Assert.Contains("Email:TimeZone 'Mars/Olympus_Mons' is not a known time zone.", errors, StringComparison.Ordinal);
        Assert.Contains("Email:RetryMaxDelay must not be shorter than Email:RetryBaseDelay.", errors, StringComparison.Ordinal);
        Assert.Contains("Email:TrustedServerCertificateSha256 must be a SHA-256 in hex", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerStart_SmtpDeliveryWithoutHost_FailsAtStartWithTheSettingNamed()
    {
        await using var database = new SqliteTarget();
        await database.CreateAsync();
        await using var factory = new GovernanceApiFactory(database).WithWebHostBuilder(b => b.UseSetting("Email:Delivery", "Smtp"));

        var failure = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Email:Host is required when Email:Delivery is Smtp.", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 10, 20)]
    [InlineData(2, 20, 40)]
    [InlineData(3, 40, 80)]
    [InlineData(4, 80, 160)]
    [InlineData(30, 120, 240)]
    public void RetryDelay_DoublesFromTheBaseUpToTheCap_WithJitterBetweenHalfAndAll(int attempt, int expectedLow, int expectedHigh)
    {
        var options = new EmailOptions { RetryBaseDelay = TimeSpan.FromSeconds(20), RetryMaxDelay = TimeSpan.FromSeconds(240) };

        var least = OutboxDispatcher.RetryDelay(attempt, options, 0);
        var most = OutboxDispatcher.RetryDelay(attempt, options, 1);

        Assert.Equal(TimeSpan.FromSeconds(expectedLow), least);
        Assert.Equal(TimeSpan.FromSeconds(expectedHigh), most);
        Assert.InRange(OutboxDispatcher.RetryDelay(attempt, options, 0.5), least, most);
    }
}
