using System.Text.Json.Nodes;
using Governance.Workflows.Definitions;
using Governance.Workflows.Expressions;

namespace Governance.Workflows.Tests.Expressions;

public sealed class LiquidEvaluatorTests
{
    private const string Variables = """
        {
          "AllianceName": "长三角新能源产业联盟",
          "Members": [ { "Name": "甲公司", "Votes": 3 }, { "Name": "乙公司", "Votes": 2 } ],
          "Html": "<b>R&D</b>",
          "Deadline": "2025-03-01T08:30:00+08:00",
          "Quorum": 0.5
        }
        """;

    private const string Inputs = """{ "Year": 2025, "Matter": "MemberAdmission" }""";

    private readonly LiquidEvaluator _evaluator = new();

    private string Render(string template) =>
        _evaluator.Evaluate(template, TestScopes.Create(Variables, Inputs))!.GetValue<string>();

    [Fact]
    public void Language_IsLiquid()
    {
        Assert.Equal(ExpressionLanguage.Liquid, _evaluator.Language);
    }

    [Fact]
    public void Evaluate_VariablesAndInput_Render()
    {
        Assert.Equal("长三角新能源产业联盟 2025 年度报告", Render("{{ Variables.AllianceName }} {{ Input.Year }} 年度报告"));
    }

    [Fact]
    public void Evaluate_LowerCaseNames_Render()
    {
        Assert.Equal("长三角新能源产业联盟/MemberAdmission", Render("{{ variables.AllianceName }}/{{ input.Matter }}"));
    }

    [Fact]
    public void Evaluate_Result_IsJsonString()
    {
        var result = _evaluator.Evaluate("{{ Input.Year }}", TestScopes.Create(Variables, Inputs));

        Assert.Equal(System.Text.Json.JsonValueKind.String, result!.GetValueKind());
        Assert.Equal("2025", result.GetValue<string>());
    }

    [Fact]
    public void Evaluate_LoopOverArrayVariable_RendersEachItem()
    {
        var text = Render("{% for m in Variables.Members %}{{ forloop.index }}. {{ m.Name }} ({{ m.Votes }}){% unless forloop.last %}; {% endunless %}{% endfor %}");

        Assert.Equal("1. 甲公司 (3); 2. 乙公司 (2)", text);
    }

    [Fact]
    public void Evaluate_Filters_Apply()
    {
        Assert.Equal("MEMBERADMISSION 2026 2", Render("{{ Input.Matter | upcase }} {{ Input.Year | plus: 1 }} {{ Variables.Members | size }}"));
    }

    [Fact]
    public void Evaluate_DateFilterOnDateWithoutOffset_RendersInUtc()
    {
        Assert.Equal("2025-03-01 08:30 +0000", Render("{{ '2025-03-01T08:30:00' | date: '%Y-%m-%d %H:%M %z' }}"));
    }

    [Fact]
    public void Evaluate_DateFilterOnDateWithOffset_KeepsItsOffset()
    {
        Assert.Equal("2025-03-01 08:30 +0800", Render("{{ Variables.Deadline | date: '%Y-%m-%d %H:%M %z' }}"));
    }

    [Fact]
    public void Evaluate_TimeZoneFilter_ConvertsToChinaStandardTime()
    {
        Assert.Equal("2025-03-01 16:30", Render("{{ '2025-03-01T08:30:00Z' | time_zone: 'Asia/Shanghai' | date: '%Y-%m-%d %H:%M' }}"));
    }

    [Fact]
    public void Evaluate_Now_IsScopeTime()
    {
        Assert.Equal("2025-03-01 08:30:15", Render("{{ 'now' | date: '%Y-%m-%d %H:%M:%S' }}"));
    }

    [Fact]
    public void Evaluate_Numbers_UseInvariantCulture()
    {
        Assert.Equal("0.5 1.5", Render("{{ Variables.Quorum }} {{ Variables.Quorum | plus: 1 }}"));
    }

    [Fact]
    public void Evaluate_HtmlInValues_IsNotEncoded()
    {
        Assert.Equal("<b>R&D</b>", Render("{{ Variables.Html }}"));
    }

    [Fact]
    public void Evaluate_MissingVariable_RendersEmpty()
    {
        Assert.Equal("[]", Render("[{{ Variables.Missing }}]"));
    }

