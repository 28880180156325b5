using System.Text.Json.Nodes;
using Governance.Workflows.Runtime;
using Governance.Workflows.Tests.Builders;

namespace Governance.Workflows.Tests.Runtime;

public sealed class WorkflowExecutorStartTests
{
    private readonly ExecutorHarness _harness = new();

    [Fact]
    public async Task StartAsync_StartToFinish_Finishes()
    {
        var definition = FlowBuilder.Create().Start().Finish().Chain("start", "end").ToDefinition();

        var result = await _harness.StartAsync(definition);

        Assert.Equal(WorkflowStatus.Finished, result.State.Status);
        Assert.Empty(result.State.Bookmarks);
        Assert.Empty(result.Incidents);
        Assert.Equal(JournalEvents.Finished, result.Journal[^1].Event);
    }

    [Fact]
    public async Task StartAsync_FinishWithOutcome_SetsOutcome()
    {
        var definition = FlowBuilder.Create().Outcomes("Admitted").Start().Finish("end", "Admitted").Chain("start", "end").ToDefinition();

        var result = await _harness.StartAsync(definition);

        Assert.Equal("Admitted", result.State.Outcome);
        Assert.Equal(("Finished", "Admitted"), (result.Journal[^1].Event, result.Journal[^1].Outcome));
        Assert.Single(result.Journal, r => r.Event == JournalEvents.Finished);
    }

    [Fact]
    public async Task StartAsync_LastActivityIsNotFinish_FinishesWhenNoTokenIsLeft()
    {
        var definition = FlowBuilder.Create()
            .Variable("Decision", "String", string.Empty)
            .Start()
            .SetVariable("set", "Decision", Expr.Literal("Admitted"))
            .Chain("start", "set")
            .ToDefinition();

        var result = await _harness.StartAsync(definition);

        Assert.Equal(WorkflowStatus.Finished, result.State.Status);
        Assert.Null(result.State.Outcome);
        Assert.Equal("Admitted", result.State.Variables["Decision"]!.GetValue<string>());
    }

    [Fact]
    public async Task StartAsync_Always_RecordsIdentityAndPinsTheVersion()
    {
        var definition = FlowBuilder.Create("member-admission").Version(4).Start().ToDefinition();

        var result = await _harness.StartAsync(definition);

        Assert.Equal(
            (_harness.InstanceId, "member-admission", 4, "correlation-1"),
            (result.State.InstanceId, result.State.DefinitionId, result.State.DefinitionVersion, result.State.CorrelationId));
    }

    [Fact]
    public async Task StartAsync_Variables_StartWithTheirDeclaredValuesConverted()
    {
        var definition = FlowBuilder.Create()
            .Variable("Rounds", "Int32", "3")
            .Variable("Period", "TimeSpan", "P14D")
            .Variable("Review", "Object")
            .Start()
            .ToDefinition();

        var result = await _harness.StartAsync(definition);

        Assert.Equal(3, result.State.Variables["Rounds"]!.GetValue<int>());
        Assert.Equal("14.00:00:00", result.State.Variables["Period"]!.GetValue<string>());
        Assert.Null(result.State.Variables["Review"]);
    }

    [Fact]
    public async Task StartAsync_NonStringVariableWithEmptyDefault_StartsWithNoValue()
    {
        // The validator accepts "" as "no value" for non-string variables (files from Elsa's designer have it).
        var definition = FlowBuilder.Create().Variable("Rounds", "Int32", string.Empty).Start().ToDefinition();

        var result = await _harness.StartAsync(definition);

        Assert.Null(result.State.Variables["Rounds"]);
    }

    [Fact]
    public async Task StartAsync_TypedInput_IsConvertedToItsType()
    {
        var definition = FlowBuilder.Create().Input("Count", "Int32", required: true).Start().ToDefinition();

        var result = await _harness.StartAsync(definition, ("Count", "7"));

        Assert.Equal(7, result.State.Input["Count"]!.GetValue<int>());
    }

    [Fact]
    public async Task StartAsync_NumberForInt32Input_IsAccepted()
    {
        // What a caller building the input in C# (or deserializing a request into CLR values) passes.
        var definition = FlowBuilder.Create().Input("Count", "Int32", required: true).Start().ToDefinition();

        var result = await _harness.StartAsync(definition, ("Count", JsonValue.Create(7)));

        Assert.Equal(7, result.State.Input["Count"]!.GetValue<int>());
    }

    [Fact]
    public async Task StartAsync_OptionalInputAbsent_IsLeftOut()
    {
        var definition = FlowBuilder.Create().Input("Fee", "Decimal").Start().ToDefinition();

        var result = await _harness.StartAsync(definition);

        Assert.False(result.State.Input.ContainsKey("Fee"));
    }

    [Fact]
    public async Task StartAsync_RequiredInputMissing_ThrowsInputRequired()
    {
        var definition = FlowBuilder.Create().Input("AllianceId", "Guid", required: true).Start().ToDefinition();

        var exception = await Assert.ThrowsAsync<WorkflowRuntimeException>(() => _harness.StartAsync(definition));

        Assert.Equal("workflow.input-required", exception.Code);
        Assert.Contains("AllianceId", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_RequiredInputNull_ThrowsInputRequired()
    {
        var definition = FlowBuilder.Create().Input("AllianceId", "Guid", required: true).Start().ToDefinition();

        var exception = await Assert.ThrowsAsync<WorkflowRuntimeException>(() => _harness.StartAsync(definition, ("AllianceId", null)));

        Assert.Equal("workflow.input-required", exception.Code);
    }

    [Fact]
    public async Task StartAsync_UndeclaredInput_ThrowsInputUnknown()
    {
        var definition = FlowBuilder.Create().Input("Year", "Int32").Start().ToDefinition();

        var exception = await Assert.ThrowsAsync<WorkflowRuntimeException>(() => _harness.StartAsync(definition, ("Yaer", 2025)));

        Assert.Equal("workflow.input-unknown", exception.Code);
        Assert.Contains("Yaer", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_InputNotConvertible_ThrowsInputInvalid()
    {
        var definition = FlowBuilder.Create().Input("Year", "Int32").Start().ToDefinition();

        var exception = await Assert.ThrowsAsync<WorkflowRuntimeException>(() => _harness.StartAsync(definition, ("Year", "next year")));

        Assert.Equal("workflow.input-invalid", exception.Code);
    }

    [Fact]
    public async Task StartAsync_NoStartActivity_ThrowsNoStart()
    {
        var definition = FlowBuilder.Create().Finish().ToDefinition();

        var exception = await Assert.ThrowsAsync<WorkflowRuntimeException>(() => _harness.StartAsync(definition));

        Assert.Equal("workflow.no-start", exception.Code);
    }

    [Fact]
    public async Task StartAsync_InputObject_IsNotSharedWithTheState()
    {
        var definition = FlowBuilder.Create().Input("Unit", "Object").Start().ToDefinition();
        var unit = new JsonObject { ["name"] = "福州大学" };

        var result = await _harness.StartAsync(definition, ("Unit", unit));
        unit["name"] = "changed";

        Assert.Equal("福州大学", result.State.Input["Unit"]!["name"]!.GetValue<string>());
    }
}
