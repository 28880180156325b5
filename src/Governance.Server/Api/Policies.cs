using Governance.Server.Access;
using Governance.Server.Identity;
using Microsoft.AspNetCore.Authorization;
using OpenIddict.Validation.AspNetCore;

namespace Governance.Server.Api;

/// <summary>
/// The named authorization policies every endpoint sits behind: a bearer token validated by
/// OpenIddict with the right scope (write implies read, admin implies both). Admin also needs the
/// administrator role held now. Which alliance or organization a caller may touch is decided per
/// resource in the handlers (<see cref="AccessControl"/>), not here.
/// </summary>
public static class Policies
{
    public const string Read = ApiScopes.Read;
    public const string Write = ApiScopes.Write;
    public const string Admin = ApiScopes.Admin;

    public static IServiceCollection AddGovernancePolicies(this IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            .AddPolicy(Read, p => Bearer(p).RequireAssertion(c => HasAny(c, Read, Write, Admin)))
            .AddPolicy(Write, p => Bearer(p).RequireAssertion(c => HasAny(c, Write, Admin)))
            .AddPolicy(Admin, p => Bearer(p).RequireAssertion(c => HasAny(c, Admin)).AddRequirements(new AdministratorRequirement()))
            .Services;

    private static AuthorizationPolicyBuilder Bearer(AuthorizationPolicyBuilder policy) =>
        policy.AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme).RequireAuthenticatedUser();

    private static bool HasAny(AuthorizationHandlerContext context, params string[] scopes)
    {
        var caller = Caller.From(context.User);
        return scopes.Any(caller.HasScope);
    }
}