    [Fact]
    public void Evaluate_ParseError_IsExpressionException()
    {
        var ex = Assert.Throws<ExpressionException>(() => Render("{{ Variables.AllianceName "));

        Assert.StartsWith("Liquid syntax error", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{% for i in (1..3) %}{{ i }}{% endfor %}", "123")]
    [InlineData("{% for i in (1..5) reversed limit: 2 %}{{ i }}{% endfor %}", "21")]
    [InlineData("{% assign n = Variables.Members | size %}{% for i in (1..n) %}{{ i }}{% endfor %}", "12")]
    [InlineData("{{ (1..4) | join: ',' }}", "1,2,3,4")]
    public void Evaluate_Ranges_Render(string template, string expected)
    {
        Assert.Equal(expected, Render(template));
    }

    [Fact]
    public void Evaluate_ManySteps_HitsStepLimit()
    {
        var ex = Assert.Throws<ExpressionException>(() => Render("{% for i in (1..1000) %}{% for j in (1..1000) %}x{% endfor %}{% endfor %}"));

        Assert.Contains("limit of 100,000 steps", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{% for i in (1..100000000) %}x{% endfor %}")]
    [InlineData("{% assign a = (1..100000000) %}")]
    [InlineData("{{ (1..100000000) | size }}")]
    public void Evaluate_HugeRange_IsRejectedBeforeItIsBuilt(string template)
    {
        var ex = Assert.Throws<ExpressionException>(() => Render(template));

        Assert.Contains("is longer than the limit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_StringDoubling_HitsTextLimit()
    {
        var ex = Assert.Throws<ExpressionException>(() => Render("{% assign s = 'xxxxxxxxxx' %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}"));

        Assert.Contains("limit of 1,000,000 characters", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_AppendAndPrepend_StillWork()
    {
        Assert.Equal("《长三角新能源产业联盟》", Render("{{ Variables.AllianceName | append: '》' | prepend: '《' }}"));
    }

    [Fact]
    public void Evaluate_HugeOutput_HitsTextLimit()
    {
        var ex = Assert.Throws<ExpressionException>(() => Render("{% assign s = 'x' %}{% for i in (1..19) %}{% assign s = s | append: s %}{% endfor %}{{ s }}{{ s }}"));

        Assert.Contains("output would exceed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_Include_CannotReadFiles()
    {
        string? text = null;
        var thrown = Record.Exception(() => text = Render("{% include '/etc/passwd' %}"));

        if (thrown is not null)
        {
            Assert.IsType<ExpressionException>(thrown);
            Assert.DoesNotContain("root", thrown.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain("root", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(5_000, "{% if true %}", "x", "{% endif %}", "nests blocks")]
    [InlineData(5_000, "{% for i in (1..1) %}", "x", "{% endfor %}", "nests blocks")]
    [InlineData(100_000, "{{ a[", "1", "] }}", "nests brackets")]
    public void Evaluate_DeepNesting_IsRejectedBeforeFluidParses(int depth, string open, string inner, string close, string expected)
    {
        var template = open.StartsWith("{{", StringComparison.Ordinal)
            ? "{{ " + string.Concat(Enumerable.Repeat("a[", depth)) + inner + new string(']', depth) + " }}"
            : string.Concat(Enumerable.Repeat(open, depth)) + inner + string.Concat(Enumerable.Repeat(close, depth));

        var ex = Assert.Throws<ExpressionException>(() => Render(template));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Equal(ex.Message, _evaluator.CheckSyntax(template));
    }

    [Fact]
    public void Evaluate_LongFilterChain_IsRejected()
    {
        var template = "{{ 'a'" + string.Concat(Enumerable.Repeat(" | upcase", 100_000)) + " }}";

        var ex = Assert.Throws<ExpressionException>(() => Render(template));

        Assert.Contains("filters in one tag", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ModerateNestingAndSiblings_Render()
    {
        var nested = string.Concat(Enumerable.Repeat("{% if true %}", 20)) + "x" + string.Concat(Enumerable.Repeat("{% endif %}", 20));
        var siblings = string.Concat(Enumerable.Repeat("{% if true %}y{% endif %}", 1_000));
        var brackets = "{{ '(not [counted' | append: ')' }}";

        Assert.Equal("x" + new string('y', 1_000) + "(not [counted)", Render(nested + siblings + brackets));
    }

    [Fact]
    public void CheckSyntax_ValidTemplate_ReturnsNull()
    {
        Assert.Null(_evaluator.CheckSyntax("{% for m in Variables.Members %}{{ m.Name }}{% endfor %}"));
    }

    [Fact]
    public void CheckSyntax_InvalidTemplate_ReturnsMessage()
    {
        var message = _evaluator.CheckSyntax("{% for m in Variables.Members %}{{ m.Name }}");

        Assert.NotNull(message);
        Assert.StartsWith("Liquid syntax error", message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToModel_ClrBackedValues_AreConverted()
    {
        var node = new JsonObject { ["Int"] = 5, ["Decimal"] = 2.5m, ["Text"] = "文", ["List"] = new JsonArray(1, true, null) };

        var model = Assert.IsType<Dictionary<string, object?>>(LiquidEvaluator.ToModel(node));

        Assert.Equal(5m, model["Int"]);
        Assert.Equal(2.5m, model["Decimal"]);
        Assert.Equal("文", model["Text"]);
        Assert.Equal(new List<object?> { 1m, true, null }, model["List"]);
    }
}
