namespace Governance.Server.Identity;

/// <summary>Production refuses to start with the development shortcuts still in place.</summary>
internal static class StartupSecrets
{
    /// <summary>Client secrets that appear in the repository (tests, README, run.sh) and so are known to everyone.</summary>
    internal static readonly string[] KnownSecrets =
        ["dev-secret", "test-secret", "changeme", "secret", "demo-secret", Demo.DemoSeeder.DemoClientSecret, "integration-secret-for-tests-only-0123456789"];

    public static void Check(IHostEnvironment environment, TokenServerOptions options, IConfiguration configuration)
    {
        if (!environment.IsProduction())
        {
            return;
        }

        var problems = new List<string>();
        if (string.IsNullOrEmpty(options.SigningCertificatePath) || string.IsNullOrEmpty(options.EncryptionCertificatePath))
        {
            problems.Add("Identity:SigningCertificatePath and Identity:EncryptionCertificatePath are required");
        }

        if (!options.RequireHttps)
        {
            problems.Add("Identity:RequireHttps cannot be false");
        }

        foreach (var client in options.Clients.Where(c => c.ClientSecret is not null))
        {
            if (client.ClientSecret!.Length < 24 || KnownSecrets.Contains(client.ClientSecret, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"client '{client.ClientId}' has a default or short secret (24 characters at least)");
            }
        }

        // The demo's people all share a published password.
        if (configuration.GetValue<bool>("Demo:Seed"))
        {
            problems.Add("Demo:Seed must be false (the demo accounts have a published password)");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Refusing to start in Production: " + string.Join("; ", problems) + ".");
        }
    }
}
