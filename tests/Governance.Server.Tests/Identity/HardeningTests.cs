using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Governance.Server.Identity;
using Governance.Server.Tests.Api;
using Governance.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Governance.Server.Tests.Identity;

public abstract class HardeningTests(ServerFixture fixture) : ServerTest(fixture)
{
    [Theory]
    [InlineData("/account/login")]
    [InlineData("/api/v1/alliances")]
    [InlineData("/health")]
    public async Task Responses_CarrySecurityHeaders_AndACspWithoutInlineScript(string url)
    {
        using var client = Factory.CreateClient();

        var response = await client.GetAsync(url);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task Login_OverTheLimit_Answers429WithRetryAfter()
    {
        await using var limited = Factory.WithWebHostBuilder(b => b.UseSetting("Security:LoginPerMinute", "3"));
        using var browser = limited.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await browser.GetStringAsync("/account/login");
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 4; i++)
        {
            using var answer = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = TestAccounts.HiddenValue(page, "__RequestVerificationToken"),
                ["email"] = "nobody@tests.example",
                ["password"] = "wrong-password-1",
            }));
            statuses.Add(answer.StatusCode);
            if (answer.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(answer.Headers.RetryAfter);
                await answer.AssertProblemAsync(429, "request.rate-limited");
            }
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public void Production_RefusesToStartWithDevelopmentShortcuts()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Demo:Seed"] = "true" }).Build();
        var options = new TokenServerOptions { RequireHttps = false };
        var client = new ClientRegistration { ClientId = "platform", ClientSecret = global::Governance.Server.Demo.DemoSeeder.DemoClientSecret };
        options.Clients.Add(client);

        var refused = Assert.Throws<InvalidOperationException>(() => StartupSecrets.Check(new Environment("Production"), options, configuration));

        Assert.Contains("SigningCertificatePath", refused.Message, StringComparison.Ordinal);
        Assert.Contains("RequireHttps", refused.Message, StringComparison.Ordinal);
        Assert.Contains("default or short secret", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Demo:Seed", refused.Message, StringComparison.Ordinal);
        StartupSecrets.Check(new Environment("Development"), options, configuration);
    }

    [Fact]
    public void Production_Host_DoesNotStartWithoutCertificates()
    {
        using var production = Factory.WithWebHostBuilder(b => b.UseEnvironment("Production"));

        var refused = Assert.ThrowsAny<Exception>(() => production.CreateClient());

        Assert.Contains("Refusing to start in Production", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_OverHttps_SendsStrictTransportSecurity_NotOverHttp()
    {
        using var certificates = new TokenCertificates();
        await using var production = Factory.WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Identity:RequireHttps", "true");
            b.UseSetting("Identity:SigningCertificatePath", certificates.Signing);
            b.UseSetting("Identity:EncryptionCertificatePath", certificates.Encryption);
            b.UseSetting("Identity:Clients:1:ClientSecret", Convert.ToHexString(RandomNumberGenerator.GetBytes(24)));
        });
        using var https = production.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://governance.example.edu.cn/") });
        using var http = production.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://governance.example.edu.cn/") });

        var secure = await https.GetAsync("/health");
        var plain = await http.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.Equal("max-age=31536000; includeSubDomains", Assert.Single(secure.Headers.GetValues("Strict-Transport-Security")));
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Development_OverHttps_NoStrictTransportSecurity()
    {
        await using var development = Factory.WithWebHostBuilder(b => b.UseEnvironment("Development"));
        using var https = development.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://governance.example.edu.cn/") });

        var response = await https.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    /// <summary>Self-signed PKCS#12 files for the token server's signing and encryption keys, as Production requires.</summary>
    private sealed class TokenCertificates : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "governance-certs", Guid.NewGuid().ToString("N"));

        public TokenCertificates()
        {
            Directory.CreateDirectory(_folder);
            Signing = Write("signing", X509KeyUsageFlags.DigitalSignature);
            Encryption = Write("encryption", X509KeyUsageFlags.KeyEncipherment);
        }

        public string Signing { get; }

        public string Encryption { get; }

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        private string Write(string name, X509KeyUsageFlags usage)
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest($"CN=governance-{name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
            // Valid on the tests' fake clock (2026) as on the real one: OpenIddict checks by its clock.
            using var certificate = request.CreateSelfSigned(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero));
            var path = Path.Combine(_folder, $"{name}.pfx");
            File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12));
            return path;
        }
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Governance.Server";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}

[Collection(OnSqlite.Name)]
public sealed class SqliteHardeningTests(SqliteServerFixture fixture) : HardeningTests(fixture);
