using System.Text.Json;
using System.Text.Json.Nodes;

namespace Governance.Workflows.Definitions;

/// <summary>The languages an input can be written in.</summary>
public enum ExpressionLanguage
{
    Literal,
    Variable,
    JavaScript,
    Liquid,
}

/// <summary>An activity input: <c>{ "typeName": "...", "expression": { "type": "...", "value": ... } }</c>.</summary>
public sealed record InputExpression(string TypeName, string LanguageName, JsonNode? Value)
{
    /// <summary>The language, or null when <see cref="LanguageName"/> is not one we run.</summary>
    public ExpressionLanguage? Language => LanguageName switch
    {
        "Literal" => ExpressionLanguage.Literal,
        "Variable" => ExpressionLanguage.Variable,
        "JavaScript" => ExpressionLanguage.JavaScript,
        "Liquid" => ExpressionLanguage.Liquid,
        _ => null,
    };

    /// <summary>The value as text (what JavaScript, Liquid and Variable expressions hold).</summary>
    public string? Text => Value switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => Value.ToJsonString(),
    };

    public static InputExpression? TryRead(JsonNode? node)
    {
        if (node is not JsonObject obj || obj["expression"] is not JsonObject expression)
        {
            return null;
        }

        var typeName = obj["typeName"] is JsonValue t && t.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : "Object";
        var language = expression["type"] is JsonValue l && l.GetValueKind() == JsonValueKind.String ? l.GetValue<string>() : string.Empty;
        return new InputExpression(typeName, language, expression["value"]?.DeepClone());
    }

    public static bool LooksLikeInput(JsonNode? node) => node is JsonObject obj && obj.ContainsKey("expression");
}
