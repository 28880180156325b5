namespace Governance.Server.Demo;

public static class DemoExtensions
{
    public static WebApplicationBuilder AddGovernanceDemo(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DemoOptions>().Bind(builder.Configuration.GetSection(DemoOptions.Section));
        builder.Services.AddScoped<DemoSeeder>();
        builder.Services.AddHostedService<DemoSeedOnStartup>();
        return builder;
    }
}
