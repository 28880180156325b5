namespace Governance.Server.Features.Documents;

public static class DocumentsExtensions
{
    public static WebApplicationBuilder AddGovernanceDocuments(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DocumentOptions>().Bind(builder.Configuration.GetSection(DocumentOptions.Section))
            .Validate(o => o.MaxVerificationUploadBytes > 0, "Documents:MaxVerificationUploadBytes must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<DocumentFonts>();
        builder.Services.AddHostedService<DocumentFonts.StartupCheck>();
        builder.Services.AddSingleton<PlatformSeal>();
        builder.Services.AddSingleton<DocumentTemplateCache>();
        builder.Services.AddScoped<DocumentTemplateStore>();
        builder.Services.AddScoped<IDocumentService, DocumentService>();
        builder.Services.AddHealthChecks().AddCheck<DocumentFonts.HealthCheck>("documents-fonts");
        return builder;
    }

    public static IEndpointRouteBuilder MapGovernanceDocuments(this IEndpointRouteBuilder endpoints) => endpoints.MapDocuments();
}
