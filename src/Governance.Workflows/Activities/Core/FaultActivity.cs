namespace Governance.Workflows.Activities.Core;

/// <summary>Faults the instance on purpose, with a message for the incident.</summary>
[Activity("Elsa.Fault", DisplayNameZh = "故障", DisplayNameEn = "Fault", Description = "Stops the workflow with an incident.", Outcomes = [])]
[ActivityInput("message", "String", Required = true, Description = "What went wrong.")]
public sealed class FaultActivity : IActivity
{
    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult(context.Fault(context.InputString("message") ?? "Fault"));
    }
}
