using Governance.Server.Api;
using Governance.Server.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenIddict.Abstractions;

namespace Governance.Server.Identity;

public sealed record RegisterClientRequest(
    string? ClientId, string? ClientSecret, string? DisplayName, IReadOnlyList<string>? GrantTypes,
    IReadOnlyList<string>? Scopes, IReadOnlyList<Uri>? RedirectUris, IReadOnlyList<Uri>? PostLogoutRedirectUris);

public sealed record ClientResponse(string ClientId, string? DisplayName, string ClientType, IReadOnlyList<string> Permissions);

/// <summary>Administrators register OAuth clients (integrations, mobile apps) through the API.</summary>
internal static class ClientAdministration
{
    private static readonly string[] AllowedScopes =
        ["openid", "profile", "email", "offline_access", Access.ApiScopes.Read, Access.ApiScopes.Write, Access.ApiScopes.Admin];

    public static void MapClientAdministration(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/admin/clients").WithTags("OAuth clients");
        group.MapPut("/", RegisterAsync).WithName("RegisterClient")
            .WithSummary("Register or update an OAuth client (idempotent by client id)").RequireAuthorization(Policies.Admin);
        group.MapGet("/", ListAsync).WithName("ListClients").WithSummary("The registered OAuth clients").RequireAuthorization(Policies.Admin);
    }

    private static async Task<Ok<ClientResponse>> RegisterAsync(
        RegisterClientRequest request, ClientRegistrar registrar, IOpenIddictApplicationManager applications, Auditing.AuditTrail audit,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.ClientId) || request.ClientId.Length > 100)
        {
            throw new Domain.Common.DomainRuleViolation("client.id-required", "clientId is required (at most 100 characters).", "clientId");
        }

        var grants = request.GrantTypes ?? [];
        if (grants.Count == 0 || grants.Any(g => !ClientRegistrar.KnownGrantTypes.Contains(g)))
        {
            throw new Domain.Common.DomainRuleViolation("client.invalid-grant-types",
                $"grantTypes must be some of {string.Join(", ", ClientRegistrar.KnownGrantTypes)}.", "grantTypes");
        }

        if ((request.Scopes ?? []).FirstOrDefault(s => !AllowedScopes.Contains(s)) is { } unknown)
        {
            throw new Domain.Common.DomainRuleViolation("client.unknown-scope", $"Unknown scope '{unknown}'.", "scopes");
        }

        if (grants.Contains("client_credentials") && string.IsNullOrEmpty(request.ClientSecret))
        {
            throw new Domain.Common.DomainRuleViolation("client.secret-required", "A client-credentials client needs a secret.", "clientSecret");
        }

        if (request.ClientSecret is { Length: < 24 })
        {
            throw new Domain.Common.DomainRuleViolation("client.secret-too-short", "A client secret has 24 characters at least.", "clientSecret");
        }

        var registration = new ClientRegistration { ClientId = request.ClientId.Trim(), ClientSecret = request.ClientSecret, DisplayName = request.DisplayName ?? string.Empty };
        foreach (var grant in grants)
        {
            registration.GrantTypes.Add(grant);
        }

        foreach (var scope in request.Scopes ?? [])
        {
            registration.Scopes.Add(scope);
        }

        foreach (var uri in request.RedirectUris ?? [])
        {
            registration.RedirectUris.Add(uri);
        }

        foreach (var uri in request.PostLogoutRedirectUris ?? [])
        {
            registration.PostLogoutRedirectUris.Add(uri);
        }

        var created = await registrar.RegisterAsync(registration, cancellationToken);
        audit.Record(created ? "client.register" : "client.update", "OAuthClient", registration.ClientId, null, null,
            $"grants {string.Join(' ', registration.GrantTypes)}; scopes {string.Join(' ', registration.Scopes)}");
        await audit.SaveChangesAsync(cancellationToken);
        var application = await applications.FindByClientIdAsync(registration.ClientId, cancellationToken)
            ?? throw new NotFoundException("Client", registration.ClientId);
        return TypedResults.Ok(await DescribeAsync(applications, application, cancellationToken));
    }

    private static async Task<Ok<List<ClientResponse>>> ListAsync(IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        var clients = new List<ClientResponse>();
        await foreach (var application in applications.ListAsync(count: 500, offset: 0, cancellationToken))
        {
            clients.Add(await DescribeAsync(applications, application, cancellationToken));
        }

        return TypedResults.Ok(clients);
    }

    private static async Task<ClientResponse> DescribeAsync(IOpenIddictApplicationManager applications, object application, CancellationToken cancellationToken) =>
        new(
            (await applications.GetClientIdAsync(application, cancellationToken))!,
            await applications.GetDisplayNameAsync(application, cancellationToken),
            (await applications.GetClientTypeAsync(application, cancellationToken))!,
            [.. await applications.GetPermissionsAsync(application, cancellationToken)]);
}
