using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Governance.Server.Identity;

/// <summary>
/// Registers OAuth clients: those named in configuration at start-up, and those an administrator
/// adds through the API. Registering a client again updates it, so the seeder can run on every start.
/// </summary>
public sealed class ClientRegistrar(IOpenIddictApplicationManager applications)
{
    public static readonly string[] KnownGrantTypes = [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken, GrantTypes.ClientCredentials];

    public async Task<bool> RegisterAsync(ClientRegistration client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var descriptor = Describe(client);
        var existing = await applications.FindByClientIdAsync(client.ClientId, cancellationToken);
        if (existing is null)
        {
            await applications.CreateAsync(descriptor, cancellationToken);
            return true;
        }

        await applications.UpdateAsync(existing, descriptor, cancellationToken);
        return false;
    }

    public async Task RegisterAllAsync(IEnumerable<ClientRegistration> clients, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clients);
        foreach (var client in clients)
        {
            await RegisterAsync(client, cancellationToken);
        }
    }

    internal static OpenIddictApplicationDescriptor Describe(ClientRegistration client)
    {
        var confidential = !string.IsNullOrEmpty(client.ClientSecret);
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            ClientSecret = client.ClientSecret,
            DisplayName = string.IsNullOrWhiteSpace(client.DisplayName) ? client.ClientId : client.DisplayName,
            ClientType = confidential ? ClientTypes.Confidential : ClientTypes.Public,
        };
        descriptor.Permissions.Add(Permissions.Endpoints.Token);
        foreach (var grant in client.GrantTypes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.GrantType + grant);
            if (grant == GrantTypes.AuthorizationCode)
            {
                descriptor.Permissions.Add(Permissions.Endpoints.Authorization);
                descriptor.Permissions.Add(Permissions.Endpoints.EndSession);
                descriptor.Permissions.Add(Permissions.ResponseTypes.Code);
                descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
            }
        }

        foreach (var scope in client.Scopes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        foreach (var uri in client.RedirectUris)
        {
            descriptor.RedirectUris.Add(uri);
        }

        foreach (var uri in client.PostLogoutRedirectUris)
        {
            descriptor.PostLogoutRedirectUris.Add(uri);
        }

        return descriptor;
    }
}

/// <summary>Runs after the migrator: the configured clients exist before the first request.</summary>
internal sealed class ClientSeedOnStartup(IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<TokenServerOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ClientRegistrar>().RegisterAllAsync(options.Value.Clients, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
