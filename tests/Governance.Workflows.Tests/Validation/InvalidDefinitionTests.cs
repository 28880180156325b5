using System.Text.Json.Nodes;
using Governance.Workflows.Tests.Builders;
using Governance.Workflows.Validation;
using static Governance.Workflows.Tests.Validation.ValidationAssert;

namespace Governance.Workflows.Tests.Validation;

/// <summary>One invalid definition per kind of error: each yields exactly the expected code at the expected JSON path.</summary>
public sealed class InvalidDefinitionTests
{
    private static FlowBuilder StartTo(string id) => FlowBuilder.Create().Start().Connect("start", id);

    [Fact]
    public void Validate_MalformedJson_ReportsMalformedJsonWithPosition()
    {
        var errors = Validator.Validate("""{ "definitionId": "a", "root": { "type": "Elsa.Flowchart" """, out var definition);

        Errors(errors, (WorkflowErrorCodes.MalformedJson, "$"));
        Assert.Contains("line 1, position", errors[0].Message, StringComparison.Ordinal);
        Assert.Null(definition);
    }

    [Fact]
    public void Validate_UnknownActivityType_ReportsUnknownActivityTypeAtType()
    {
        var flow = StartTo("check").Activity("check", "Governance.Nope");

        Errors(Validate(flow), (WorkflowErrorCodes.UnknownActivityType, "$.root.activities[1].type"));
    }

