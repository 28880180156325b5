using System.Text.Json.Nodes;
using Governance.Workflows.Expressions;

namespace Governance.Workflows.Tests.Expressions;

/// <summary>Builds expression scopes from JSON object literals.</summary>
internal static class TestScopes
{
    public static readonly DateTimeOffset Now = new(2025, 3, 1, 8, 30, 15, TimeSpan.Zero);

    public static ExpressionScope Create(string variablesJson = "{}", string inputsJson = "{}") =>
        new(ToDictionary(variablesJson), ToDictionary(inputsJson), Now);

    public static ExpressionScope Create(IReadOnlyDictionary<string, JsonNode?> variables, IReadOnlyDictionary<string, JsonNode?>? inputs = null) =>
        new(variables, inputs ?? new Dictionary<string, JsonNode?>(), Now);

    private static Dictionary<string, JsonNode?> ToDictionary(string json) =>
        JsonNode.Parse(json)!.AsObject().ToDictionary(p => p.Key, p => p.Value?.DeepClone());
}
