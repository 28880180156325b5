using System.Text.Json.Nodes;
using Governance.Workflows.Tests.Builders;
using Governance.Workflows.Validation;
using static Governance.Workflows.Tests.Validation.ValidationAssert;

namespace Governance.Workflows.Tests.Validation;

public sealed class WorkflowValidatorTests
{
    [Fact]
    public void Validate_RichSampleDefinition_HasNoErrors()
    {
        var errors = Validator.Validate(SampleDefinitions.MemberAdmission, out var definition);

        Valid(errors);
        Assert.Equal("member-admission", definition!.DefinitionId);
    }

    [Fact]
    public void Validate_StartToFinish_HasNoErrors()
    {
        Valid(Validate(FlowBuilder.Create().Start().Finish().Chain("start", "end")));
    }

    [Fact]
    public void Validate_CycleThatContainsADelay_HasNoErrors()
    {
        var flow = FlowBuilder.Create()
            .Variable("Count", "Int32", 0)
            .Start()
            .SetVariable("increment", "Count", Expr.JavaScript("variables.Count + 1"))
            .Decision("check", "variables.Count < 3")
            .Delay("pause", "1.00:00:00")
            .Finish()
            .Chain("start", "increment", "check")
            .Connect("check", "True", "pause")
            .Connect("pause", "increment")
            .Connect("check", "False", "end");

        Valid(Validate(flow));
    }

    [Fact]
    public void Validate_CycleThatContainsAnEvent_HasNoErrors()
    {
        var flow = FlowBuilder.Create()
            .Start()
            .Event("revise", "Revised")
            .Decision("accepted", "false")
            .Finish()
            .Chain("start", "revise", "accepted")
            .Connect("accepted", "False", "revise")
            .Connect("accepted", "True", "end");

        Valid(Validate(flow));
    }

    [Fact]
    public void Validate_ConnectionsFromSwitchCaseLabelsAndDefault_HaveNoErrors()
    {
        var flow = FlowBuilder.Create()
            .Input("Amount", "Decimal")
            .Start()
            .Switch("size", "MatchAny", Expr.Case("Large", "input.Amount > 1000"), Expr.Case("Small", "input.Amount <= 1000"))
            .Finish("large").Finish("small").Finish("other")
            .Connect("start", "size")
            .Connect("size", "Large", "large")
            .Connect("size", "Small", "small")
            .Connect("size", "Default", "other");

        Valid(Validate(flow));
    }

    [Fact]
    public void Validate_ConnectionsFromForkBranchNames_HaveNoErrors()
    {
        var flow = FlowBuilder.Create()
            .Start()
            .Fork("fork", "Secretariat", "Chair")
            .Event("secretariat", "SecretariatSigned")
            .Event("chair", "ChairSigned")
            .Join("join")
            .Finish()
            .Connect("start", "fork")
            .Connect("fork", "Secretariat", "secretariat")
            .Connect("fork", "Chair", "chair")
            .Chain("secretariat", "join", "end")
            .Connect("chair", "join");

        Valid(Validate(flow));
    }

    [Fact]
    public void Validate_ForkBranchesAsCommaSeparatedText_AreItsPorts()
    {
        var flow = FlowBuilder.Create()
            .Start()
            .Activity("fork", "Elsa.FlowFork", new JsonObject { ["branches"] = "Left, Right" })
            .Finish("left").Finish("right")
            .Connect("start", "fork")
            .Connect("fork", "Left", "left")
            .Connect("fork", "Right", "right");

        Valid(Validate(flow));
    }

    [Fact]
    public void Validate_ConnectionFromForkPortThatIsNotABranch_ReportsUnknownPort()
    {
        var flow = FlowBuilder.Create()
            .Start()
            .Fork("fork", "Left")
            .Finish()
            .Connect("start", "fork")
            .Connect("fork", "Right", "end");

        Errors(Validate(flow), (WorkflowErrorCodes.UnknownPort, "$.root.connections[1].source.port"));
    }

    [Fact]
    public void Validate_DefinitionWithFiveDifferentProblems_ReportsAllOfThemAtOnce()
    {
        var flow = FlowBuilder.Create("Bad Id")
            .Variable("Count", "Int32", 0)
            .Variable("Count", "Int32", 0)
            .Start()
            .Activity("mystery", "Governance.Nope")
            .Decision("decide", "(")
            .Finish()
            .Finish("orphan")
            .Chain("start", "mystery", "decide")
            .Connect("decide", "True", "end")
            .Connect("decide", "False", "ghost");

        Errors(
            Validate(flow),
            (WorkflowErrorCodes.InvalidDefinitionId, "$.definitionId"),
            (WorkflowErrorCodes.DuplicateVariable, "$.variables[1].name"),
            (WorkflowErrorCodes.UnknownActivityType, "$.root.activities[1].type"),
            (WorkflowErrorCodes.ExpressionSyntax, "$.root.activities[2].condition.expression.value"),
            (WorkflowErrorCodes.ConnectionTargetMissing, "$.root.connections[3].target.activity"),
            (WorkflowErrorCodes.UnreachableActivity, "$.root.activities[4]"));
    }

    [Fact]
    public void Validate_ShapeErrorsAndRuleErrors_AreReportedTogether()
    {
        var json = FlowBuilder.Create().Start().Activity("x", "Governance.Nope").Connect("start", "x").Build();
        json["isPublished"] = "yes";

        Errors(
            Validate(json.ToJsonString()),
            (WorkflowErrorCodes.InvalidProperty, "$.isPublished"),
            (WorkflowErrorCodes.UnknownActivityType, "$.root.activities[1].type"));
    }

    [Fact]
    public void Validate_ElsaVariableReferenceObjectInSetVariable_IsAccepted()
    {
        var flow = FlowBuilder.Create()
            .Variable("Decision", "String", string.Empty)
            .Start()
            .Activity("set", "Elsa.SetVariable", new JsonObject
            {
                ["variable"] = new JsonObject { ["id"] = "var-Decision", ["name"] = "Decision" },
                ["value"] = Expr.Literal("Admitted", "String"),
            })
            .Connect("start", "set");

        Valid(Validate(flow));
    }

    [Fact]
    public void Validate_EmptyLiteralForNonStringVariable_MeansNoValue()
    {
        var flow = FlowBuilder.Create().Variable("Deadline", "DateTime", string.Empty).Start();

        Valid(Validate(flow));
    }

    [Fact]
    public void Validate_FinishOutcomeWhenNoOutcomesDeclared_IsAccepted()
    {
        Valid(Validate(FlowBuilder.Create().Start().Finish("end", "Whatever").Chain("start", "end")));
    }

    [Fact]
    public void WorkflowErrorCodes_All_AreDistinctLowerCaseWorkflowCodes()
    {
        var codes = typeof(WorkflowErrorCodes).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.All(codes, code => Assert.Matches("^workflow\\.[a-z-]+$", code));
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Fact]
    public void Validate_DefinitionObject_GivesSameErrorsAsItsText()
    {
        var flow = FlowBuilder.Create().Start().Finish("orphan");
        var definition = flow.ToDefinition();

        Assert.Equal(Validate(flow).Select(e => e.ToString()), Validator.Validate(definition).Select(e => e.ToString()));
    }
}