    [Fact]
    public void Validate_UnsupportedElsaType_ReportsUnsupportedElsaTypeWithItsName()
    {
        var flow = StartTo("http").Activity("http", "Elsa.HttpEndpoint");

        var errors = Validate(flow);

        Errors(errors, (WorkflowErrorCodes.UnsupportedElsaType, "$.root.activities[1].type"));
        Assert.Contains("Elsa.HttpEndpoint", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DuplicateActivityId_ReportsTheSecondOccurrence()
    {
        var flow = StartTo("end").Finish("end").Finish("end");

        Errors(Validate(flow), (WorkflowErrorCodes.DuplicateActivityId, "$.root.activities[2].id"));
    }

    [Fact]
    public void Validate_ConnectionFromMissingActivity_ReportsSourceMissing()
    {
        var flow = StartTo("end").Finish().Connect("ghost", "end");

        Errors(Validate(flow), (WorkflowErrorCodes.ConnectionSourceMissing, "$.root.connections[1].source.activity"));
    }

    [Fact]
    public void Validate_ConnectionToMissingActivity_ReportsTargetMissing()
    {
        var flow = StartTo("end").Finish().Connect("start", "ghost");

        Errors(Validate(flow), (WorkflowErrorCodes.ConnectionTargetMissing, "$.root.connections[1].target.activity"));
    }

    [Fact]
    public void Validate_UnknownSourcePort_ReportsUnknownPortListingTheRealPorts()
    {
        var flow = StartTo("decide").Decision("decide", "true").Finish().Connect("decide", "Maybe", "end");

        var errors = Validate(flow);

        Errors(errors, (WorkflowErrorCodes.UnknownPort, "$.root.connections[1].source.port"));
        Assert.Contains("True, False", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TargetPortOtherThanIn_ReportsUnknownPort()
    {
        var flow = FlowBuilder.Create().Start().Finish().Connect("start", "Done", "end", "Out");

        Errors(Validate(flow), (WorkflowErrorCodes.UnknownPort, "$.root.connections[0].target.port"));
    }

    [Fact]
    public void Validate_NoStart_ReportsNoStartAtActivities()
    {
        var flow = FlowBuilder.Create().Finish();

        Errors(Validate(flow), (WorkflowErrorCodes.NoStart, "$.root.activities"));
    }

    [Fact]
    public void Validate_TwoStarts_ReportsTheSecondStart()
    {
        var flow = StartTo("end").Start("again").Finish().Connect("again", "end");

        // The second start is also unreachable from the first: nothing leads into a start.
        Errors(
            Validate(flow),
            (WorkflowErrorCodes.MultipleStarts, "$.root.activities[1]"),
            (WorkflowErrorCodes.UnreachableActivity, "$.root.activities[1]"));
    }

    [Fact]
    public void Validate_UnreachableActivity_ReportsIt()
    {
        var flow = StartTo("end").Finish().Finish("orphan");

        Errors(Validate(flow), (WorkflowErrorCodes.UnreachableActivity, "$.root.activities[2]"));
    }

    [Fact]
    public void Validate_DecisionWithoutCondition_ReportsMissingInput()
    {
        var flow = StartTo("decide").Decision("decide", (JsonObject?)null).Finish().Connect("decide", "True", "end");

        Errors(Validate(flow), (WorkflowErrorCodes.MissingInput, "$.root.activities[1].condition"));
    }

    [Fact]
    public void Validate_DelayWithoutTimeSpan_ReportsMissingInput()
    {
        var flow = StartTo("wait").Delay("wait", (JsonObject?)null);

        Errors(Validate(flow), (WorkflowErrorCodes.MissingInput, "$.root.activities[1].timeSpan"));
    }

    [Fact]
    public void Validate_MisspelledInput_ReportsUnknownInput()
    {
        var flow = StartTo("decide").Activity("decide", "Elsa.FlowDecision", new JsonObject
        {
            ["condition"] = Expr.JavaScript("true", "Boolean"),
            ["condtion"] = Expr.JavaScript("false", "Boolean"),
        });

        Errors(Validate(flow), (WorkflowErrorCodes.UnknownInput, "$.root.activities[1].condtion"));
    }

    [Fact]
    public void Validate_InputNotInExpressionForm_ReportsInvalidProperty()
    {
        var flow = StartTo("decide").Activity("decide", "Elsa.FlowDecision", new JsonObject { ["condition"] = true });

        Errors(Validate(flow), (WorkflowErrorCodes.InvalidProperty, "$.root.activities[1].condition"));
    }

    [Fact]
    public void Validate_UnknownExpressionType_ReportsInvalidExpressionTypeAtType()
    {
        var flow = StartTo("decide").Decision("decide", Expr.Input("Boolean", "Python", "True"));

        Errors(Validate(flow), (WorkflowErrorCodes.InvalidExpressionType, "$.root.activities[1].condition.expression.type"));
    }

    [Fact]
    public void Validate_JavaScriptSyntaxError_ReportsExpressionSyntaxAtValue()
    {
        var flow = StartTo("decide").Decision("decide", "(1 + ");

        var errors = Validate(flow);

        Errors(errors, (WorkflowErrorCodes.ExpressionSyntax, "$.root.activities[1].condition.expression.value"));
        Assert.Contains("SyntaxError", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LiquidSyntaxError_ReportsExpressionSyntaxAtValue()
    {
        var flow = StartTo("mail").SendEmail(
            "mail", Expr.Literal("chair@alliance.example", "String"), Expr.Liquid("Decision: {{ 'x' | "), Expr.Literal("Body", "String"));

        var errors = Validate(flow);

        Errors(errors, (WorkflowErrorCodes.ExpressionSyntax, "$.root.activities[1].subject.expression.value"));
        Assert.Contains("Liquid", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_VariableExpressionOfUndeclaredVariable_ReportsUnknownVariable()
    {
        var flow = StartTo("decide").Decision("decide", Expr.Variable("Approved", "Boolean"));

        Errors(Validate(flow), (WorkflowErrorCodes.UnknownVariable, "$.root.activities[1].condition.expression.value"));
    }

    [Fact]
    public void Validate_JavaScriptUsingUndeclaredVariable_ReportsUnknownVariableNamingIt()
    {
        var flow = StartTo("decide").Variable("Count", "Int32", 0).Decision("decide", "variables.Count > 1 && variables.Missing");

        var errors = Validate(flow);

        Errors(errors, (WorkflowErrorCodes.UnknownVariable, "$.root.activities[1].condition.expression.value"));
        Assert.Contains("'Missing'", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_JavaScriptGetVariableOfUndeclaredVariable_ReportsUnknownVariable()
    {
        var flow = StartTo("decide").Decision("decide", "getVariable('Missing') === 1");

        Errors(Validate(flow), (WorkflowErrorCodes.UnknownVariable, "$.root.activities[1].condition.expression.value"));
    }

    [Fact]
    public void Validate_LiquidUsingUndeclaredVariable_ReportsUnknownVariable()
    {
        var flow = StartTo("mail").SendEmail(
            "mail", Expr.Literal("chair@alliance.example", "String"), Expr.Literal("Subject", "String"), Expr.Liquid("Dear {{ Variables.Chair }}"));

        Errors(Validate(flow), (WorkflowErrorCodes.UnknownVariable, "$.root.activities[1].body.expression.value"));
    }

    [Fact]
    public void Validate_SetVariableOfUndeclaredVariable_ReportsUnknownVariableAtVariable()
    {
        var flow = StartTo("set").SetVariable("set", "Nope", Expr.Literal(1));

        Errors(Validate(flow), (WorkflowErrorCodes.UnknownVariable, "$.root.activities[1].variable"));
    }

    [Fact]
    public void Validate_EventResultVariableUndeclared_ReportsUnknownVariableAtResultVariable()
    {
        var flow = StartTo("wait").Event("wait", "Signed", resultVariable: "Signature");

        Errors(Validate(flow), (WorkflowErrorCodes.UnknownVariable, "$.root.activities[1].resultVariable"));
    }

    [Fact]
    public void Validate_DuplicateVariable_ReportsTheSecondDeclaration()
    {
        var flow = FlowBuilder.Create().Start().Variable("Count", "Int32", 0).Variable("Count", "Int32", 1);

        Errors(Validate(flow), (WorkflowErrorCodes.DuplicateVariable, "$.variables[1].name"));
    }

    [Fact]
    public void Validate_VariableOfUnknownType_ReportsUnknownTypeName()
    {
        var flow = FlowBuilder.Create().Start().Variable("Count", "Integer", 0);

        Errors(Validate(flow), (WorkflowErrorCodes.UnknownTypeName, "$.variables[0].typeName"));
    }

    [Fact]
    public void Validate_InputOfUnknownType_ReportsUnknownTypeName()
    {
        var flow = FlowBuilder.Create().Start().Input("Year", "Number");

        Errors(Validate(flow), (WorkflowErrorCodes.UnknownTypeName, "$.inputs[0].type"));
    }

    [Fact]
    public void Validate_InputDeclaredTwice_ReportsInvalidProperty()
    {
        var flow = FlowBuilder.Create().Start().Input("Year", "Int32").Input("Year", "Int32");

        Errors(Validate(flow), (WorkflowErrorCodes.InvalidProperty, "$.inputs[1].name"));
    }

    [Fact]
    public void Validate_VariableDefaultNotOfItsType_ReportsInvalidValue()
    {
        var flow = FlowBuilder.Create().Start().Variable("Count", "Int32", "abc");

        Errors(Validate(flow), (WorkflowErrorCodes.InvalidValue, "$.variables[0].value"));
    }

    [Fact]
    public void Validate_LiteralNotOfTheInputsType_ReportsInvalidValue()
    {
        var flow = StartTo("wait").Delay("wait", "soon");

        var errors = Validate(flow);

        Errors(errors, (WorkflowErrorCodes.InvalidValue, "$.root.activities[1].timeSpan.expression.value"));
        Assert.Contains("'soon'", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CycleWithoutWaitingActivity_ReportsCycleWithoutWait()
    {
        var flow = StartTo("increment")
            .Variable("Count", "Int32", 0)
            .SetVariable("increment", "Count", Expr.JavaScript("variables.Count + 1"))
            .Decision("check", "variables.Count < 3")
            .Finish()
            .Connect("increment", "check")
            .Connect("check", "True", "increment")
            .Connect("check", "False", "end");

        // The loop is reported at its member with the smallest id: "check".
        Errors(Validate(flow), (WorkflowErrorCodes.CycleWithoutWait, "$.root.activities[2]"));
    }

    [Fact]
    public void Validate_ActivityConnectedToItself_ReportsCycleWithoutWait()
    {
        var flow = StartTo("again").Decision("again", "true").Connect("again", "True", "again");

        Errors(Validate(flow), (WorkflowErrorCodes.CycleWithoutWait, "$.root.activities[1]"));
    }

    [Fact]
    public void Validate_RootNotAFlowchart_ReportsInvalidRootType()
    {
        var flow = FlowBuilder.Create().RootType("Elsa.Sequence").Start();

        Errors(Validate(flow), (WorkflowErrorCodes.InvalidRootType, "$.root.type"));
    }

    [Fact]
    public void Validate_DefinitionIdWithSpaceAndCapitals_ReportsInvalidDefinitionId()
    {
        var flow = FlowBuilder.Create("Member Admission").Start();

        Errors(Validate(flow), (WorkflowErrorCodes.InvalidDefinitionId, "$.definitionId"));
    }

    [Fact]
    public void Validate_VersionZero_ReportsInvalidProperty()
    {
        var flow = FlowBuilder.Create().Version(0).Start();

        Errors(Validate(flow), (WorkflowErrorCodes.InvalidProperty, "$.version"));
    }

    [Fact]
    public void Validate_JoinModeSometimes_ReportsInvalidValueAtMode()
    {
        var flow = StartTo("join").Join("join", "Sometimes");

        Errors(Validate(flow), (WorkflowErrorCodes.InvalidValue, "$.root.activities[1].mode"));
    }

    [Fact]
    public void Validate_ForkWithoutBranches_ReportsInvalidValueAtBranches()
    {
        var flow = StartTo("fork").Fork("fork");

        Errors(Validate(flow), (WorkflowErrorCodes.InvalidValue, "$.root.activities[1].branches"));
    }

    [Fact]
    public void Validate_SwitchCaseWithoutLabel_ReportsInvalidValueAtCase()
    {
        var unlabelled = new JsonObject { ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "true" } };
        var flow = StartTo("switch").Switch("switch", null, Expr.Case("High", "true"), unlabelled);

        Errors(Validate(flow), (WorkflowErrorCodes.InvalidValue, "$.root.activities[1].cases[1]"));
    }

    [Fact]
    public void Validate_SwitchCaseLabelUsedTwice_ReportsInvalidValueAtLabel()
    {
        var flow = StartTo("switch").Switch("switch", null, Expr.Case("High", "true"), Expr.Case("High", "false"));

        Errors(Validate(flow), (WorkflowErrorCodes.InvalidValue, "$.root.activities[1].cases[1].label"));
    }

    [Fact]
    public void Validate_SwitchCaseLabelledDefault_ReportsInvalidValueAtLabel()
    {
        var flow = StartTo("switch").Switch("switch", null, Expr.Case("Default", "true"));

        Errors(Validate(flow), (WorkflowErrorCodes.InvalidValue, "$.root.activities[1].cases[0].label"));
    }

    [Fact]
    public void Validate_SwitchCaseWithoutCondition_ReportsMissingInputAtCondition()
    {
        var flow = StartTo("switch").Switch("switch", null, new JsonObject { ["label"] = "High" });

        Errors(Validate(flow), (WorkflowErrorCodes.MissingInput, "$.root.activities[1].cases[0].condition"));
    }

    [Fact]
    public void Validate_SwitchCaseConditionSyntaxError_ReportsExpressionSyntaxAtTheConditionsValue()
    {
        // A case's condition is written { "type", "value" } (no typeName/expression wrapper), so its value is at condition.value.
        var flow = StartTo("switch").Switch("switch", null, Expr.Case("High", "variables. >"));

        Errors(Validate(flow), (WorkflowErrorCodes.ExpressionSyntax, "$.root.activities[1].cases[0].condition.value"));
    }

    [Fact]
    public void Validate_SwitchCaseConditionOfUnknownType_ReportsInvalidExpressionTypeAtTheConditionsType()
    {
        var python = new JsonObject { ["label"] = "High", ["condition"] = new JsonObject { ["type"] = "Python", ["value"] = "True" } };
        var flow = StartTo("switch").Switch("switch", null, python);

        Errors(Validate(flow), (WorkflowErrorCodes.InvalidExpressionType, "$.root.activities[1].cases[0].condition.type"));
    }

    [Fact]
    public void Validate_SwitchCasesNotAnArray_ReportsInvalidValue()
    {
        var flow = StartTo("switch").Activity("switch", "Elsa.FlowSwitch", new JsonObject { ["cases"] = "High" });

        Errors(Validate(flow), (WorkflowErrorCodes.InvalidValue, "$.root.activities[1].cases"));
    }

    [Fact]
    public void Validate_FinishOutcomeNotDeclared_ReportsInvalidValueAtOutcome()
    {
        var flow = StartTo("end").Outcomes("Admitted").Finish("end", "Rejected");

        var errors = Validate(flow);

        Errors(errors, (WorkflowErrorCodes.InvalidValue, "$.root.activities[1].outcome.expression.value"));
        Assert.Contains("Admitted", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckPublishVersion_SameVersionAsPublished_IsVersionNotIncreasing()
    {
        var error = WorkflowValidator.CheckPublishVersion(3, 3);

        Assert.NotNull(error);
        Assert.Equal((WorkflowErrorCodes.VersionNotIncreasing, "$.version"), (error.Code, error.Path));
    }

    [Fact]
    public void CheckPublishVersion_LowerThanPublished_IsVersionNotIncreasing()
    {
        Assert.Equal(WorkflowErrorCodes.VersionNotIncreasing, WorkflowValidator.CheckPublishVersion(2, 3)?.Code);
    }

    [Theory]
    [InlineData(4, 3)]
    [InlineData(1, null)]
    public void CheckPublishVersion_AboveLatestOrFirstPublish_IsNull(int version, int? latest)
    {
        Assert.Null(WorkflowValidator.CheckPublishVersion(version, latest));
    }
}
