namespace Governance.Server.Hardening;

/// <summary>The "Security" section: requests per minute and client address for the sensitive endpoints.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    public int LoginPerMinute { get; set; } = 10;

    public int TokenPerMinute { get; set; } = 60;

    public int OneTimeCodePerMinute { get; set; } = 10;

    public int PasswordResetPerMinute { get; set; } = 5;

    /// <summary>
    /// Addresses of reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed. Empty (the
    /// default) with <see cref="TrustedNetworks"/> empty: the headers are ignored from everyone.
    /// </summary>
    public List<string> TrustedProxies { get; } = [];

    /// <summary>Networks (CIDR, e.g. <c>10.0.0.0/8</c>) of trusted reverse proxies.</summary>
    public List<string> TrustedNetworks { get; } = [];

    public bool TrustsProxies => TrustedProxies.Count > 0 || TrustedNetworks.Count > 0;
}
