using System.Net;
using System.Text.Json;
using Governance.Domain.Common;
using Governance.Domain.People;
using Governance.Server.Identity;
using Governance.Server.Tests.Api;
using Governance.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Server.Tests.Identity;

public abstract class AuthorizationCodeFlowTests(ServerFixture fixture) : ServerTest(fixture)
{
    [Fact]
    public async Task CodeWithPkce_ThenApiCall_ThenRefreshRotates()
    {
        var person = await Factory.CreatePersonAsync("流程测试", (Role.Administrator, RoleScope.Platform, null));

        var token = await Factory.SignInAsync(person);

        using (var api = Factory.WithBearer(token.AccessToken))
        {
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/organizations")).StatusCode);
            var userInfo = await (await api.GetAsync("/connect/userinfo")).JsonAsync();
            Assert.Equal(person.Value.ToString(), userInfo.GetProperty("sub").GetString());
            Assert.Equal("流程测试", userInfo.GetProperty("name").GetString());
        }

        using var client = Factory.CreateClient();
        var refreshed = await Factory.RedeemAsync(client, Refresh(token.RefreshToken!));
        Assert.NotEqual(token.RefreshToken, refreshed.RefreshToken);
        using (var api = Factory.WithBearer(refreshed.AccessToken))
        {
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/organizations")).StatusCode);
        }

        // The rotated-out refresh token no longer works (after the short reuse leeway OpenIddict allows).
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var reused = await client.PostAsync("/connect/token", new FormUrlEncodedContent(Refresh(token.RefreshToken!)));
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Equal("invalid_grant", JsonDocument.Parse(await reused.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task TokenExchange_WithoutTheRightVerifier_IsRefused()
    {
        var person = await Factory.CreatePersonAsync("PKCE 测试");
        await Factory.RegisterClientsAsync();
        await Factory.EnsureAccountAsync(person);
        using var browser = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var authorize = $"/connect/authorize?client_id={TestAccounts.TestClientId}&response_type=code&redirect_uri={Uri.EscapeDataString(TestAccounts.RedirectUri.ToString())}"
            + "&scope=openid%20governance.read&code_challenge=" + new string('a', 43) + "&code_challenge_method=S256";
        var login = (await browser.GetAsync(authorize)).Headers.Location!;
        var page = await browser.GetStringAsync(login);
        var signedIn = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TestAccounts.HiddenValue(page, "__RequestVerificationToken"),
            ["returnUrl"] = WebUtility.HtmlDecode(TestAccounts.HiddenValue(page, "returnUrl")),
            ["email"] = $"p{person.Value:N}@tests.example",
            ["password"] = TestAccounts.Password,
        }));
        var callback = (await browser.GetAsync(signedIn.Headers.Location)).Headers.Location!;
        var code = System.Web.HttpUtility.ParseQueryString(callback.Query)["code"]!;

        var response = await browser.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = TestAccounts.TestClientId,
            ["code"] = code,
            ["redirect_uri"] = TestAccounts.RedirectUri.ToString(),
            ["code_verifier"] = new string('b', 43),
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Authorize_WithoutPkce_IsRefused()
    {
        await Factory.RegisterClientsAsync();
        using var browser = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await browser.GetAsync($"/connect/authorize?client_id={TestAccounts.TestClientId}&response_type=code"
            + $"&redirect_uri={Uri.EscapeDataString(TestAccounts.RedirectUri.ToString())}&scope=openid");

        // OpenIddict refuses before any code is issued: no redirect carries a code.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("error:invalid_request", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginPage_IsChineseFirst_HasAntiforgery_NoScript_AndEncodesWhatItEchoes()
    {
        using var browser = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await browser.GetStringAsync("/account/login?returnUrl=%2Fconnect%2Fauthorize%3Fx%3D%22%3E%3Cscript%3E");
        Assert.Contains("<html lang=\"zh-CN\">", page, StringComparison.Ordinal);
        Assert.Contains("登录联盟治理平台", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&quot;&gt;&lt;script&gt;", page, StringComparison.Ordinal);

        var hostile = "\"'><img src=x onerror=alert(1)>@x.example";
        var answer = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TestAccounts.HiddenValue(page, "__RequestVerificationToken"),
            ["returnUrl"] = "/",
            ["email"] = hostile,
            ["password"] = "whatever-123",
        }));
        var html = await answer.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("&quot;&#39;&gt;&lt;img src=x onerror=alert(1)&gt;@x.example", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WithoutAntiforgeryToken_IsRefused()
    {
        using var browser = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var answer = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["returnUrl"] = "/",
            ["email"] = "someone@tests.example",
            ["password"] = "whatever-123",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
    }

    [Fact]
    public async Task Login_FiveWrongPasswords_LockTheAccount()
    {
        var person = await Factory.CreatePersonAsync("锁定测试");
        await Factory.EnsureAccountAsync(person);
        using var browser = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var email = $"p{person.Value:N}@tests.example";

        string last = string.Empty;
        for (var i = 0; i < 5; i++)
        {
            last = await PostLoginAsync(browser, email, "wrong-password-9");
        }

        var right = await PostLoginAsync(browser, email, TestAccounts.Password);

        Assert.Contains("已暂时锁定", right, StringComparison.Ordinal);
        Assert.Contains("已暂时锁定", last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_UnconfirmedEmail_IsNotAllowed()
    {
        var person = await Factory.CreatePersonAsync("未激活");
        await using (var scope = Factory.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
            var email = $"p{person.Value:N}@tests.example";
            await users.CreateAsync(new Account { Id = person.Value, UserName = email, Email = email }, TestAccounts.Password);
        }

        using var browser = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var answer = await PostLoginAsync(browser, $"p{person.Value:N}@tests.example", TestAccounts.Password);

        Assert.Contains("账号尚未激活", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientCredentials_WrongSecret_IsRefused()
    {
        await Factory.RegisterClientsAsync();
        using var client = Factory.CreateClient();

        var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = TestAccounts.IntegrationClientId,
            ["client_secret"] = "not-the-secret-at-all-000000",
            ["scope"] = "governance.read",
        }));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ApiResponses_EscapeMarkupInUserText()
    {
        using var admin = await Factory.CreateAdminClientAsync();

        var created = await admin.PostJsonAsync("/api/v1/organizations", new
        {
            kind = "Enterprise",
            name = "<script>alert(1)</script>",
            creditCode = Builders.TestData.CreditCode(),
            region = "\"'><img>",
            legalRepresentativeName = "张三",
        });
        var raw = await created.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.DoesNotContain("<script>", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("<img>", raw, StringComparison.Ordinal);
        Assert.Equal("<script>alert(1)</script>", JsonDocument.Parse(raw).RootElement.GetProperty("name").GetString());
    }

    private static async Task<string> PostLoginAsync(HttpClient browser, string email, string password)
    {
        var page = await browser.GetStringAsync("/account/login");
        var answer = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TestAccounts.HiddenValue(page, "__RequestVerificationToken"),
            ["returnUrl"] = "/",
            ["email"] = email,
            ["password"] = password,
        }));
        return await answer.Content.ReadAsStringAsync();
    }

    private static Dictionary<string, string> Refresh(string refreshToken) => new()
    {
        ["grant_type"] = "refresh_token",
        ["client_id"] = TestAccounts.TestClientId,
        ["refresh_token"] = refreshToken,
    };
}

[Collection(OnSqlite.Name)]
public sealed class SqliteAuthorizationCodeFlowTests(SqliteServerFixture fixture) : AuthorizationCodeFlowTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresAuthorizationCodeFlowTests(PostgresServerFixture fixture) : AuthorizationCodeFlowTests(fixture);
