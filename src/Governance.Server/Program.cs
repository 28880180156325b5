using Governance.Server;
using Governance.Server.Api;
using Governance.Server.Demo;
using Governance.Server.Errors;
using Governance.Server.Features.Documents;
using Governance.Server.Features.Email;
using Governance.Server.Hardening;
using Governance.Server.Health;
using Governance.Server.Identity;
using Governance.Server.Persistence;
using Governance.Server.Ui;
using Governance.Server.WorkflowHosting;

if (await GovernanceCommands.TryRunAsync(args) is { } exitCode)
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddGovernanceErrors();
builder.AddGovernanceHardening();
builder.AddGovernancePersistence();
builder.AddGovernanceIdentity();
builder.AddGovernanceWorkflows();
builder.AddGovernanceEmail();
builder.AddGovernanceDemo();
builder.AddGovernanceHealth();
builder.AddGovernanceApi();
builder.AddGovernanceDocuments();
builder.AddGovernanceUi();

var app = builder.Build();
app.UseGovernanceErrors();
app.UseGovernanceHardening();
app.UseGovernanceIdentity();
app.MapGovernanceHealth();
app.MapGovernanceApi();
app.MapGovernanceDocuments();
app.MapGovernanceEmail();
app.MapGovernanceIdentity();
app.MapGovernanceUi();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
