using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Governance.Domain.Common;
using Governance.Domain.People;
using Governance.Server.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Governance.Server.Tests.Infrastructure;

/// <summary>A bearer token the server issued, with when it stops working.</summary>
public sealed record IssuedToken(string AccessToken, string? RefreshToken, DateTimeOffset ExpiresAt);

/// <summary>
/// Signs test callers in through the real OpenIddict server: the authorization-code flow with PKCE
/// through the login page for people, client credentials for applications. Tokens are cached per
/// factory and caller (the database reset between tests empties the token tables, but an access token
/// is self-contained), and the person and its roles are put back into the database before each use,
/// because the API checks roles against the database on every request.
/// </summary>
public static class TestAccounts
{
    public const string TestClientId = "governance-tests";
    public const string IntegrationClientId = "provincial-platform";
    public const string IntegrationClientSecret = "integration-secret-for-tests-only-0123456789";
    public const string Password = "correct-horse-42";
    public static readonly Uri RedirectUri = new("http://localhost/signin-callback");
    public static readonly PersonId AdministratorId = new(Guid.Parse("00000000-0000-7000-8000-00000000a001"));

    private static readonly ConcurrentDictionary<(WebApplicationFactory<Program>, string), IssuedToken> Tokens = new();

    /// <summary>The configuration the test server starts with: the two clients above.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Identity:RequireHttps", "false"),

