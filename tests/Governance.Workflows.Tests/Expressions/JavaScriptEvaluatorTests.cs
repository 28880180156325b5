using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Workflows.Definitions;
using Governance.Workflows.Expressions;

namespace Governance.Workflows.Tests.Expressions;

public sealed class JavaScriptEvaluatorTests
{
    // A generous time limit: tests that expect another limit (memory, statements, recursion, stack)
    // must not lose to the clock on a loaded machine. The time limit has its own tests below.
    private readonly JavaScriptEvaluator _evaluator = new(new JavaScriptLimits { Timeout = TimeSpan.FromSeconds(60) });

    [Fact]
    public void Language_IsJavaScript()
    {
        Assert.Equal(ExpressionLanguage.JavaScript, _evaluator.Language);
    }

    [Theory]
    [InlineData(12, 18, true)]
    [InlineData(11, 18, false)]
    public void Evaluate_TwoThirdsMajority_ComparesVariables(int yes, int eligible, bool expected)
    {
        var scope = TestScopes.Create($$"""{ "Yes": {{yes}}, "Eligible": {{eligible}} }""");

        var result = _evaluator.Evaluate("variables.Yes * 3 >= variables.Eligible * 2", scope);

        Assert.Equal(expected, result!.GetValue<bool>());
    }

    [Fact]
    public void Evaluate_IntegralNumber_ReturnsLong()
    {
        var result = _evaluator.Evaluate("variables.A + variables.B * 2", TestScopes.Create("""{ "A": 4, "B": 3 }"""));

        Assert.Equal(JsonValueKind.Number, result!.GetValueKind());
        Assert.Equal(10L, result.GetValue<long>());
    }

    [Fact]
    public void Evaluate_FractionalNumber_ReturnsDouble()
    {
        var result = _evaluator.Evaluate("7 / 2", TestScopes.Create());

        Assert.Equal(3.5, result!.GetValue<double>());
    }

    [Theory]
    [InlineData("0 / 0")]
    [InlineData("1 / 0")]
    [InlineData("undefined")]
    [InlineData("null")]
    [InlineData("(function () {})")]
    [InlineData("Symbol('s')")]
    public void Evaluate_ValueWithoutJson_ReturnsNull(string expression)
    {
        Assert.Null(_evaluator.Evaluate(expression, TestScopes.Create()));
    }

