using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Workflows.Definitions;

namespace Governance.Workflows.Activities.Core;

/// <summary>Starts parallel branches: <c>"branches"</c> is a list of names (or one comma-separated string); each is a port.</summary>
[Activity("Elsa.FlowFork", DisplayNameZh = "并行分支", DisplayNameEn = "Fork",
    Description = "Continues through every named branch at once.", Outcomes = [])]
[ActivityInput("branches", "Array", Required = true, Form = InputForm.Setting, Description = "Branch names; each becomes a port.")]
public sealed class FlowForkActivity : IActivity, IDeclaresPorts
{
    public IReadOnlyList<string> PortsOf(ActivityDefinition activity) => Branches(activity);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var branches = Branches(context.Activity);
        context.Summary = string.Join(",", branches);
        return ValueTask.FromResult(context.Complete([.. branches]));
    }

    public static IReadOnlyList<string> Branches(ActivityDefinition activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Setting("branches") switch
        {
            JsonArray array => array.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String)
                .Select(v => v.GetValue<string>().Trim()).Where(b => b.Length > 0).Distinct().ToList(),
            JsonValue text when text.GetValueKind() == JsonValueKind.String => text.GetValue<string>()
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList(),
            _ => [],
        };
    }
}
