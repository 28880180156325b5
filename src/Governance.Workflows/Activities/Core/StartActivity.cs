namespace Governance.Workflows.Activities.Core;

/// <summary>Where every instance begins.</summary>
[Activity(TypeName, DisplayNameZh = "开始", DisplayNameEn = "Start", Description = "The entry point of the flowchart.")]
public sealed class StartActivity : IActivity
{
    public const string TypeName = "Elsa.Start";

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult(context.Complete("Done"));
    }
}