    [Fact]
    public void Evaluate_TimeSpanLiteral_ReturnsString()
    {
        var result = _evaluator.Evaluate("'14.00:00:00'", TestScopes.Create());

        Assert.Equal("14.00:00:00", result!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_ObjectLiteral_ReturnsJsonObject()
    {
        var result = _evaluator.Evaluate("({ a: 1, b: [1, 2.5, { c: '中文' }], d: null, e: undefined, f: true, g: function () {} })", TestScopes.Create());

        var expected = JsonNode.Parse("""{ "a": 1, "b": [1, 2.5, { "c": "中文" }], "d": null, "f": true }""");
        Assert.IsType<JsonObject>(result);
        Assert.True(JsonNode.DeepEquals(expected, result), result!.ToJsonString());
    }

    [Fact]
    public void Evaluate_VariableObject_RoundTrips()
    {
        const string Member = """{ "Name": "长三角新能源产业联盟", "Units": [ { "Id": 1, "Leader": true }, { "Id": 2, "Leader": false } ], "Score": 87.5, "Note": null }""";
        var scope = TestScopes.Create($$"""{ "Member": {{Member}} }""");

        var result = _evaluator.Evaluate("variables.Member", scope);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Member), result), result!.ToJsonString());
    }

    [Fact]
    public void Evaluate_ArrayExpression_ReturnsJsonArray()
    {
        var scope = TestScopes.Create("""{ "Votes": [ "yes", "no", "yes", "abstain" ] }""");

        var result = _evaluator.Evaluate("variables.Votes.filter(v => v === 'yes').map((v, i) => i)", scope);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("[0, 1]"), result), result!.ToJsonString());
    }

    [Fact]
    public void Evaluate_ChineseText_IsKept()
    {
        var scope = TestScopes.Create("""{ "AllianceName": "长三角新能源产业联盟" }""");

        var result = _evaluator.Evaluate("'关于' + variables.AllianceName + '的决议'", scope);

        Assert.Equal("关于长三角新能源产业联盟的决议", result!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_ClrBackedJsonValues_AreConverted()
    {
        var variables = new Dictionary<string, JsonNode?>
        {
            ["Int"] = JsonValue.Create(5),
            ["Decimal"] = JsonValue.Create(2.5m),
            ["Text"] = JsonValue.Create("文"),
            ["Flag"] = JsonValue.Create(true),
            ["Date"] = JsonValue.Create(new DateTime(2025, 1, 2, 0, 0, 0, DateTimeKind.Utc)),
        };

        var result = _evaluator.Evaluate("[variables.Int * 2, variables.Decimal * 2, variables.Text, !variables.Flag, variables.Date]", TestScopes.Create(variables));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[10, 5, "文", false, "2025-01-02T00:00:00Z"]"""), result), result!.ToJsonString());
    }

    [Fact]
    public void Evaluate_GetVariable_ReturnsVariable()
    {
        var scope = TestScopes.Create("""{ "Decision": "Approved" }""");

        Assert.Equal("Approved", _evaluator.Evaluate("getVariable('Decision')", scope)!.GetValue<string>());
        Assert.Null(_evaluator.Evaluate("getVariable('Missing')", scope));
    }

    [Fact]
    public void Evaluate_Input_ReadsInstanceInputs()
    {
        var scope = TestScopes.Create(inputsJson: """{ "Year": 2025, "AllianceId": "5f0c" }""");

        var result = _evaluator.Evaluate("input.Year + 1 + ':' + getInput('AllianceId')", scope);

        Assert.Equal("2026:5f0c", result!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_Now_IsScopeTimeInIsoUtc()
    {
        var result = _evaluator.Evaluate("[now, new Date().toISOString(), Date.now()]", TestScopes.Create());

        var expected = new JsonArray("2025-03-01T08:30:15.000Z", "2025-03-01T08:30:15.000Z", TestScopes.Now.ToUnixTimeMilliseconds());
        Assert.True(JsonNode.DeepEquals(expected, result), result!.ToJsonString());
    }

    [Fact]
    public void Evaluate_DateResult_ReturnsIsoString()
    {
        var result = _evaluator.Evaluate("new Date(Date.UTC(2025, 0, 31, 12))", TestScopes.Create());

        Assert.Equal("2025-01-31T12:00:00.000Z", result!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_MultipleStatements_ReturnsLastValue()
    {
        var scope = TestScopes.Create("""{ "Yes": 7, "No": 3 }""");

        var result = _evaluator.Evaluate("const total = variables.Yes + variables.No;\nlet share = variables.Yes / total;\nshare > 0.5 ? 'Approved' : 'Rejected';", scope);

        Assert.Equal("Approved", result!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_ScriptChangesVariables_ScopeIsUntouched()
    {
        var scope = TestScopes.Create("""{ "Count": 1 }""");

        _evaluator.Evaluate("variables.Count = 99; variables.Count", scope);

        Assert.Equal(1, scope.Variables["Count"]!.GetValue<int>());
    }

    [Fact]
    public void Evaluate_SyntaxError_MessageNamesLine()
    {
        var ex = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("var x = 1;\n\nx +* 2", TestScopes.Create()));

        Assert.StartsWith("SyntaxError at line 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_RuntimeError_MessageNamesErrorAndLine()
    {
        var ex = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("let x = 1;\nx.foo.bar", TestScopes.Create()));

        Assert.Contains("TypeError at line 2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("reading 'bar'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ThrownError_IsExpressionException()
    {
        var ex = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("throw new RangeError('quorum missing')", TestScopes.Create()));

        Assert.Contains("RangeError", ex.Message, StringComparison.Ordinal);
        Assert.Contains("quorum missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_UndeclaredAssignment_FailsInStrictMode()
    {
        Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("leaked = 1", TestScopes.Create()));
    }

    [Fact]
    public void CheckSyntax_ValidScript_ReturnsNull()
    {
        Assert.Null(_evaluator.CheckSyntax("variables.Yes * 3 >= variables.Eligible * 2"));
    }

    [Fact]
    public void CheckSyntax_InvalidScript_ReturnsMessageWithLine()
    {
        var message = _evaluator.CheckSyntax("1 +\n (");

        Assert.NotNull(message);
        Assert.Contains("line 2", message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckSyntax_InfiniteLoop_DoesNotRun()
    {
        Assert.Null(_evaluator.CheckSyntax("while (true) {}"));
    }

    [Fact]
    public void Evaluate_InfiniteLoop_HitsStatementLimit()
    {
        var stopwatch = Stopwatch.StartNew();

        var ex = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("while (true) {}", TestScopes.Create()));

        Assert.Contains("statements", ex.Message, StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public void Evaluate_InfiniteLoopWithoutStatementLimit_TimesOut()
    {
        var evaluator = new JavaScriptEvaluator(new JavaScriptLimits { Timeout = TimeSpan.FromMilliseconds(200), MaxStatements = int.MaxValue });
        var stopwatch = Stopwatch.StartNew();

        var ex = Assert.Throws<ExpressionException>(() => evaluator.Evaluate("while (true) {}", TestScopes.Create()));

        Assert.Equal("JavaScript timed out after 200 ms.", ex.Message);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public void Evaluate_AllocatingLoop_HitsMemoryLimitBeforeTimeout()
    {
        // Jint counts every allocation of the evaluating thread, so even boxed numbers add up.
        var evaluator = new JavaScriptEvaluator(new JavaScriptLimits { MaxStatements = int.MaxValue, Timeout = TimeSpan.FromSeconds(60) });

        var ex = Assert.Throws<ExpressionException>(() => evaluator.Evaluate("let i = 0.5; while (true) { i++; }", TestScopes.Create()));

        Assert.Contains("memory limit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_CatastrophicRegex_TimesOut()
    {
        var evaluator = new JavaScriptEvaluator(new JavaScriptLimits { Timeout = TimeSpan.FromMilliseconds(200) });

        var ex = Assert.Throws<ExpressionException>(() => evaluator.Evaluate("/(a+)+$/.test('a'.repeat(40) + '!')", TestScopes.Create()));

        Assert.Contains("timed out", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_InfiniteRecursion_HitsRecursionLimit()
    {
        var ex = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("function f() { return f(); } f()", TestScopes.Create()));

        Assert.Contains("recursion limit of 64", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ShallowRecursion_IsAllowed()
    {
        var result = _evaluator.Evaluate("function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); } fib(15)", TestScopes.Create());

        Assert.Equal(610L, result!.GetValue<long>());
    }

    [Fact]
    public void Evaluate_MemoryBomb_HitsMemoryLimit()
    {
        var ex = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("var a = []; while (true) a.push('x'.repeat(100000))", TestScopes.Create()));

        Assert.Contains("memory limit", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("JSON.stringify(a).length")]
    [InlineData("String(a).length")]
    [InlineData("a.flat(Infinity).length")]
    public void Evaluate_DeepNativeRecursion_IsExpressionExceptionNotStackOverflow(string tail)
    {
        // A generous time limit, so that on a loaded machine the stack guard, not the clock, stops it.
        var evaluator = new JavaScriptEvaluator(new JavaScriptLimits { Timeout = TimeSpan.FromSeconds(60) });

        var ex = Assert.Throws<ExpressionException>(() => evaluator.Evaluate($"let a = []; for (let i = 0; i < 100000; i++) a = [a]; {tail}", TestScopes.Create()));

        Assert.True(
            ex.Message.Contains("call stack", StringComparison.Ordinal) || ex.Message.Contains("recursion limit", StringComparison.Ordinal),
            ex.Message);
    }

    [Theory]
    [InlineData("const o = { get x() { return this.x; } }; o.x")]
    [InlineData("const o = { toString() { return '' + this; } }; '' + o")]
    [InlineData("const p = new Proxy({}, { get(t, k, r) { return r[k]; } }); p.x")]
    public void Evaluate_RecursionThroughAccessorsAndCoercion_IsExpressionException(string expression)
    {
        Assert.Throws<ExpressionException>(() => _evaluator.Evaluate(expression, TestScopes.Create()));
    }

    [Fact]
    public void Evaluate_DeeplyNestedSource_IsSyntaxErrorNotStackOverflow()
    {
        var ex = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate(new string('(', 100_000) + "1" + new string(')', 100_000), TestScopes.Create()));

        Assert.StartsWith("SyntaxError", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_HugeArray_HitsArrayLimit()
    {
        Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("new Array(1e9).fill(0)", TestScopes.Create()));
    }

    [Fact]
    public void Evaluate_CyclicResult_IsExpressionException()
    {
        var ex = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("const o = {}; o.self = o; o", TestScopes.Create()));

        Assert.Contains("cyclic", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("System")]
    [InlineData("System.IO.Directory.GetFiles('/')")]
    [InlineData("importNamespace('System.IO')")]
    [InlineData("importNamespace('System.IO').Directory.GetFiles('/')")]
    [InlineData("this.constructor.constructor('return process')()")]
    [InlineData("getVariable.constructor('return this')()")]
    [InlineData("eval('1 + 1')")]
    [InlineData("new Function('return 1')()")]
    [InlineData("typeof require")]
    [InlineData("typeof process")]
    [InlineData("typeof clr")]
    [InlineData("typeof host")]
    [InlineData("getVariable.GetType")]
    [InlineData("variables.GetType")]
    [InlineData("['System', 'importNamespace', 'clr', 'host', 'require', 'process', 'Packages'].filter(n => n in globalThis)")]
    public void Evaluate_ClrAccessAttempt_ReachesNoDotNet(string expression)
    {
        JsonNode? result = null;
        var thrown = Record.Exception(() => result = _evaluator.Evaluate(expression, TestScopes.Create()));

        if (thrown is not null)
        {
            Assert.IsType<ExpressionException>(thrown);
            return;
        }

        var text = result?.ToJsonString() ?? "null";
        Assert.True(
            text is "null" or "\"undefined\"" or "[]",
            $"'{expression}' returned {text}");
    }

    [Fact]
    public async Task Evaluate_ParallelCallsWithDifferentScopes_EachGetsItsOwnResult()
    {
        const string Expression = "variables.Yes * 3 >= variables.Eligible * 2 ? variables.Yes + input.Offset : -1";

        var tasks = Enumerable.Range(0, 8).Select(task => Task.Run(() =>
        {
            var failures = new List<string>();
            for (var i = 0; i < 500; i++)
            {
                var yes = (task * 1000) + i;
                var scope = TestScopes.Create($$"""{ "Yes": {{yes}}, "Eligible": {{yes}} }""", $$"""{ "Offset": {{task}} }""");
                var result = _evaluator.Evaluate(Expression, scope)!.GetValue<long>();
                if (result != yes + task)
                {
                    failures.Add($"task {task}, call {i}: {result}");
                }
            }

            return failures;
        })).ToArray();

        var failures = await Task.WhenAll(tasks);
        Assert.Empty(failures.SelectMany(f => f));
    }

    [Fact]
    public void Evaluate_ManyDistinctExpressions_CacheStaysBounded()
    {
        var evaluator = new JavaScriptEvaluator();
        var scope = TestScopes.Create();

        for (var i = 0; i < 1_100; i++)
        {
            Assert.Equal(i, evaluator.Evaluate($"{i}", scope)!.GetValue<long>());
        }

        Assert.InRange(evaluator.CachedScriptCount, 1, 1_000);
    }
}
