using Governance.Server.Identity;
using Governance.Server.Ui.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Governance.Server.Ui;

/// <summary>The two plain endpoints the pages post or link to: sign out, and remember a language.</summary>
internal static class UiAccountEndpoints
{
    public static void MapUiAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A form post, checked for its antiforgery token (minimal APIs check it where a form is bound),
        // never a link another site could make a browser follow.
        endpoints.MapPost("/sign-out", async ([FromForm] string? returnUrl, SignInManager<Account> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/sign-in");
        }).ExcludeFromDescription();

        // Only the page language of this browser; the signed-in person's stored preference is changed
        // by ChangeLanguageHandler before the pages come here.
        endpoints.MapGet("/ui/culture", (string? language, string? returnUrl, HttpContext http, IOptions<TokenServerOptions> options) =>
        {
            var culture = language == UiText.English.CultureName ? UiText.English.CultureName : UiText.Chinese.CultureName;
            UiExtensions.RememberCulture(http.Response, culture, options.Value.RequireHttps);
            return Results.LocalRedirect(LoginPages.IsLocal(returnUrl) ? returnUrl! : "/");
        }).ExcludeFromDescription();
    }
}
