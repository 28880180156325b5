namespace Governance.Server.Identity;

/// <summary>
/// The "Identity" configuration section. Certificates are PKCS#12 files; outside Development and
/// Testing both must be configured (start-up refuses otherwise), so tokens survive a restart and
/// every server process behind a load balancer accepts every other's tokens.
/// </summary>
public sealed class TokenServerOptions
{
    public const string Section = "Identity";

    public string? SigningCertificatePath { get; set; }

    public string? SigningCertificatePassword { get; set; }

    public string? EncryptionCertificatePath { get; set; }

    public string? EncryptionCertificatePassword { get; set; }

    /// <summary>Plain http only for local development and tests.</summary>
    public bool RequireHttps { get; set; } = true;

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How often expired tokens and authorizations are pruned.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long an invitation link to set a first password stays valid.</summary>
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Where links in emails point (the public address of the server).</summary>
    public Uri PublicBaseAddress { get; set; } = new("http://127.0.0.1:5080/");

    /// <summary>OAuth clients registered at start-up (idempotent: existing ones are updated).</summary>
    public IList<ClientRegistration> Clients { get; } = [];
}

/// <summary>An OAuth client. Without a secret it is public and must use PKCE.</summary>
public sealed class ClientRegistration
{
    public string ClientId { get; set; } = string.Empty;

    public string? ClientSecret { get; set; }

    public string DisplayName { get; set; } = string.Empty;

    /// <summary>authorization_code, refresh_token, client_credentials.</summary>
    public IList<string> GrantTypes { get; } = [];

    /// <summary>governance.read, governance.write, governance.admin (and openid, profile, email, offline_access for people).</summary>
    public IList<string> Scopes { get; } = [];

    public IList<Uri> RedirectUris { get; } = [];

    public IList<Uri> PostLogoutRedirectUris { get; } = [];
}
