namespace Governance.Server.Demo;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seed the demo alliance at start-up (the run command turns this on).</summary>
    public bool Seed { get; set; }

    /// <summary>Print the demo accounts to the console after seeding.</summary>
    public bool PrintAccounts { get; set; }
}
