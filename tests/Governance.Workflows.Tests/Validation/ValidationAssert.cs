using System.Collections.Immutable;
using Governance.Workflows.Activities;
using Governance.Workflows.Expressions;
using Governance.Workflows.Tests.Builders;
using Governance.Workflows.Validation;

namespace Governance.Workflows.Tests.Validation;

/// <summary>Validates built definitions with the core registry and asserts the exact errors (code and JSON path).</summary>
internal static class ValidationAssert
{
    public static WorkflowValidator Validator { get; } = new(ActivityRegistry.Core, new ExpressionEvaluators());

    public static ImmutableArray<WorkflowError> Validate(FlowBuilder flow) => Validate(flow.ToJson());

    public static ImmutableArray<WorkflowError> Validate(string json) => Validator.Validate(json, out _);

    /// <summary>The errors are exactly these (code, path) pairs, in any order.</summary>
    public static void Errors(ImmutableArray<WorkflowError> errors, params (string Code, string Path)[] expected)
    {
        var actual = errors.Select(e => (e.Code, e.Path)).Order().ToList();
        Assert.True(
            actual.SequenceEqual(expected.Order()),
            $"Expected: {string.Join("; ", expected)}\nActual:   {string.Join("; ", errors)}");
    }

    public static void Valid(ImmutableArray<WorkflowError> errors) =>
        Assert.True(errors.IsEmpty, "Expected no errors, got:\n" + string.Join("\n", errors));
}
