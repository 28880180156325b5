using System.Globalization;
using System.Text.Json.Nodes;
using Governance.Workflows.Definitions;
using Governance.Workflows.Expressions;
using Governance.Workflows.Runtime;
using Governance.Workflows.Tests.Builders;

namespace Governance.Workflows.Tests.Runtime;

public sealed class FaultTests
{
    private readonly ExecutorHarness _harness = new();

    [Fact]
    public async Task SetVariable_TextForInt32Variable_IsConverted()
    {
        var result = await _harness.StartAsync(SetCount(Expr.Literal("42")));

        Assert.Equal(WorkflowStatus.Finished, result.State.Status);
        Assert.Equal(42, result.State.Variables["Count"]!.GetValue<int>());
    }

    [Fact]
    public async Task SetVariable_JavaScriptNumberForInt32Variable_IsConverted()
    {
        var result = await _harness.StartAsync(SetCount(Expr.JavaScript("6 * 7")));

        Assert.Equal(42, result.State.Variables["Count"]!.GetValue<int>());
    }

    [Fact]
    public async Task SetVariable_JavaScriptFractionForDecimalVariable_IsConverted()
    {
        var definition = FlowBuilder.Create()
            .Variable("Share", "Decimal", 0)
            .Start()
            .SetVariable("set", "Share", Expr.JavaScript("3 / 4"))
            .Chain("start", "set")
            .ToDefinition();

        var result = await _harness.StartAsync(definition);

        Assert.Equal(WorkflowStatus.Finished, result.State.Status);
        Assert.Equal(0.75m, result.State.Variables["Share"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task SetVariable_ValueNotConvertible_FaultsWithAnIncident()
    {
        var result = await _harness.StartAsync(SetCount(Expr.Literal("abc")));

        Assert.Equal(WorkflowStatus.Faulted, result.State.Status);
        Assert.Equal("set", result.State.FaultedActivityId);
        var incident = Assert.Single(result.Incidents);
        Assert.Equal(("set", "Elsa.SetVariable"), (incident.ActivityId, incident.ActivityType));
        Assert.Contains("Int32", incident.Message, StringComparison.Ordinal);
        Assert.Equal(incident.Message, result.State.FaultMessage);
        Assert.Contains(result.Journal, r => r.Event == JournalEvents.Faulted && r.ActivityId == "set");
        Assert.DoesNotContain(result.Journal, r => r.ActivityId == "end");
    }

    [Fact]
    public async Task Decision_JavaScriptRuntimeError_FaultsWithAnIncident()
    {
        var result = await _harness.StartAsync(ReviewDecision());

        Assert.Equal(WorkflowStatus.Faulted, result.State.Status);
        Assert.Equal("approved", result.State.FaultedActivityId);
        Assert.Contains("TypeError", Assert.Single(result.Incidents).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decision_JavaScriptTimeout_FaultsWithAnIncident()
    {
        var evaluators = new ExpressionEvaluators(new JavaScriptLimits { Timeout = TimeSpan.FromMilliseconds(100), MaxStatements = int.MaxValue });
        var harness = new ExecutorHarness(evaluators: evaluators);
        var definition = FlowBuilder.Create().Start().Decision("spin", "while (true) { } true").Chain("start", "spin").ToDefinition();

        var result = await harness.StartAsync(definition);

        Assert.Equal(WorkflowStatus.Faulted, result.State.Status);
        Assert.Equal("spin", result.State.FaultedActivityId);
        Assert.Contains("timed out", Assert.Single(result.Incidents).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_AfterTheFaultingVariableIsFixed_RunsTheActivityAgainAndContinues()
    {
        var definition = ReviewDecision();
        var faulted = await _harness.StartAsync(definition);
        faulted.State.Variables["Review"] = new JsonObject { ["approved"] = true };

        var result = await _harness.RetryAsync(definition, faulted.State);

        Assert.Equal(WorkflowStatus.Finished, result.State.Status);
        Assert.Equal("Admitted", result.State.Outcome);
        Assert.Null(result.State.FaultedActivityId);
        Assert.Null(result.State.FaultMessage);
        Assert.Empty(result.Incidents);
    }

    [Fact]
    public async Task Retry_AfterTheFaultingInputIsFixed_RunsTheActivityAgainAndContinues()
    {
        var definition = FlowBuilder.Create()
            .Input("Raw", "String", required: true)
            .Variable("Count", "Int32", 0)
            .Start()
            .SetVariable("set", "Count", Expr.JavaScript("input.Raw"))
            .Finish()
            .Chain("start", "set", "end")
            .ToDefinition();
        var faulted = await _harness.StartAsync(definition, ("Raw", "abc"));
        faulted.State.Input["Raw"] = "5";

        var result = await _harness.RetryAsync(definition, faulted.State);

        Assert.Equal(WorkflowStatus.Faulted, faulted.State.Status);
        Assert.Equal(WorkflowStatus.Finished, result.State.Status);
        Assert.Equal(5, result.State.Variables["Count"]!.GetValue<int>());
        Assert.Equal(["set", "end"], result.Journal.Where(r => r.Event == JournalEvents.Executed).Select(r => r.ActivityId));
    }

    [Fact]
    public async Task Retry_StillFailing_FaultsAgain()
    {
        var definition = ReviewDecision();
        var faulted = await _harness.StartAsync(definition);

        var result = await _harness.RetryAsync(definition, faulted.State);

        Assert.Equal(WorkflowStatus.Faulted, result.State.Status);
        Assert.Single(result.Incidents);
    }

    [Fact]
    public async Task Retry_InstanceNotFaulted_ThrowsNotFaulted()
    {
        var definition = FlowBuilder.Create().Start().Delay("wait", "1.00:00:00").Chain("start", "wait").ToDefinition();
        var suspended = await _harness.StartAsync(definition);

        var exception = await Assert.ThrowsAsync<WorkflowRuntimeException>(() => _harness.RetryAsync(definition, suspended.State));

        Assert.Equal("workflow.not-faulted", exception.Code);
    }

    [Fact]
    public async Task Retry_WithAnotherVersion_ThrowsInvalidOperation()
    {
        var faulted = await _harness.StartAsync(ReviewDecision());

        await Assert.ThrowsAsync<InvalidOperationException>(() => _harness.RetryAsync(ReviewDecision(version: 2), faulted.State));
    }

    [Fact]
    public async Task LoopWithoutWait_RunsOutOfStepBudget_FaultsWithAnIncidentNamingTheBudget()
    {
        // The validator rejects this definition (cycle-without-wait); the budget is the runtime's own guard.
        var harness = new ExecutorHarness(new ExecutorOptions { MaxStepsPerRun = 100 });
        var definition = FlowBuilder.Create()
            .Variable("Count", "Object", 0)
            .Start()
            .SetVariable("increment", "Count", Expr.JavaScript("variables.Count + 1"))
            .Decision("again", "true")
            .Chain("start", "increment", "again")
            .Connect("again", "True", "increment")
            .ToDefinition();

        var result = await harness.StartAsync(definition);

        Assert.Equal(WorkflowStatus.Faulted, result.State.Status);
        Assert.Contains("step budget of 100", Assert.Single(result.Incidents).Message, StringComparison.Ordinal);
        Assert.InRange(int.Parse(result.State.Variables["Count"]!.ToJsonString(), CultureInfo.InvariantCulture), 40, 60);
    }

    [Fact]
    public async Task Fault_Activity_FaultsWithItsMessage()
    {
        var definition = FlowBuilder.Create().Start().Fault("stop", "章程缺失").Chain("start", "stop").ToDefinition();

        var result = await _harness.StartAsync(definition);

        Assert.Equal(WorkflowStatus.Faulted, result.State.Status);
        Assert.Equal(("stop", "章程缺失"), (result.State.FaultedActivityId, result.State.FaultMessage));
        Assert.Equal("章程缺失", Assert.Single(result.Incidents).Message);
    }

    [Fact]
    public async Task SendEmail_LiquidSubject_EnqueuesOneRenderedEmail()
    {
        var definition = FlowBuilder.Create()
            .Input("ApplicantName", "String", required: true)
            .Variable("Round", "Int32", 2)
            .Start()
            .SendEmail(
                "notify",
                Expr.Literal("secretariat@alliance.example; chair@alliance.example", "String"),
                Expr.Liquid("入盟申请：{{ Input.ApplicantName }}（第{{ Variables.Round }}轮）"),
                Expr.Literal("Please review.", "String"))
            .Chain("start", "notify")
            .ToDefinition();

        var result = await _harness.StartAsync(definition, ("ApplicantName", "福建星网"));

        var email = Assert.Single(_harness.Outbox.Emails);
        Assert.Equal("入盟申请：福建星网（第2轮）", email.Subject);
        Assert.Equal(["secretariat@alliance.example", "chair@alliance.example"], email.To);
        Assert.Equal(("Please review.", _harness.InstanceId, "notify"), (email.Body, email.InstanceId, email.ActivityId));
        Assert.Equal(WorkflowStatus.Finished, result.State.Status);
    }

    [Fact]
    public async Task SendEmail_NoRecipient_FaultsWithoutEnqueueing()
    {
        var definition = FlowBuilder.Create()
            .Start()
            .SendEmail("notify", Expr.Literal(" ; ", "String"), Expr.Literal("Subject", "String"), Expr.Literal("Body", "String"))
            .Chain("start", "notify")
            .ToDefinition();

        var result = await _harness.StartAsync(definition);

        Assert.Equal(WorkflowStatus.Faulted, result.State.Status);
        Assert.Empty(_harness.Outbox.Emails);
    }

    private static WorkflowDefinition SetCount(JsonObject value) => FlowBuilder.Create()
        .Variable("Count", "Int32", 0)
        .Start()
        .SetVariable("set", "Count", value)
        .Finish()
        .Chain("start", "set", "end")
        .ToDefinition();

    // Faults while Review is null: reading a property of null is a TypeError.
    private static WorkflowDefinition ReviewDecision(int version = 1) => FlowBuilder.Create()
        .Version(version)
        .Variable("Review", "Object")
        .Outcomes("Admitted", "Rejected")
        .Start()
        .Decision("approved", "variables.Review.approved === true")
        .Finish("admitted", "Admitted")
        .Finish("rejected", "Rejected")
        .Connect("start", "approved")
        .Connect("approved", "True", "admitted")
        .Connect("approved", "False", "rejected")
        .ToDefinition();
}
