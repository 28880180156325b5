using Governance.Server.Hardening;
using Governance.Server.Ui.Infrastructure;
using Governance.Server.Ui.Localization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;

namespace Governance.Server.Ui;

/// <summary>
/// The web UI: Blazor with interactive server rendering and MudBlazor, in this process, signed in with
/// the Identity cookie (the same accounts, lockout and rate limit as the OAuth sign-in page). Pages call
/// the feature handlers directly through <see cref="UiOperations"/>, never the HTTP API.
/// </summary>
public static class UiExtensions
{
    /// <summary>The cookie that remembers the page language (a copy of the person's stored preference, set at sign-in).</summary>
    public const string CultureCookie = "governance.culture";

    public static WebApplicationBuilder AddGovernanceUi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Static files of packages (MudBlazor's) are found through the build's manifest outside
        // Development too, so the in-process tests serve exactly what a published server serves.
        if (builder.Environment.IsEnvironment("Testing"))
        {
            builder.WebHost.UseStaticWebAssets();
        }

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<AuthenticationStateProvider, RevalidatingAccountState>();
        builder.Services.AddMudServices();
        builder.Services.AddScoped<CircuitOrigin>();
        builder.Services.AddScoped<CircuitHandler, CircuitOriginHandler>();
        builder.Services.AddScoped<UiOperations>();
        builder.Services.AddSingleton<ThemeStylesheet>();

        // A UI page that needs a signed-in person sends the browser to the UI's own sign-in page;
        // the OAuth authorization endpoint keeps its plain login page.
        builder.Services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, cookie =>
        {
            var toLogin = cookie.Events.OnRedirectToLogin;
            cookie.Events.OnRedirectToLogin = context =>
            {
                if (context.Request.Path.StartsWithSegments("/connect"))
                {
                    return toLogin(context);
                }

                context.Response.Redirect($"/sign-in?returnUrl={Uri.EscapeDataString(context.Request.PathBase + context.Request.Path + context.Request.QueryString)}");
                return Task.CompletedTask;
            };
        });
        return builder;
    }

    public static WebApplication MapGovernanceUi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(
            context => !context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/connect"),
            pages => pages.UseRequestLocalization(options =>
            {
                options.SetDefaultCulture(UiText.Chinese.CultureName).AddSupportedCultures(UiText.Chinese.CultureName, UiText.English.CultureName)
                    .AddSupportedUICultures(UiText.Chinese.CultureName, UiText.English.CultureName);
                options.RequestCultureProviders = [new CookieRequestCultureProvider { CookieName = CultureCookie }];
            }));
        app.MapStaticAssets();
        app.MapGet("/ui/theme.css", async (ThemeStylesheet theme, HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Text(await theme.CssAsync(), "text/css; charset=utf-8");
        }).ExcludeFromDescription();
        app.MapUiAccountEndpoints();
        app.MapUiDocumentEndpoints();
        app.MapUiTrackingEndpoints();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = "'none'")
            .WithMetadata(new ContentSecurityPolicyMetadata(HardeningExtensions.UiCsp));
        return app;
    }

    /// <summary>Writes the language cookie (one year, readable by the pages only).</summary>
    public static void RememberCulture(HttpResponse response, string cultureName, bool secure)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Append(
            CultureCookie,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(cultureName)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax, Secure = secure });
    }
}
