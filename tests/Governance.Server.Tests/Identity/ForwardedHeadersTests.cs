using System.Net;
using Governance.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Server.Tests.Identity;

/// <summary>
/// The rate limits and the audit key on the client address. Behind a reverse proxy that is the
/// X-Forwarded-For address, but only when the connection comes from a proxy named in
/// Security:TrustedProxies / TrustedNetworks: from anyone else the header is ignored. The server runs on
/// Kestrel on 127.0.0.1, so the connection's address is a real one (loopback), not a test double.
/// </summary>
public abstract class ForwardedHeadersTests(ServerFixture fixture) : ServerTest(fixture)
{
    private const string Client = "203.0.113.7";
    private const string OtherClient = "203.0.113.8";

    [Fact]
    public async Task TrustedProxy_ForwardedClientIsTheRateLimitKeyAndTheAuditAddress()
    {
        await using var server = Start(("Security:TrustedProxies:0", "127.0.0.1"));
        using var browser = Browser(server);

        var statuses = new[]
        {
            await FailedLoginAsync(browser, Client),
            await FailedLoginAsync(browser, Client),
            await FailedLoginAsync(browser, Client),
            await FailedLoginAsync(browser, OtherClient),

            // A value the client itself put in front of the header is not believed: the proxy appended the real one.
            await FailedLoginAsync(browser, $"198.51.100.99, {OtherClient}"),
        };

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest], statuses);
        Assert.Equal([Client, Client, OtherClient, OtherClient], await AuditedAddressesAsync());
    }

    [Fact]
    public async Task TrustedNetwork_SameAsATrustedProxy()
    {
        await using var server = Start(("Security:TrustedNetworks:0", "127.0.0.0/8"));
        using var browser = Browser(server);

        await FailedLoginAsync(browser, Client);

        Assert.Equal([Client], await AuditedAddressesAsync());
    }

    [Fact]
    public async Task UntrustedSource_HeaderIgnored_TheConnectionAddressCounts()
    {
        // Some other machine is the proxy: this connection (from 127.0.0.1) is not it.
        await using var server = Start(("Security:TrustedProxies:0", "192.0.2.10"));
        using var browser = Browser(server);

        var statuses = new[]
        {
            await FailedLoginAsync(browser, Client),
            await FailedLoginAsync(browser, Client),
            await FailedLoginAsync(browser, OtherClient),
        };

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(["127.0.0.1", "127.0.0.1"], await AuditedAddressesAsync());
    }

    [Fact]
    public async Task NothingConfigured_HeaderIgnoredEvenFromLoopback()
    {
        await using var server = Start();
        using var browser = Browser(server);

        var statuses = new[]
        {
            await FailedLoginAsync(browser, Client),
            await FailedLoginAsync(browser, Client),
            await FailedLoginAsync(browser, OtherClient),
        };

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(["127.0.0.1", "127.0.0.1"], await AuditedAddressesAsync());
    }

    [Fact]
    public void MalformedProxyOrNetwork_ServerDoesNotStart()
    {
        using var proxy = Factory.WithWebHostBuilder(b => b.UseSetting("Security:TrustedProxies:0", "proxy.example"));
        using var network = Factory.WithWebHostBuilder(b => b.UseSetting("Security:TrustedNetworks:0", "10.0.0.0"));

        Assert.Contains("Security:TrustedProxies:0", Assert.ThrowsAny<Exception>(() => proxy.CreateClient()).ToString(), StringComparison.Ordinal);
        Assert.Contains("Security:TrustedNetworks:0", Assert.ThrowsAny<Exception>(() => network.CreateClient()).ToString(), StringComparison.Ordinal);
    }

    private WebApplicationFactory<Program> Start(params (string Key, string Value)[] settings)
    {
        var server = Factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Security:LoginPerMinute", "2");
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });
        server.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        server.StartServer();
        return server;
    }

    /// <summary>A plain HTTP client over a real TCP connection to the Kestrel address.</summary>
    private static HttpClient Browser(WebApplicationFactory<Program> server)
    {
        var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Assert.StartsWith("http://127.0.0.1:", address, StringComparison.Ordinal);
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        return new HttpClient(handler, disposeHandler: true) { BaseAddress = new Uri(address) };
    }

    /// <summary>A wrong password at the login page, sent as a proxy would forward it for <paramref name="forwardedFor"/>.</summary>
    private static async Task<HttpStatusCode> FailedLoginAsync(HttpClient browser, string forwardedFor)
    {
        var page = await browser.GetStringAsync("/account/login");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = TestAccounts.HiddenValue(page, "__RequestVerificationToken"),
                ["email"] = "nobody@tests.example",
                ["password"] = "wrong-password-1",
                ["returnUrl"] = "/",
            }),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var answer = await browser.SendAsync(request);
        return answer.StatusCode;
    }

    private async Task<List<string?>> AuditedAddressesAsync()
    {
        await using var scope = Factory.Scope();
        return await GovernanceApiFactory.Db(scope).AuditEntries.Where(e => e.Action == "account.sign-in-failed")
            .OrderBy(e => e.Sequence).Select(e => e.IpAddress).ToListAsync();
    }
}

[Collection(OnSqlite.Name)]
public sealed class SqliteForwardedHeadersTests(SqliteServerFixture fixture) : ForwardedHeadersTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresForwardedHeadersTests(PostgresServerFixture fixture) : ForwardedHeadersTests(fixture);
