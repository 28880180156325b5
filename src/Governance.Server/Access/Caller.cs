using System.Security.Claims;
using Governance.Domain.Common;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Governance.Server.Access;

/// <summary>Who sent the request: a person (signed in, or a token issued to one) or an application (client credentials).</summary>
public sealed record Caller(PersonId? PersonId, string? ClientId, IReadOnlySet<string> Scopes)
{
    /// <summary>Claim that says whether a token's subject is a person or an application.</summary>
    public const string ActorTypeClaim = "actor_type";
    public const string PersonActor = "person";
    public const string ApplicationActor = "application";

    public static readonly Caller Anonymous = new(null, null, new HashSet<string>());

    public bool IsPerson => PersonId is not null;

    public bool IsApplication => PersonId is null && ClientId is not null;

    public bool HasScope(string scope) => Scopes.Contains(scope);

    public static Caller From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return Anonymous;
        }

        var scopes = user.FindAll(Claims.Private.Scope).Concat(user.FindAll("scope"))
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);
        var clientId = user.FindFirst(Claims.Private.Presenter)?.Value ?? user.FindFirst(Claims.ClientId)?.Value;
        var actorType = user.FindFirst(ActorTypeClaim)?.Value;
        var subject = user.FindFirst(Claims.Subject)?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value;

        // A token says what it is; a cookie (the login page) is always a person with every scope of the web UI.
        if (actorType == ApplicationActor)
        {
            return new Caller(null, clientId ?? subject, scopes);
        }

        if (Guid.TryParse(subject, out var id))
        {
            if (actorType is null)
            {
                scopes = [ApiScopes.Read, ApiScopes.Write, ApiScopes.Admin];
            }

            return new Caller(new PersonId(id), clientId, scopes);
        }

        return Anonymous;
    }
}

/// <summary>The API's OAuth scopes.</summary>
public static class ApiScopes
{
    public const string Read = "governance.read";
    public const string Write = "governance.write";
    public const string Admin = "governance.admin";
}
