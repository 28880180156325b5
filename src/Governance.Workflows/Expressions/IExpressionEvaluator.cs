using System.Text.Json.Nodes;
using Governance.Workflows.Definitions;

namespace Governance.Workflows.Expressions;

/// <summary>What an expression can see: the instance's variables and inputs (read-only snapshots).</summary>
public sealed record ExpressionScope(
    IReadOnlyDictionary<string, JsonNode?> Variables,
    IReadOnlyDictionary<string, JsonNode?> Inputs,
    DateTimeOffset Now);

/// <summary>An expression failed (syntax, runtime error, or a sandbox limit); the activity faults with it.</summary>
public sealed class ExpressionException : Exception
{
    public ExpressionException(string message)
        : base(message)
    {
    }

    public ExpressionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ExpressionException()
    {
    }
}

/// <summary>Evaluates the expression of one language.</summary>
public interface IExpressionEvaluator
{
    ExpressionLanguage Language { get; }

    /// <summary>Returns the value as JSON (null for JavaScript undefined/null). Throws <see cref="ExpressionException"/>.</summary>
    JsonNode? Evaluate(string expression, ExpressionScope scope);

    /// <summary>Checks syntax only (for the validator); returns an error message or null.</summary>
    string? CheckSyntax(string expression);
}
