using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Workflows.Definitions;

namespace Governance.Workflows.Activities.Core;

/// <summary>
/// Chooses among labelled cases: <c>"cases": [ { "label": "...", "condition": { "type": "JavaScript", "value": "..." } } ]</c>;
/// <c>"mode"</c> is <c>MatchFirst</c> (default) or <c>MatchAny</c>. No matching case goes through <c>Default</c>.
/// </summary>
[Activity("Elsa.FlowSwitch", DisplayNameZh = "多路分支", DisplayNameEn = "Switch",
    Description = "Continues through the port of the first (or every) case whose condition holds, else Default.", Outcomes = ["Default"])]
[ActivityInput("cases", "Array", Required = true, Form = InputForm.Setting, Description = "Labelled cases with a condition each.")]
[ActivityInput("mode", "String", Form = InputForm.Setting, DefaultJson = "\"MatchFirst\"", Description = "MatchFirst or MatchAny.")]
public sealed class FlowSwitchActivity : IActivity, IDeclaresPorts
{
    public IReadOnlyList<string> PortsOf(ActivityDefinition activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return Cases(activity).Select(c => c.Label).ToList();
    }

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var matchAny = context.InputString("mode") == "MatchAny";
        var matched = new List<string>();
        foreach (var (label, condition) in Cases(context.Activity))
        {
            if (condition is not null && context.Evaluate(condition) is JsonValue value
                && value.GetValueKind() == JsonValueKind.True)
            {
                matched.Add(label);
                if (!matchAny)
                {
                    break;
                }
            }
        }

        if (matched.Count == 0)
        {
            matched.Add("Default");
        }

        context.Summary = string.Join(",", matched);
        return ValueTask.FromResult(context.Complete([.. matched]));
    }

    /// <summary>The labelled cases as written (condition null when it is not an expression object).</summary>
    public static IReadOnlyList<(string Label, InputExpression? Condition)> Cases(ActivityDefinition activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Setting("cases") is not JsonArray cases)
        {
            return [];
        }

        var result = new List<(string, InputExpression?)>();
        foreach (var item in cases.OfType<JsonObject>())
        {
            if (item["label"] is JsonValue label && label.GetValueKind() == JsonValueKind.String)
            {
                var condition = item["condition"] is JsonObject expression
                    ? InputExpression.TryRead(new JsonObject { ["typeName"] = "Boolean", ["expression"] = expression.DeepClone() })
                    : null;
                result.Add((label.GetValue<string>(), condition));
            }
        }

        return result;
    }
}
