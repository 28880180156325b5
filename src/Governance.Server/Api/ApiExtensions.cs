using System.Text.Json.Serialization;
using Governance.Server.Features.Agreements;
using Governance.Server.Features.Alliances;
using Governance.Server.Features.Ballots;
using Governance.Server.Features.Lifecycles;
using Governance.Server.Features.Memberships;
using Governance.Server.Features.Organizations;
using Governance.Server.Features.People;
using Governance.Server.Features.Reports;
using Governance.Server.Features.Tasks;
using Governance.Server.Features.Tracking;
using Governance.Server.Features.Workflows;

namespace Governance.Server.Api;

public static class ApiExtensions
{
    public static WebApplicationBuilder AddGovernanceApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddOpenApi();
        builder.Services.AddGovernancePolicies();
        builder.Services.AddFeatureHandlers();
        builder.AddGovernanceTasks();
        return builder;
    }

    public static WebApplication MapGovernanceApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi();

        // The browsable reference is Swagger UI's own files from the package: nothing from a CDN.
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "api-docs";
            o.SwaggerEndpoint("/openapi/v1.json", "Governance API v1");
            o.DocumentTitle = "联盟治理 API / Alliance governance API";
        });
        app.MapOrganizations();
        app.MapAlliances();
        app.MapMemberships();
        app.MapWorkflowDefinitions();
        app.MapWorkflowInstances();
        app.MapPeople();
        app.MapAgreements();
        app.MapLifecycles();
        app.MapTasks();
        app.MapBallots();
        app.MapReports();
        app.MapTracking();
        return app;
    }

    // Every use case is a plain handler class under Features/ (STYLE.md): registered by convention so
    // adding a use case is adding its file.
    private static void AddFeatureHandlers(this IServiceCollection services)
    {
        var handlers = typeof(ApiExtensions).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false }
                && t.Namespace?.StartsWith("Governance.Server.Features", StringComparison.Ordinal) == true
                && t.Name.EndsWith("Handler", StringComparison.Ordinal));
        foreach (var handler in handlers)
        {
            services.AddScoped(handler);
        }
    }
}
