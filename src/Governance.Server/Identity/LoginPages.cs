using System.Net;
using System.Text;
using Governance.Domain.Common;
using Governance.Server.Auditing;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Governance.Server.Identity;

public sealed record LoginForm(string? Email, string? Password, string? ReturnUrl);

/// <summary>
/// The server-rendered sign-in page of the authorization-code flow: plain HTML, Chinese first with
/// English, no script at all, antiforgery on the form, every echoed value HTML-encoded.
/// </summary>
internal static class LoginPages
{
    public static void MapLoginPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/account/login", ShowLogin).ExcludeFromDescription();
        endpoints.MapPost("/account/login", LoginAsync).ExcludeFromDescription().RequireRateLimiting(Hardening.HardeningExtensions.LoginLimit);
    }

    private static IResult ShowLogin(HttpContext http, IAntiforgery antiforgery, [FromQuery] string? returnUrl) =>
        Page(http, antiforgery, returnUrl, null, null);

    // Every attempt is audited (who, from which address, the outcome); never what was typed as the
    // password, and for an unknown address not the address either (people type passwords into it).
    private static async Task<IResult> LoginAsync(
        HttpContext http, IAntiforgery antiforgery, [FromForm] LoginForm form, UserManager<Account> users, SignInManager<Account> signIn,
        AuditTrail audit, CancellationToken cancellationToken)
    {
        var account = string.IsNullOrWhiteSpace(form.Email) ? null : await users.FindByEmailAsync(form.Email.Trim());
        if (account is null || string.IsNullOrEmpty(form.Password))
        {
            audit.Record("account.sign-in-failed", account is null ? "Account" : "Person", account?.Id.ToString() ?? "unknown", null, null,
                account is null ? "unknown email address" : "no password");
            await audit.SaveChangesAsync(cancellationToken);
            return Page(http, antiforgery, form.ReturnUrl, form.Email, "邮箱或密码不正确。 / The email or password is wrong.", StatusCodes.Status400BadRequest);
        }

        var person = new PersonId(account.Id);
        var lockedBefore = await users.IsLockedOutAsync(account);
        var result = await signIn.PasswordSignInAsync(account, form.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            audit.Record("account.sign-in", "Person", person.ToString(), null, null, "password", actor: person);
            await audit.SaveChangesAsync(cancellationToken);
            return Results.LocalRedirect(IsLocal(form.ReturnUrl) ? form.ReturnUrl! : "/");
        }

        var reason = result.IsLockedOut ? (lockedBefore ? "account locked" : "wrong password")
            : result.IsNotAllowed ? "email not confirmed"
            : $"wrong password ({await users.GetAccessFailedCountAsync(account)} in a row)";
        audit.Record("account.sign-in-failed", "Person", person.ToString(), null, null, reason);
        if (result.IsLockedOut && !lockedBefore)
        {
            var until = await users.GetLockoutEndDateAsync(account);
            audit.Record("account.locked-out", "Person", person.ToString(), null, null, $"too many wrong passwords; locked until {until:O}");
        }

        await audit.SaveChangesAsync(cancellationToken);

        var message = result.IsLockedOut
            ? "尝试次数过多，账号已暂时锁定，请稍后再试。 / Too many attempts: the account is locked for a while."
            : result.IsNotAllowed
                ? "账号尚未激活，请先通过邀请邮件设置密码。 / The account is not activated yet: set a password from the invitation email."
                : "邮箱或密码不正确。 / The email or password is wrong.";
        return Page(http, antiforgery, form.ReturnUrl, form.Email, message, StatusCodes.Status400BadRequest);
    }

    internal static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? email, string? error, int status = 200)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>登录 · 联盟治理平台 / Sign in</title>\n</head>\n<body>\n<main>\n")
            .Append("<h1>登录联盟治理平台</h1>\n<p lang=\"en\">Sign in to the alliance governance platform</p>\n");
        if (error is not null)
        {
            html.Append("<p role=\"alert\">").Append(Encode(error)).Append("</p>\n");
        }

        html.Append("<form method=\"post\" action=\"/account/login\">\n")
            .Append("<input type=\"hidden\" name=\"").Append(Encode(tokens.FormFieldName)).Append("\" value=\"").Append(Encode(tokens.RequestToken)).Append("\">\n")
            .Append("<input type=\"hidden\" name=\"returnUrl\" value=\"").Append(Encode(returnUrl)).Append("\">\n")
            .Append("<p><label for=\"email\">邮箱 / Email</label><br>\n")
            .Append("<input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"username\" required value=\"").Append(Encode(email)).Append("\"></p>\n")
            .Append("<p><label for=\"password\">密码 / Password</label><br>\n")
            .Append("<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required></p>\n")
            .Append("<p><button type=\"submit\">登录 / Sign in</button></p>\n")
            .Append("</form>\n</main>\n</body>\n</html>\n");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    private static string Encode(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);
}
