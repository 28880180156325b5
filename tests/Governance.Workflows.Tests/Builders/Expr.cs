using System.Text.Json.Nodes;

namespace Governance.Workflows.Tests.Builders;

/// <summary>Activity inputs in the file format: <c>{ "typeName", "expression": { "type", "value" } }</c>.</summary>
internal static class Expr
{
    public static JsonObject Literal(JsonNode? value, string typeName = "Object") => Input(typeName, "Literal", value);

    public static JsonObject JavaScript(string code, string typeName = "Object") => Input(typeName, "JavaScript", code);

    public static JsonObject Liquid(string template, string typeName = "String") => Input(typeName, "Liquid", template);

    public static JsonObject Variable(string name, string typeName = "Object") => Input(typeName, "Variable", name);

    public static JsonObject Input(string typeName, string language, JsonNode? value) => new()
    {
        ["typeName"] = typeName,
        ["expression"] = new JsonObject { ["type"] = language, ["value"] = value },
    };

    /// <summary>A FlowSwitch case: <c>{ "label", "condition": { "type": "JavaScript", "value" } }</c>.</summary>
    public static JsonObject Case(string label, string javaScript) => new()
    {
        ["label"] = label,
        ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = javaScript },
    };
}
