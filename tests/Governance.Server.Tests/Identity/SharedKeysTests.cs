using System.Net;
using System.Security.Cryptography;
using System.Text;
using Governance.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Server.Tests.Identity;

/// <summary>
/// Several server processes behind a load balancer, no sticky sessions: the data-protection keys are
/// in the database, so the antiforgery token one instance put in the sign-in form is accepted by
/// another, and the session cookie that one issues is read by the first. Two servers on one database;
/// a third that keeps its keys elsewhere refuses the same form (the test would notice per-process keys).
/// </summary>
public abstract class SharedKeysTests(ServerFixture fixture) : ServerTest(fixture)
{
    [Fact]
    public async Task SignInForm_FromOneInstance_PostedToAnother_ThenTheSessionReadByTheFirst()
    {
        await using var second = new GovernanceApiFactory(Fixture.Database);

        // Processes share the time of day: the session cookie's 8 hours are checked on the first server's
        // clock, which earlier tests of the collection may have moved on (as this one does, to be sure).
        Factory.Clock.Advance(TimeSpan.FromDays(1));
        second.Clock.SetUtcNow(Factory.Clock.GetUtcNow());
        var person = await Factory.CreatePersonAsync("跨实例登录者");
        await Factory.EnsureAccountAsync(person);
        await Factory.RegisterClientsAsync();
        var cookies = new CookieContainer();
        using var first = Browser(Factory, cookies);
        using var other = Browser(second, cookies);
        var authorize = AuthorizeUrl();

        var toLogin = await first.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, toLogin.StatusCode);
        var form = await LoginFormAsync(first, toLogin.Headers.Location!, person);
        var signedIn = await other.PostAsync("/account/login", new FormUrlEncodedContent(form));
        Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect, $"{(int)signedIn.StatusCode} {await signedIn.Content.ReadAsStringAsync()}");
        Assert.Contains(cookies.GetCookies(new Uri("http://localhost/")), c => c.Name == "governance.session");

        var toClient = await first.GetAsync(signedIn.Headers.Location);

        Assert.Equal(HttpStatusCode.Redirect, toClient.StatusCode);
        Assert.StartsWith(TestAccounts.RedirectUri.ToString(), toClient.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Contains("code=", toClient.Headers.Location!.Query, StringComparison.Ordinal);
        await using var scope = Factory.Scope();
        Assert.NotEmpty(await GovernanceApiFactory.Db(scope).DataProtectionKeys.AsNoTracking().ToListAsync());
    }

    [Fact]
    public async Task AnInstanceWithKeysOfItsOwn_RefusesTheOthersForm()
    {
        var folder = Directory.CreateTempSubdirectory("governance-keys-");
        try
        {
            await using var isolated = new GovernanceApiFactory(Fixture.Database);
            isolated.Clock.SetUtcNow(Factory.Clock.GetUtcNow());
            await using var withOwnKeys = isolated.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
                services.AddDataProtection().PersistKeysToFileSystem(folder)));
            var person = await Factory.CreatePersonAsync("跨实例登录者");
            await Factory.EnsureAccountAsync(person);
            await Factory.RegisterClientsAsync();
            var cookies = new CookieContainer();
            using var first = Browser(Factory, cookies);
            using var other = Browser(withOwnKeys, cookies);

            var toLogin = await first.GetAsync(AuthorizeUrl());
            var form = await LoginFormAsync(first, toLogin.Headers.Location!, person);
            var refused = await other.PostAsync("/account/login", new FormUrlEncodedContent(form));

            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.DoesNotContain(cookies.GetCookies(new Uri("http://localhost/")), c => c.Name == "governance.session");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static HttpClient Browser(WebApplicationFactory<Program> server, CookieContainer cookies) =>
        server.CreateDefaultClient(new Uri("http://localhost/"), new CookieContainerHandler(cookies));

    private static string AuthorizeUrl()
    {
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes("verifier-" + Guid.NewGuid().ToString("N"))))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"/connect/authorize?client_id={TestAccounts.TestClientId}&response_type=code&redirect_uri={Uri.EscapeDataString(TestAccounts.RedirectUri.ToString())}"
            + $"&scope={Uri.EscapeDataString("openid governance.read")}&state=s1&code_challenge={challenge}&code_challenge_method=S256";
    }

    private async Task<Dictionary<string, string>> LoginFormAsync(HttpClient browser, Uri loginUrl, Governance.Domain.Common.PersonId person)
    {
        var page = await browser.GetStringAsync(loginUrl);
        await using var scope = Factory.Scope();
        var email = await GovernanceApiFactory.Db(scope).People.Where(p => p.Id == person).Select(p => p.Email).SingleAsync();
        return new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TestAccounts.HiddenValue(page, "__RequestVerificationToken"),
            ["returnUrl"] = WebUtility.HtmlDecode(TestAccounts.HiddenValue(page, "returnUrl")),
            ["email"] = email,
            ["password"] = TestAccounts.Password,
        };
    }
}

[Collection(OnSqlite.Name)]
public sealed class SqliteSharedKeysTests(SqliteServerFixture fixture) : SharedKeysTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresSharedKeysTests(PostgresServerFixture fixture) : SharedKeysTests(fixture);
