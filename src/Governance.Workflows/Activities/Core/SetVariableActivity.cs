using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Workflows.Definitions;

namespace Governance.Workflows.Activities.Core;

/// <summary>Sets a variable: <c>"variable"</c> names it (a string, or Elsa's <c>{ "id", "name" }</c>), <c>"value"</c> computes it.</summary>
[Activity("Elsa.SetVariable", DisplayNameZh = "设置变量", DisplayNameEn = "Set variable", Description = "Assigns a value to a workflow variable.")]
[ActivityInput("variable", "Object", Required = true, Form = InputForm.Setting, Description = "The variable's name.")]
[ActivityInput("value", "Object", Required = true, Description = "The new value.")]
public sealed class SetVariableActivity : IActivity
{
    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = VariableName(context.Activity)
            ?? throw new FormatException("SetVariable needs the name of a variable.");
        var value = context.Input("value");
        context.SetVariable(name, value);
        context.Summary = $"{name} = {ActivityContext.Short(context.GetVariable(name))}";
        return ValueTask.FromResult(context.Complete("Done"));
    }

    public static string? VariableName(ActivityDefinition activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Setting("variable") switch
        {
            JsonValue text when text.GetValueKind() == JsonValueKind.String => text.GetValue<string>(),
            JsonObject obj when obj["name"] is JsonValue name && name.GetValueKind() == JsonValueKind.String => name.GetValue<string>(),
            _ => null,
        };
    }
}
