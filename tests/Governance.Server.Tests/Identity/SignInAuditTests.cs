using System.Net;
using System.Text.Json;
using Governance.Domain.Audit;
using Governance.Domain.Common;
using Governance.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Tests.Identity;

/// <summary>
/// Sign-ins at the login page and tokens at the token endpoint are audited, successful or not, with
/// lockouts; never with the password, secret, code or token that was sent.
/// </summary>
public abstract class SignInAuditTests(ServerFixture fixture) : ServerTest(fixture)
{
    private const string WrongPassword = "wrong-password-77";

    [Fact]
    public async Task LoginPage_SuccessAndFailures_AuditedWithoutWhatWasTyped()
    {
        var (person, email) = await PersonWithAccountAsync();
        using var browser = Browser();

        Assert.Equal(HttpStatusCode.BadRequest, await LoginAsync(browser, email, WrongPassword));
        Assert.Equal(HttpStatusCode.BadRequest, await LoginAsync(browser, "typo-or-password@tests.example", TestAccounts.Password));
        Assert.Equal(HttpStatusCode.Redirect, await LoginAsync(browser, email, TestAccounts.Password));

        var entries = await AuditAsync("account.");
        Assert.Equal(
            [
                ("account.sign-in-failed", $"Person:{person}", (PersonId?)null, "wrong password (1 in a row)"),
                ("account.sign-in-failed", "Account:unknown", null, "unknown email address"),
                ("account.sign-in", $"Person:{person}", person, "password"),
            ],
            entries.Select(e => (e.Action, $"{e.TargetType}:{e.TargetId}", e.ActorId, e.Summary)));
        Assert.All(entries, e => Assert.Equal("SignInAuditTest/1.0", e.UserAgent));
        AssertNothingTyped(await AuditAsync(string.Empty), WrongPassword, TestAccounts.Password, "typo-or-password");
    }

    [Fact]
    public async Task LoginPage_FiveWrongPasswords_LockoutAudited_ThenRefusedWhileLocked()
    {
        var (person, email) = await PersonWithAccountAsync();
        using var browser = Browser();

        for (var i = 0; i < 5; i++)
        {
            await LoginAsync(browser, email, WrongPassword);
        }

        Assert.Equal(HttpStatusCode.BadRequest, await LoginAsync(browser, email, TestAccounts.Password));

        var entries = await AuditAsync("account.");
        Assert.Equal(
            [
                .. Enumerable.Range(1, 4).Select(n => ("account.sign-in-failed", $"wrong password ({n} in a row)")),
                ("account.sign-in-failed", "wrong password"),
                ("account.locked-out", "too many wrong passwords; locked until"),
                ("account.sign-in-failed", "account locked"),
            ],
            entries.Select(e => (e.Action, e.Action == "account.locked-out" ? e.Summary![..e.Summary!.IndexOf(" 20", StringComparison.Ordinal)] : e.Summary)));

        // ASP.NET Core Identity times lockouts by the system clock (it takes no TimeProvider): 15 minutes from now.
        var until = DateTimeOffset.Parse(entries.Single(e => e.Action == "account.locked-out").Summary!["too many wrong passwords; locked until ".Length..],
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(until - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        Assert.All(entries, e => Assert.Equal(person.ToString(), e.TargetId));
        AssertNothingTyped(entries, WrongPassword, TestAccounts.Password);
    }

    [Fact]
    public async Task TokenEndpoint_IssuedAndRefusedTokens_AuditedWithoutSecretsOrTokens()
    {
        var (person, _) = await PersonWithAccountAsync();
        var issued = await Factory.SignInAsync(person, "governance.read");
        using var client = Factory.CreateClient();
        var refresh = new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = TestAccounts.TestClientId,
            ["refresh_token"] = issued.RefreshToken!,
        };

        var refreshed = await Factory.RedeemAsync(client, refresh);

        // Past OpenIddict's reuse leeway (30 s), a rotated refresh token is refused.
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var replayed = await client.PostAsync("/connect/token", new FormUrlEncodedContent(refresh));
        await Factory.RedeemAsync(client, new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = TestAccounts.IntegrationClientId,
            ["client_secret"] = TestAccounts.IntegrationClientSecret,
            ["scope"] = "governance.read",
        });
        var wrongSecret = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = TestAccounts.IntegrationClientId,
            ["client_secret"] = "guessed-secret-0000000000000000",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        Assert.Equal("invalid_grant", JsonDocument.Parse(await replayed.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        var entries = await AuditAsync("token.");
        (string Action, string Target, PersonId? Actor, string Summary)[] expected =
        [
            ("token.issued", $"Person:{person}", person, "authorization_code; client governance-tests"),
            ("token.issued", $"Person:{person}", person, "refresh_token; client governance-tests"),
            ("token.refused", $"OAuthClient:{TestAccounts.TestClientId}", null, "refresh_token: invalid_grant"),
            ("token.issued", $"OAuthClient:{TestAccounts.IntegrationClientId}", null, "client_credentials; scopes governance.read"),
            ("token.refused", $"OAuthClient:{TestAccounts.IntegrationClientId}", null, "client_credentials: invalid_client"),
        ];
        Assert.Equal(expected.Length, entries.Count);
        foreach (var (want, entry) in expected.Zip(entries))
        {
            Assert.Equal((want.Action, want.Target, want.Actor), (entry.Action, $"{entry.TargetType}:{entry.TargetId}", entry.ActorId));
            Assert.StartsWith(want.Summary, entry.Summary, StringComparison.Ordinal);
        }

        AssertNothingTyped(await AuditAsync(string.Empty),
            issued.AccessToken, issued.RefreshToken!, refreshed.AccessToken, refreshed.RefreshToken!, TestAccounts.IntegrationClientSecret, "guessed-secret");
    }

    private static void AssertNothingTyped(IEnumerable<AuditEntry> entries, params string[] secrets) =>
        Assert.All(entries, e => Assert.All(secrets, secret =>
            Assert.DoesNotContain(secret, $"{e.TargetId}|{e.Summary}|{e.UserAgent}", StringComparison.Ordinal)));

    private HttpClient Browser()
    {
        var browser = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        browser.DefaultRequestHeaders.UserAgent.ParseAdd("SignInAuditTest/1.0");
        return browser;
    }

    private async Task<(PersonId Person, string Email)> PersonWithAccountAsync()
    {
        var person = await Factory.CreatePersonAsync("登录者");
        await Factory.EnsureAccountAsync(person);
        return (person, $"p{person.Value:N}@tests.example");
    }

    private static async Task<HttpStatusCode> LoginAsync(HttpClient browser, string email, string password)
    {
        var page = await browser.GetStringAsync("/account/login");
        using var answer = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TestAccounts.HiddenValue(page, "__RequestVerificationToken"),
            ["email"] = email,
            ["password"] = password,
            ["returnUrl"] = "/",
        }));
        return answer.StatusCode;
    }

    private async Task<List<AuditEntry>> AuditAsync(string actionPrefix)
    {
        await using var scope = Factory.Scope();
        return await GovernanceApiFactory.Db(scope).AuditEntries.AsNoTracking()
            .Where(e => e.Action.StartsWith(actionPrefix)).OrderBy(e => e.Sequence).ToListAsync();
    }
}

[Collection(OnSqlite.Name)]
public sealed class SqliteSignInAuditTests(SqliteServerFixture fixture) : SignInAuditTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresSignInAuditTests(PostgresServerFixture fixture) : SignInAuditTests(fixture);
