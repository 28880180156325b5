using System.Text.Json.Nodes;
using Governance.Workflows.Definitions;

namespace Governance.Workflows.Expressions;

/// <summary>
/// Literal inputs: the value written in the definition is the value. A literal can be any JSON
/// (number, boolean, array, object, string), so the runtime passes the JSON itself to <see cref="Evaluate(JsonNode?)"/>;
/// the <see cref="IExpressionEvaluator"/> form treats the expression text as a string value.
/// </summary>
public sealed class LiteralEvaluator : IExpressionEvaluator
{
    /// <inheritdoc />
    public ExpressionLanguage Language => ExpressionLanguage.Literal;

    /// <summary>Returns a deep clone of the literal, so callers may change the value without touching the definition.</summary>
    public static JsonNode? Evaluate(JsonNode? literal) => literal?.DeepClone();

    /// <summary>Returns the expression text as a JSON string.</summary>
    public JsonNode? Evaluate(string expression, ExpressionScope scope)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return JsonValue.Create(expression);
    }

    /// <summary>Always null: any text is a valid literal.</summary>
    public string? CheckSyntax(string expression) => null;
}