        // Every test signs in; the limits themselves are tested with a host of their own.
        new("Security:LoginPerMinute", "100000"),
        new("Security:TokenPerMinute", "100000"),
        new("Security:OneTimeCodePerMinute", "100000"),
        new("Security:PasswordResetPerMinute", "100000"),
        new("Identity:Clients:0:ClientId", TestClientId),
        new("Identity:Clients:0:DisplayName", "Tests"),
        new("Identity:Clients:0:GrantTypes:0", "authorization_code"),
        new("Identity:Clients:0:GrantTypes:1", "refresh_token"),
        new("Identity:Clients:0:Scopes:0", "openid"),
        new("Identity:Clients:0:Scopes:1", "profile"),
        new("Identity:Clients:0:Scopes:2", "email"),
        new("Identity:Clients:0:Scopes:3", "offline_access"),
        new("Identity:Clients:0:Scopes:4", "governance.read"),
        new("Identity:Clients:0:Scopes:5", "governance.write"),
        new("Identity:Clients:0:Scopes:6", "governance.admin"),
        new("Identity:Clients:0:RedirectUris:0", RedirectUri.ToString()),
        new("Identity:Clients:1:ClientId", IntegrationClientId),
        new("Identity:Clients:1:ClientSecret", IntegrationClientSecret),
        new("Identity:Clients:1:DisplayName", "省级平台"),
        new("Identity:Clients:1:GrantTypes:0", "client_credentials"),
        new("Identity:Clients:1:Scopes:0", "governance.read"),
        new("Identity:Clients:1:Scopes:1", "governance.write"),
    ];

    /// <summary>A client signed in as the platform administrator.</summary>
    public static async Task<HttpClient> CreateAdminClientAsync(this WebApplicationFactory<Program> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await factory.EnsurePersonAsync(AdministratorId, "平台管理员", "admin@tests.example", (Role.Administrator, RoleScope.Platform, null));
        return await factory.CreateClientForAsync(AdministratorId);
    }

    /// <summary>A client with a token of the person (who must exist); the account is created on first use.</summary>
    public static async Task<HttpClient> CreateClientForAsync(
        this WebApplicationFactory<Program> factory, PersonId person, string scope = "governance.read governance.write governance.admin", string? password = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var key = (factory, $"{person}|{scope}");
        if (!Tokens.TryGetValue(key, out var token) || Now(factory) >= token.ExpiresAt.AddMinutes(-1))
        {
            token = await factory.SignInAsync(person, scope, password);
            Tokens[key] = token;
        }

        return factory.WithBearer(token.AccessToken);
    }

    /// <summary>A client with a client-credentials token of the integration client (no person).</summary>
    public static async Task<HttpClient> CreateIntegrationClientAsync(this WebApplicationFactory<Program> factory, string scope = "governance.read governance.write")
    {
        ArgumentNullException.ThrowIfNull(factory);
        var key = (factory, $"client|{scope}");
        if (!Tokens.TryGetValue(key, out var token) || Now(factory) >= token.ExpiresAt.AddMinutes(-1))
        {
            await factory.RegisterClientsAsync();
            using var client = factory.CreateClient();
            token = await factory.RedeemAsync(client, new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = IntegrationClientId,
                ["client_secret"] = IntegrationClientSecret,
                ["scope"] = scope,
            });
            Tokens[key] = token;
        }

        return factory.WithBearer(token.AccessToken);
    }

    public static HttpClient WithBearer(this WebApplicationFactory<Program> factory, string accessToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>Puts the person (with exactly these roles) into the database if it is not there.</summary>
    public static async Task EnsurePersonAsync(
        this WebApplicationFactory<Program> factory, PersonId id, string name, string email, params (Role Role, RoleScope Scope, DateTimeOffset? Until)[] roles)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = GovernanceApiFactory.Db(scope);
        if (await db.People.AnyAsync(p => p.Id == id))
        {
            return;
        }

        var from = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var person = new Person(id, name, email, null, PreferredLanguage.ZhCn, from);
        foreach (var (role, roleScope, until) in roles)
        {
            person.Grant(role, roleScope, from, until);
        }

        db.People.Add(person);
        await db.SaveChangesAsync();
    }

    /// <summary>A new person with the roles (from 2020, open-ended unless an end is given).</summary>
    public static async Task<PersonId> CreatePersonAsync(
        this WebApplicationFactory<Program> factory, string name, params (Role Role, RoleScope Scope, DateTimeOffset? Until)[] roles)
    {
        var id = PersonId.New();
        await factory.EnsurePersonAsync(id, name, $"p{id.Value:N}@tests.example", roles);
        return id;
    }

    public static async Task RegisterClientsAsync(this WebApplicationFactory<Program> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<TokenServerOptions>>().Value;
        await scope.ServiceProvider.GetRequiredService<ClientRegistrar>().RegisterAllAsync(options.Clients, CancellationToken.None);
    }

    /// <summary>Gives the person a confirmed account with <see cref="Password"/> if it has none.</summary>
    public static async Task EnsureAccountAsync(this WebApplicationFactory<Program> factory, PersonId person)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = GovernanceApiFactory.Db(scope);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        if (await users.FindByIdAsync(person.Value.ToString()) is not null)
        {
            return;
        }

        var email = await db.People.Where(p => p.Id == person).Select(p => p.Email).SingleAsync();
        var result = await users.CreateAsync(new Account { Id = person.Value, UserName = email, Email = email, EmailConfirmed = true }, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>The whole authorization-code flow with PKCE, as a browser and a client app do it.</summary>
    /// <param name="password">The account's password when it was not created here (e.g. the demo's).</param>
    public static async Task<IssuedToken> SignInAsync(
        this WebApplicationFactory<Program> factory, PersonId person, string scope = "governance.read governance.write governance.admin", string? password = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await factory.RegisterClientsAsync();
        await factory.EnsureAccountAsync(person);
        string email;
        await using (var scope1 = factory.Services.CreateAsyncScope())
        {
            email = await GovernanceApiFactory.Db(scope1).People.Where(p => p.Id == person).Select(p => p.Email).SingleAsync();
        }

        using var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = $"/connect/authorize?client_id={TestClientId}&response_type=code&redirect_uri={Uri.EscapeDataString(RedirectUri.ToString())}"
            + $"&scope={Uri.EscapeDataString("openid profile offline_access " + scope)}&state=s1&code_challenge={challenge}&code_challenge_method=S256";

        var toLogin = await browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, toLogin.StatusCode);
        var loginUrl = toLogin.Headers.Location!;
        var loginPage = await browser.GetStringAsync(loginUrl);
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HiddenValue(loginPage, "__RequestVerificationToken"),
            ["returnUrl"] = WebUtility.HtmlDecode(HiddenValue(loginPage, "returnUrl")),
            ["email"] = email,
            ["password"] = password ?? Password,
        };
        var signedIn = await browser.PostAsync("/account/login", new FormUrlEncodedContent(form));
        Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect, $"login: {(int)signedIn.StatusCode} {await signedIn.Content.ReadAsStringAsync()}");

        var toCallback = await browser.GetAsync(signedIn.Headers.Location);
        Assert.True(toCallback.StatusCode == HttpStatusCode.Redirect, $"authorize: {(int)toCallback.StatusCode} {await toCallback.Content.ReadAsStringAsync()}");
        var callback = toCallback.Headers.Location!;
        Assert.StartsWith(RedirectUri.ToString(), callback.ToString(), StringComparison.Ordinal);
        var code = System.Web.HttpUtility.ParseQueryString(callback.Query)["code"]!;

        return await factory.RedeemAsync(browser, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = TestClientId,
            ["code"] = code,
            ["redirect_uri"] = RedirectUri.ToString(),
            ["code_verifier"] = verifier,
        });
    }

    public static async Task<IssuedToken> RedeemAsync(this WebApplicationFactory<Program> factory, HttpClient client, Dictionary<string, string> form)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"token: {(int)response.StatusCode} {text}");
        var json = JsonDocument.Parse(text).RootElement;
        return new IssuedToken(
            json.GetProperty("access_token").GetString()!,
            json.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : null,
            Now(factory).AddSeconds(json.GetProperty("expires_in").GetInt32()));
    }

    public static string HiddenValue(string html, string name)
    {
        ArgumentNullException.ThrowIfNull(html);
        var match = Regex.Match(html, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"");
        Assert.True(match.Success, $"no hidden field {name} in: {html}");
        return match.Groups[1].Value;
    }

    // The server's own clock (the tests' fake one), also for hosts derived with WithWebHostBuilder.
    private static DateTimeOffset Now(WebApplicationFactory<Program> factory) => factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
