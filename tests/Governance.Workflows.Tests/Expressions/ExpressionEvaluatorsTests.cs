using System.Text.Json.Nodes;
using Governance.Workflows.Definitions;
using Governance.Workflows.Expressions;

namespace Governance.Workflows.Tests.Expressions;

public sealed class ExpressionEvaluatorsTests
{
    private readonly ExpressionEvaluators _evaluators = new();
    private readonly ExpressionScope _scope = TestScopes.Create(
        """{ "Decision": "Approved", "Yes": 12, "Eligible": 18, "Units": [ "甲", "乙" ] }""",
        """{ "Year": 2025 }""");

    private static InputExpression Input(string language, JsonNode? value, string typeName = "Object") => new(typeName, language, value);

    [Fact]
    public void Evaluate_LiteralNumber_ReturnsNumber()
    {
        var result = _evaluators.Evaluate(Input("Literal", 42), _scope);

        Assert.Equal(42, result!.GetValue<int>());
    }

    [Fact]
    public void Evaluate_LiteralArray_ReturnsCloneOfValue()
    {
        var input = Input("Literal", new JsonArray("secretariat", "chair"));

        var result = _evaluators.Evaluate(input, _scope)!.AsArray();
        result.Add("changed");

        Assert.Equal(2, input.Value!.AsArray().Count);
        Assert.Equal(3, result.Count);
    }

    [Fact]
    public void Evaluate_LiteralNull_ReturnsNull()
    {
        Assert.Null(_evaluators.Evaluate(Input("Literal", null), _scope));
    }

    [Fact]
    public void Evaluate_Variable_ReturnsCloneOfVariable()
    {
        var result = _evaluators.Evaluate(Input("Variable", "Units"), _scope)!.AsArray();
        result.Add("丙");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""["甲", "乙", "丙"]"""), result));
        Assert.Equal(2, _scope.Variables["Units"]!.AsArray().Count);
    }

    [Fact]
    public void Evaluate_UnknownVariable_IsExpressionException()
    {
        var ex = Assert.Throws<ExpressionException>(() => _evaluators.Evaluate(Input("Variable", "Missing"), _scope));

        Assert.Contains("Unknown variable 'Missing'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_JavaScript_RunsText()
    {
        var result = _evaluators.Evaluate(Input("JavaScript", "variables.Yes * 3 >= variables.Eligible * 2"), _scope);

        Assert.True(result!.GetValue<bool>());
    }

    [Fact]
    public void Evaluate_Liquid_RendersText()
    {
        var result = _evaluators.Evaluate(Input("Liquid", "{{ Variables.Decision }} {{ Input.Year }}"), _scope);

        Assert.Equal("Approved 2025", result!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_UnknownLanguage_IsExpressionException()
    {
        var ex = Assert.Throws<ExpressionException>(() => _evaluators.Evaluate(Input("Python", "1 + 1"), _scope));

        Assert.Contains("Unknown expression language 'Python'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_JavaScriptFailure_IsExpressionException()
    {
        Assert.Throws<ExpressionException>(() => _evaluators.Evaluate(Input("JavaScript", "1 +"), _scope));
    }

    [Fact]
    public void For_EachRunnableLanguage_ReturnsItsEvaluator()
    {
        Assert.IsType<LiteralEvaluator>(_evaluators.For(ExpressionLanguage.Literal));
        Assert.IsType<JavaScriptEvaluator>(_evaluators.For(ExpressionLanguage.JavaScript));
        Assert.IsType<LiquidEvaluator>(_evaluators.For(ExpressionLanguage.Liquid));
        Assert.Null(_evaluators.For(ExpressionLanguage.Variable));
    }

    [Fact]
    public void Evaluate_CustomJavaScriptLimits_AreApplied()
    {
        var evaluators = new ExpressionEvaluators(new JavaScriptLimits { MaxStatements = 10 });

        var ex = Assert.Throws<ExpressionException>(() => evaluators.Evaluate(Input("JavaScript", "for (let i = 0; i < 100; i++) {}"), _scope));

        Assert.Contains("limit of 10 statements", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Literal", "not {{ checked")]
    [InlineData("Variable", "Missing")]
    [InlineData("JavaScript", "variables.Yes > 1")]
    [InlineData("Liquid", "{{ Variables.Decision }}")]
    public void CheckSyntax_ValidOrUnchecked_ReturnsNull(string language, string text)
    {
        Assert.Null(_evaluators.CheckSyntax(Input(language, text)));
    }

    [Theory]
    [InlineData("JavaScript", "variables.Yes >", "SyntaxError at line 1")]
    [InlineData("Liquid", "{% if Variables.Decision %}", "Liquid syntax error")]
    [InlineData("Python", "1 + 1", "Unknown expression language 'Python'")]
    public void CheckSyntax_Invalid_ReturnsMessage(string language, string text, string expected)
    {
        var message = _evaluators.CheckSyntax(Input(language, text));

        Assert.NotNull(message);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }
}
