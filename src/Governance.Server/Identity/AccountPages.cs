using System.Net;
using System.Text;
using Governance.Domain.Common;
using Governance.Server.Access;
using Governance.Server.Api;
using Governance.Server.Auditing;
using Governance.Server.Features.People;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Governance.Server.Identity;

public sealed record SetPasswordForm(Guid Person, string? Token, string? Password, string? Confirm);

public sealed record ForgotPasswordForm(string? Email);

/// <summary>Invitation (API for administrators) and the plain pages behind the emailed links.</summary>
internal static class AccountPages
{
    public static void MapAccountPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/people/{id:guid}/invitation", InviteAsync).WithTags("Accounts").WithName("InvitePerson")
            .WithSummary("Create the person's account and email a one-time link to set a password").RequireAuthorization(Policies.Admin);
        endpoints.MapGet("/account/set-password", ShowSetPassword).ExcludeFromDescription();
        endpoints.MapPost("/account/set-password", SetPasswordAsync).ExcludeFromDescription()
            .RequireRateLimiting(Hardening.HardeningExtensions.PasswordResetLimit);
        endpoints.MapGet("/account/forgot-password", ShowForgot).ExcludeFromDescription();
        endpoints.MapPost("/account/forgot-password", ForgotAsync).ExcludeFromDescription()
            .RequireRateLimiting(Hardening.HardeningExtensions.PasswordResetLimit);
    }

    private static async Task<Ok<InvitationResponse>> InviteAsync(Guid id, InvitePersonHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(id, cancellationToken));

    private static IResult ShowSetPassword(HttpContext http, IAntiforgery antiforgery, [FromQuery] Guid person, [FromQuery] string? token) =>
        SetPasswordPage(http, antiforgery, person, token, null, StatusCodes.Status200OK);

    private static async Task<IResult> SetPasswordAsync(
        HttpContext http, IAntiforgery antiforgery, [FromForm] SetPasswordForm form, AccountLinks links, CancellationToken cancellationToken)
    {
        if (!string.Equals(form.Password, form.Confirm, StringComparison.Ordinal))
        {
            return SetPasswordPage(http, antiforgery, form.Person, form.Token, "两次输入的密码不一致。 / The passwords differ.", StatusCodes.Status400BadRequest);
        }

        try
        {
            await links.SetPasswordAsync(form.Person, form.Token, form.Password, cancellationToken);
        }
        catch (DomainRuleViolation rule)
        {
            return SetPasswordPage(http, antiforgery, form.Person, form.Token, rule.Message, StatusCodes.Status400BadRequest);
        }

        return Html("密码已设置 / Password set",
            "<p>密码已设置，请<a href=\"/account/login\">登录</a>。</p>\n<p lang=\"en\">Your password is set: <a href=\"/account/login\">sign in</a>.</p>\n",
            StatusCodes.Status200OK);
    }

    private static IResult ShowForgot(HttpContext http, IAntiforgery antiforgery) => ForgotPage(http, antiforgery, null);

    private static async Task<IResult> ForgotAsync(
        HttpContext http, IAntiforgery antiforgery, [FromForm] ForgotPasswordForm form, AccountLinks links, CancellationToken cancellationToken)
    {
        await links.RequestResetAsync(form.Email, cancellationToken);

        // The same answer whether or not the address has an account.
        return ForgotPage(http, antiforgery, "如该邮箱已注册，重置链接已发出。 / If the address has an account, a reset link is on its way.");
    }

    private static IResult SetPasswordPage(HttpContext http, IAntiforgery antiforgery, Guid person, string? token, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var body = new StringBuilder();
        if (error is not null)
        {
            body.Append("<p role=\"alert\">").Append(Encode(error)).Append("</p>\n");
        }

        body.Append("<form method=\"post\" action=\"/account/set-password\">\n")
            .Append(Hidden(tokens.FormFieldName, tokens.RequestToken)).Append(Hidden("person", person.ToString())).Append(Hidden("token", token))
            .Append("<p><label for=\"password\">新密码 / New password</label><br>\n<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"new-password\" required minlength=\"10\"></p>\n")
            .Append("<p><label for=\"confirm\">再次输入 / Again</label><br>\n<input id=\"confirm\" name=\"confirm\" type=\"password\" autocomplete=\"new-password\" required minlength=\"10\"></p>\n")
            .Append("<p><button type=\"submit\">设置密码 / Set password</button></p>\n</form>\n");
        return Html("设置密码 / Set your password", body.ToString(), status);
    }

    private static IResult ForgotPage(HttpContext http, IAntiforgery antiforgery, string? message)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var body = new StringBuilder();
        if (message is not null)
        {
            body.Append("<p role=\"status\">").Append(Encode(message)).Append("</p>\n");
        }

        body.Append("<form method=\"post\" action=\"/account/forgot-password\">\n").Append(Hidden(tokens.FormFieldName, tokens.RequestToken))
            .Append("<p><label for=\"email\">邮箱 / Email</label><br>\n<input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"username\" required></p>\n")
            .Append("<p><button type=\"submit\">发送重置链接 / Send reset link</button></p>\n</form>\n");
        return Html("忘记密码 / Forgot password", body.ToString(), StatusCodes.Status200OK);
    }

    private static string Hidden(string? name, string? value) =>
        $"<input type=\"hidden\" name=\"{Encode(name)}\" value=\"{Encode(value)}\">\n";

    private static IResult Html(string title, string body, int status) =>
        Results.Content(
            $"<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{Encode(title)}</title>\n</head>\n<body>\n<main>\n<h1>{Encode(title)}</h1>\n{body}</main>\n</body>\n</html>\n",
            "text/html; charset=utf-8", Encoding.UTF8, status);

    private static string Encode(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);
}
