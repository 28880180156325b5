namespace Governance.Server.Features.Email;

public static class EmailExtensions
{
    public static WebApplicationBuilder AddGovernanceEmail(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddGovernanceEmail(builder.Configuration);
        builder.Services.AddHostedService<EmailBackgroundService>();
        return builder;
    }

    /// <summary>Everything but the background service (the email benchmark drives the dispatcher itself).</summary>
    public static IServiceCollection AddGovernanceEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section)).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<EmailOptions>, EmailOptionsValidator>();
        services.AddSingleton<EmailTemplates>();
        services.AddScoped<RecipientResolver>();
        services.AddScoped<EmailComposer>();
        services.AddScoped<ReminderPlanner>();
        services.AddScoped<DigestPlanner>();
        services.AddSingleton<SmtpTransport>();
        services.AddSingleton<PickupDirectoryTransport>();
        services.AddSingleton<IEmailTransport>(sp =>
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<EmailOptions>>().Value.Delivery == EmailDelivery.Smtp
                ? sp.GetRequiredService<SmtpTransport>()
                : sp.GetRequiredService<PickupDirectoryTransport>());
        services.AddSingleton<OutboxDispatcher>();
        return services;
    }

    public static WebApplication MapGovernanceEmail(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOutboxAdministration();
        app.MapEmailPreferences();
        return app;
    }
}
