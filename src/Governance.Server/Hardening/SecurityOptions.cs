namespace Governance.Server.Hardening;

/// <summary>The "Security" section: requests per minute and client address for the sensitive endpoints.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    public int LoginPerMinute { get; set; } = 10;

    public int TokenPerMinute { get; set; } = 60;

    public int OneTimeCodePerMinute { get; set; } = 10;

    public int PasswordResetPerMinute { get; set; } = 5;
}
