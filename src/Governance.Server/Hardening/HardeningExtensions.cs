using System.Net;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;

namespace Governance.Server.Hardening;

/// <summary>
/// Rate limits on sign-in, tokens, one-time codes and password resets; security headers (a CSP
/// without inline script, HSTS outside Development); JSON that never carries raw markup.
/// </summary>
public static class HardeningExtensions
{
    public const string LoginLimit = "login";
    public const string TokenLimit = "token";
    public const string OneTimeCodeLimit = "one-time-code";
    public const string PasswordResetLimit = "password-reset";

    // No form-action: the sign-in form's redirect chain ends at the OAuth client's own address, which
    // browsers check against form-action too.
    private const string Csp =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    // Swagger UI's page sets a few inline styles; it still gets no inline script.
    private const string ApiDocsCsp =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    // The web UI's pages (Blazor, MudBlazor), three differences and nothing else:
    // - style-src-attr 'unsafe-inline': Blazor renders components' style attributes (a drawer's width,
    //   a progress bar's length) through the DOM; an attribute cannot hold a selector or a script.
    //   Style *elements* stay 'self' only: the theme's variables are a stylesheet (/ui/theme.css).
    // - base-uri 'self': Blazor's router resolves every address against <base href="/">.
    // - connect-src 'self' spelled out: the interactive pages talk over a WebSocket to this same origin
    //   (CSP Level 3 lets 'self' cover ws:/wss: of the page's own host and port).
    // Scripts stay 'self' only: no inline script, no eval, no import map.
    public const string UiCsp =
        "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    public static WebApplicationBuilder AddGovernanceHardening(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        builder.Services.AddOptions<SecurityOptions>().Bind(builder.Configuration.GetSection(SecurityOptions.Section));

        // HTML-sensitive characters (< > & ' ") are escaped in every JSON answer; Chinese text is not.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All));
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await Results.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.",
                    detail: "请求过于频繁，请稍后再试。 / Too many attempts: wait a moment and try again.",
                    extensions: new Dictionary<string, object?> { ["code"] = "request.rate-limited" })
                    .ExecuteAsync(context.HttpContext);
            };
            // Attempts are counted, not the pages that show the form (the web UI's pages answer both on one route).
            limiter.AddPolicy(LoginLimit, http => HttpMethods.IsGet(http.Request.Method) ? Unlimited : PerClient(http, options.LoginPerMinute));
            limiter.AddPolicy(TokenLimit, http => PerClient(http, options.TokenPerMinute));
            limiter.AddPolicy(OneTimeCodeLimit, http => PerClient(http, options.OneTimeCodePerMinute));
            limiter.AddPolicy(PasswordResetLimit, http => HttpMethods.IsGet(http.Request.Method) ? Unlimited : PerClient(http, options.PasswordResetPerMinute));
        });
        ConfigureForwardedHeaders(builder.Services, options);
        if (!builder.Environment.IsDevelopment() && !builder.Environment.IsEnvironment("Testing"))
        {
            builder.Services.AddHsts(o =>
            {
                o.MaxAge = TimeSpan.FromDays(365);
                o.IncludeSubDomains = true;
            });
        }

        return builder;
    }

    public static WebApplication UseGovernanceHardening(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // First: the rate limits, audit entries, HSTS and cookies then see the client, not the proxy.
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityOptions>>().Value.TrustsProxies)
        {
            app.UseForwardedHeaders();
        }

        if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing"))
        {
            app.UseHsts();
        }

        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.GetEndpoint()?.Metadata.GetMetadata<ContentSecurityPolicyMetadata>()?.Policy
                ?? (context.Request.Path.StartsWithSegments("/api-docs") ? ApiDocsCsp : Csp);
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            return next(context);
        });
        app.UseRateLimiter();
        return app;
    }

    private static readonly RateLimitPartition<string> Unlimited = RateLimitPartition.GetNoLimiter("page");

    // Only from the configured proxies; the defaults (loopback trusted) are dropped. Each trusted hop
    // is unwound (no forward limit) until the first address that is not a trusted proxy: the client.
    private static void ConfigureForwardedHeaders(IServiceCollection services, SecurityOptions options)
    {
        var proxies = options.TrustedProxies.Select((text, i) => IPAddress.TryParse(text, out var address)
            ? address
            : throw new InvalidOperationException($"Security:TrustedProxies:{i} '{text}' is not an IP address.")).ToList();
        var networks = options.TrustedNetworks.Select((text, i) => System.Net.IPNetwork.TryParse(text, out var network)
            ? network
            : throw new InvalidOperationException($"Security:TrustedNetworks:{i} '{text}' is not a network in CIDR notation (e.g. 10.0.0.0/8).")).ToList();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = null;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            proxies.ForEach(o.KnownProxies.Add);
            networks.ForEach(o.KnownIPNetworks.Add);
        });
    }

    // Per client address and minute; behind a trusted proxy (Security:TrustedProxies) the forwarded client's.
    private static RateLimitPartition<string> PerClient(HttpContext http, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}
