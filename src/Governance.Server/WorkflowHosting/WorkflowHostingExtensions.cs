using Governance.Workflows.Abstractions;
using Governance.Workflows.Activities;
using Governance.Workflows.Expressions;
using Governance.Workflows.Runtime;
using Governance.Workflows.Validation;

namespace Governance.Server.WorkflowHosting;

public static class WorkflowHostingExtensions
{
    public static WebApplicationBuilder AddGovernanceWorkflows(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<WorkflowOptions>().Bind(builder.Configuration.GetSection(WorkflowOptions.Section));
        builder.Services.AddWorkflowCore();
        builder.Services.AddScoped<IWorkflowOutbox, DbWorkflowOutbox>();
        builder.Services.AddScoped<WorkflowDefinitionStore>();
        builder.Services.AddScoped<WorkflowRuntime>();
        builder.Services.AddScoped<Processes.BallotVoting>();
        builder.Services.AddScoped<Processes.TaskActions>();
        builder.Services.AddScoped<Processes.ContributionSubmissions>();
        builder.Services.AddScoped<Processes.AgreementSigning>();
        builder.Services.AddScoped<Processes.DocumentModels>();
        builder.Services.AddSingleton<DefinitionCache>();
        builder.Services.AddSingleton<InstanceCache>();
        builder.Services.AddHostedService<WorkflowFileImport>();
        builder.Services.AddSingleton<TimerDispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TimerDispatcher>());
        return builder;
    }

    /// <summary>The parts that need no database: registry, expressions, validator, executor (also used by the validate command).</summary>
    public static IServiceCollection AddWorkflowCore(this IServiceCollection services)
    {
        services.AddSingleton(new ActivityRegistry([typeof(ActivityRegistry).Assembly, typeof(WorkflowHostingExtensions).Assembly]));
        // One instance with every language; its cache of parsed expressions is shared by all steps.
        services.AddSingleton(_ => new ExpressionEvaluators());
        services.AddSingleton<WorkflowValidator>();
        services.AddSingleton(sp => new WorkflowExecutor(
            sp.GetRequiredService<ActivityRegistry>(), sp.GetRequiredService<ExpressionEvaluators>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
