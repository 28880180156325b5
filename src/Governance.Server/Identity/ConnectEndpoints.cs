using System.Security.Claims;
using Governance.Domain.Common;
using Governance.Server.Access;
using Governance.Server.Persistence;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using OidcErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;

namespace Governance.Server.Identity;

/// <summary>
/// The OpenIddict passthrough endpoints as minimal APIs (after the openiddict-samples "Mimban"):
/// OpenIddict validates the protocol; these decide who the subject is and what goes into tokens.
/// </summary>
internal static class ConnectEndpoints
{
    private static readonly string[] PersonScopes =
        [Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess, ApiScopes.Read, ApiScopes.Write, ApiScopes.Admin];

    public static void MapConnectEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/connect/authorize", ["GET", "POST"], (Delegate)AuthorizeAsync).ExcludeFromDescription().DisableAntiforgery();
        endpoints.MapPost("/connect/token", TokenAsync).ExcludeFromDescription().DisableAntiforgery()
            .RequireRateLimiting(Hardening.HardeningExtensions.TokenLimit);
        endpoints.MapMethods("/connect/userinfo", ["GET", "POST"], (Delegate)UserInfoAsync).ExcludeFromDescription().DisableAntiforgery();
        endpoints.MapMethods("/connect/endsession", ["GET", "POST"], (Delegate)EndSessionAsync).ExcludeFromDescription().DisableAntiforgery();
    }

    private static async Task<IResult> AuthorizeAsync(
        HttpContext http, UserManager<Account> users, GovernanceDbContext db, CancellationToken cancellationToken)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

        // Not signed in (or asked to sign in again): the login page, then back here with the same request.
        var cookie = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!cookie.Succeeded || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Forbid(OidcErrors.LoginRequired, "The user is not signed in.");
            }

            var returnUrl = http.Request.PathBase + http.Request.Path + QueryString.Create(
                http.Request.HasFormContentType ? http.Request.Form.ToList() : http.Request.Query.ToList());
            return Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [IdentityConstants.ApplicationScheme]);
        }

        var account = await users.GetUserAsync(cookie.Principal!);
        if (account is null)
        {
            return Forbid(OidcErrors.LoginRequired, "The account no longer exists.");
        }

        // First-party clients only (registered by the administrator): no consent screen.
        var identity = await PersonIdentityAsync(db, account, cancellationToken);
        if (identity is null)
        {
            return Forbid(OidcErrors.LoginRequired, "The account has no person.");
        }

        identity.SetScopes(request.GetScopes().Intersect(PersonScopes, StringComparer.Ordinal));
        return SignIn(identity);
    }

    private static async Task<IResult> TokenAsync(
        HttpContext http, UserManager<Account> users, GovernanceDbContext db, IOpenIddictApplicationManager applications,
        Auditing.AuditTrail audit, CancellationToken cancellationToken)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
        if (request.IsClientCredentialsGrantType())
        {
            var application = await applications.FindByClientIdAsync(request.ClientId!, cancellationToken)
                ?? throw new InvalidOperationException("The application cannot be found.");
            var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, await applications.GetClientIdAsync(application, cancellationToken));
            identity.SetClaim(Claims.Name, await applications.GetDisplayNameAsync(application, cancellationToken));
            identity.SetClaim(Caller.ActorTypeClaim, Caller.ApplicationActor);

            // Only the API scopes: an application has no profile, and no refresh token.
            identity.SetScopes(request.GetScopes().Intersect([ApiScopes.Read, ApiScopes.Write], StringComparer.Ordinal));
            identity.SetDestinations(_ => [Destinations.AccessToken]);
            audit.Record("token.issued", "OAuthClient", request.ClientId!, null, null,
                $"client_credentials; scopes {string.Join(' ', identity.GetScopes())}");
            await audit.SaveChangesAsync(cancellationToken);
            return SignIn(identity);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var subject = result.Principal?.GetClaim(Claims.Subject);
            var account = subject is null ? null : await users.FindByIdAsync(subject);

            // The person may have been locked out or lost the account since the code or refresh token was issued.
            if (account is null || await users.IsLockedOutAsync(account))
            {
                return Forbid(OidcErrors.InvalidGrant, "The account can no longer sign in.");
            }

            var identity = await PersonIdentityAsync(db, account, cancellationToken);
            if (identity is null)
            {
                return Forbid(OidcErrors.InvalidGrant, "The account has no person.");
            }

            identity.SetScopes(result.Principal!.GetScopes());
            audit.Record("token.issued", "Person", account.Id.ToString(), null, null,
                $"{request.GrantType}; client {request.ClientId}; scopes {string.Join(' ', identity.GetScopes())}", actor: new PersonId(account.Id));
            await audit.SaveChangesAsync(cancellationToken);
            return SignIn(identity);
        }

        return Forbid(OidcErrors.UnsupportedGrantType, "The grant type is not supported.");
    }

    private static async Task<IResult> UserInfoAsync(HttpContext http, GovernanceDbContext db, CancellationToken cancellationToken)
    {
        var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (!Guid.TryParse(result.Principal?.GetClaim(Claims.Subject), out var id)
            || await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == new PersonId(id), cancellationToken) is not { } person)
        {
            return Results.Challenge(
                new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = OidcErrors.InvalidToken,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The token does not belong to a person.",
                }),
                [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { [Claims.Subject] = id.ToString() };
        if (result.Principal!.HasScope(Scopes.Profile))
        {
            claims[Claims.Name] = person.Name;
            claims[Claims.Locale] = person.Language == Domain.People.PreferredLanguage.En ? "en" : "zh-CN";
        }

        if (result.Principal.HasScope(Scopes.Email))
        {
            claims[Claims.Email] = person.Email;
        }

        return Results.Ok(claims);
    }

    private static async Task<IResult> EndSessionAsync(HttpContext http, Auditing.AuditTrail audit, CancellationToken cancellationToken)
    {
        var cookie = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (Guid.TryParse(cookie.Principal?.FindFirst(ClaimTypes.NameIdentifier)?.Value, out var person))
        {
            audit.Record("account.sign-out", "Person", person.ToString(), null, null, null, actor: new PersonId(person));
            await audit.SaveChangesAsync(cancellationToken);
        }

        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static async Task<ClaimsIdentity?> PersonIdentityAsync(GovernanceDbContext db, Account account, CancellationToken cancellationToken)
    {
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == new PersonId(account.Id), cancellationToken);
        if (person is null)
        {
            return null;
        }

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, account.Id.ToString())
            .SetClaim(Claims.Email, person.Email)
            .SetClaim(Claims.Name, person.Name)
            .SetClaim(Caller.ActorTypeClaim, Caller.PersonActor);

        // Roles are not put into tokens: they are dated and checked against the database on every request.
        identity.SetDestinations(claim => claim.Type switch
        {
            Claims.Name or Claims.Email => [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });
        return identity;
    }

    private static IResult SignIn(ClaimsIdentity identity) =>
        Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

    private static IResult Forbid(string error, string description) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
