using Governance.Server;
using Governance.Server.Api;
using Governance.Server.Demo;
using Governance.Server.Errors;
using Governance.Server.Features.Documents;
using Governance.Server.Features.Email;
using Governance.Server.Health;
using Governance.Server.Persistence;
using Governance.Server.WorkflowHosting;

if (await GovernanceCommands.TryRunAsync(args) is { } exitCode)
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddGovernanceErrors();
builder.AddGovernancePersistence();
builder.AddGovernanceWorkflows();
builder.AddGovernanceEmail();
builder.AddGovernanceDemo();
builder.AddGovernanceHealth();
builder.AddGovernanceApi();
builder.AddGovernanceDocuments();

var app = builder.Build();
app.UseGovernanceErrors();
app.UseAuthorization();
app.MapGovernanceHealth();
app.MapGovernanceApi();
app.MapGovernanceDocuments();
app.MapGovernanceEmail();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
