using System.Text.Json.Nodes;
using Governance.Workflows.Definitions;

namespace Governance.Workflows.Expressions;

/// <summary>
/// Evaluates an activity input in whichever language it is written: Literal, Variable, JavaScript or Liquid.
/// Thread-safe; create one per process (the JavaScript and Liquid evaluators cache parsed expressions).
/// </summary>
public sealed class ExpressionEvaluators
{
    private readonly Dictionary<ExpressionLanguage, IExpressionEvaluator> _evaluators;

    /// <summary>Creates the standard evaluators, JavaScript with <see cref="JavaScriptLimits.Default"/>.</summary>
    public ExpressionEvaluators()
        : this(JavaScriptLimits.Default)
    {
    }

    /// <summary>Creates the standard evaluators, JavaScript with the given limits.</summary>
    public ExpressionEvaluators(JavaScriptLimits javaScriptLimits)
    {
        ArgumentNullException.ThrowIfNull(javaScriptLimits);
        IExpressionEvaluator[] evaluators = [new LiteralEvaluator(), new JavaScriptEvaluator(javaScriptLimits), new LiquidEvaluator()];
        _evaluators = evaluators.ToDictionary(e => e.Language);
    }

    /// <summary>The evaluator of a language, if there is one (there is none for Variable, which is a plain lookup).</summary>
    public IExpressionEvaluator? For(ExpressionLanguage language) => _evaluators.GetValueOrDefault(language);

    /// <summary>
    /// Evaluates an input: a Literal is a clone of its JSON value, a Variable is the variable's current value (cloned),
    /// JavaScript and Liquid run their text. Throws <see cref="ExpressionException"/> when it fails.
    /// </summary>
    public JsonNode? Evaluate(InputExpression input, ExpressionScope scope)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(scope);

        switch (input.Language)
        {
            case ExpressionLanguage.Literal:
                return LiteralEvaluator.Evaluate(input.Value);
            case ExpressionLanguage.Variable:
                var name = input.Text ?? string.Empty;
                return scope.Variables.TryGetValue(name, out var value)
                    ? value?.DeepClone()
                    : throw new ExpressionException($"Unknown variable '{name}'.");
            case { } language when _evaluators.TryGetValue(language, out var evaluator):
                return evaluator.Evaluate(input.Text ?? string.Empty, scope);
            default:
                throw new ExpressionException(UnknownLanguage(input));
        }
    }

    /// <summary>Checks the syntax of an input; returns an error message or null. Variable names are not checked here.</summary>
    public string? CheckSyntax(InputExpression input)
    {
        ArgumentNullException.ThrowIfNull(input);

        return input.Language switch
        {
            ExpressionLanguage.Literal or ExpressionLanguage.Variable => null,
            { } language when _evaluators.TryGetValue(language, out var evaluator) => evaluator.CheckSyntax(input.Text ?? string.Empty),
            _ => UnknownLanguage(input),
        };
    }

    private static string UnknownLanguage(InputExpression input) =>
        $"Unknown expression language '{input.LanguageName}' (expected Literal, Variable, JavaScript or Liquid).";
}
