using Governance.Workflows.Definitions;
using Governance.Workflows.Runtime;
using Governance.Workflows.Tests.Builders;

namespace Governance.Workflows.Tests.Runtime;

public sealed class JournalTests
{
    private readonly ExecutorHarness _harness = new();

    [Fact]
    public async Task Journal_DelayFlow_RecordsExecutedSuspendedResumedFinishedInOrder()
    {
        var definition = DelayFlow();
        var started = await _harness.StartAsync(definition);
        _harness.Clock.Advance(TimeSpan.FromDays(1));

        var resumed = await _harness.ResumeAsync(definition, started.State, started.State.Bookmarks[0]);

        Assert.Equal(
            [
                ("start", JournalEvents.Executed),
                ("wait", JournalEvents.Suspended),
                ("wait", JournalEvents.Resumed),
                ("wait", JournalEvents.Executed),
                ("flow", JournalEvents.Finished),
            ],
            started.Journal.Concat(resumed.Journal).Select(r => (r.ActivityId, r.Event)));
        Assert.Equal(ExecutorHarness.Epoch, started.Journal[0].At);
        Assert.Equal(ExecutorHarness.Epoch.AddDays(1), resumed.Journal[0].At);
    }

    [Fact]
    public async Task Journal_ExecutedRecord_CarriesOutcomeActorAndSummary()
    {
        var definition = FlowBuilder.Create()
            .Variable("Votes", "Int32", 3)
            .Start()
            .Decision("quorum", "variables.Votes > 2")
            .Connect("start", "quorum")
            .ToDefinition();

        var result = await _harness.StartAsync(definition);

        var record = Assert.Single(result.Journal, r => r.ActivityId == "quorum");
        Assert.Equal(("Elsa.FlowDecision", "True", "tester", "True"), (record.ActivityType, record.Outcome, record.Actor, record.Summary));
    }

    [Fact]
    public async Task StepsTaken_AcrossStartAndResume_Accumulates()
    {
        var definition = FlowBuilder.Create().Start().Delay("wait", "1.00:00:00").Finish().Chain("start", "wait", "end").ToDefinition();

        var started = await _harness.StartAsync(definition);
        var resumed = await _harness.ResumeAsync(definition, started.State, started.State.Bookmarks[0]);

        Assert.Equal(2, started.State.StepsTaken);
        Assert.True(resumed.State.StepsTaken > started.State.StepsTaken, $"{resumed.State.StepsTaken} after {started.State.StepsTaken}");
    }

    [Fact]
    public async Task StepsTaken_ResumedActivity_CountsAsAStep()
    {
        // The resume runs the Delay again (journaled as Executed), so it is a step like any other.
        var definition = DelayFlow();

        var started = await _harness.StartAsync(definition);
        var resumed = await _harness.ResumeAsync(definition, started.State, started.State.Bookmarks[0]);

        Assert.Equal(3, resumed.State.StepsTaken);
    }

    private static WorkflowDefinition DelayFlow() => FlowBuilder.Create()
        .Start()
        .Delay("wait", "1.00:00:00")
        .Chain("start", "wait")
        .ToDefinition();
}
