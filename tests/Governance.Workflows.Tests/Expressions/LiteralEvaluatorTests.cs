using System.Text.Json.Nodes;
using Governance.Workflows.Definitions;
using Governance.Workflows.Expressions;

namespace Governance.Workflows.Tests.Expressions;

public sealed class LiteralEvaluatorTests
{
    [Fact]
    public void Evaluate_JsonObject_ReturnsDeepClone()
    {
        var literal = JsonNode.Parse("""{ "Roles": [ "secretariat" ], "Days": 14 }""");

        var result = LiteralEvaluator.Evaluate(literal);
        result!["Roles"]!.AsArray().Add("chair");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{ "Roles": [ "secretariat" ], "Days": 14 }"""), literal));
        Assert.NotSame(literal, result);
    }

    [Fact]
    public void Evaluate_Null_ReturnsNull()
    {
        Assert.Null(LiteralEvaluator.Evaluate(null));
    }

    [Fact]
    public void Evaluate_Text_ReturnsTextAsString()
    {
        var evaluator = new LiteralEvaluator();

        var result = evaluator.Evaluate("MemberAdmission / 入盟", TestScopes.Create());

        Assert.Equal(ExpressionLanguage.Literal, evaluator.Language);
        Assert.Equal("MemberAdmission / 入盟", result!.GetValue<string>());
        Assert.Null(evaluator.CheckSyntax("{{ anything"));
    }
}
