using System.Text.Json;
using Governance.Workflows.Definitions;

namespace Governance.Workflows.Activities.Core;

/// <summary>
/// Merges branches. <c>WaitAll</c> (default) continues once a token arrived from every inbound
/// connection; <c>WaitAny</c> continues on the first and cancels what the other branches wait for.
/// The runtime carries out the join itself (it needs the flowchart's tokens); this class describes it.
/// </summary>
[Activity(TypeName, DisplayNameZh = "汇合", DisplayNameEn = "Join", Description = "Waits for all (or any) inbound branches.")]
[ActivityInput("mode", "String", Form = InputForm.Setting, DefaultJson = "\"WaitAll\"", Description = "WaitAll or WaitAny.")]
public sealed class FlowJoinActivity : IActivity
{
    public const string TypeName = "Elsa.FlowJoin";

    public static bool IsWaitAny(ActivityDefinition activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var mode = activity.Setting("mode");
        return mode is not null && mode.GetValueKind() == JsonValueKind.String && mode.GetValue<string>() == "WaitAny";
    }

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult(context.Complete("Done"));
    }
}
