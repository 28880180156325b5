namespace Governance.Workflows.Activities.Core;

/// <summary>Branches on a condition.</summary>
[Activity("Elsa.FlowDecision", DisplayNameZh = "条件判断", DisplayNameEn = "Decision",
    Description = "Continues through True or False depending on the condition.", Outcomes = ["True", "False"])]
[ActivityInput("condition", "Boolean", Required = true, Description = "The condition, usually JavaScript over variables.")]
public sealed class FlowDecisionActivity : IActivity
{
    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var outcome = context.InputBoolean("condition") ? "True" : "False";
        context.Summary = outcome;
        return ValueTask.FromResult(context.Complete(outcome));
    }
}
