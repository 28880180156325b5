namespace Governance.Workflows.Activities.Core;

/// <summary>Ends the instance at once, with an optional outcome; anything still waiting is cancelled.</summary>
[Activity("Elsa.Finish", DisplayNameZh = "结束", DisplayNameEn = "Finish", Description = "Ends the workflow.", Outcomes = [])]
[ActivityInput("outcome", "String", Description = "The workflow's outcome (one of its declared outcomes).")]
public sealed class FinishActivity : IActivity
{
    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult<ActivityResult>(new WorkflowFinishRequested(context.InputString("outcome")));
    }
}
