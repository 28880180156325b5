using System.Text.Json.Nodes;
using Governance.Workflows.Definitions;
using Governance.Workflows.Runtime;
using Governance.Workflows.Tests.Builders;

namespace Governance.Workflows.Tests.Runtime;

public sealed class FlowControlTests
{
    private readonly ExecutorHarness _harness = new();

    [Theory]
    [InlineData(12, "yes")]
    [InlineData(5, "no")]
    public async Task Decision_JavaScriptOverVariables_FollowsTrueOrFalse(int votes, string expected)
    {
        var definition = FlowBuilder.Create()
            .Variable("Votes", "Int32", votes)
            .Outcomes("yes", "no")
            .Start()
            .Decision("quorum", "variables.Votes >= 10")
            .Finish("yes", "yes")
            .Finish("no", "no")
            .Connect("start", "quorum")
            .Connect("quorum", "True", "yes")
            .Connect("quorum", "False", "no")
            .ToDefinition();

        var result = await _harness.StartAsync(definition);

        Assert.Equal(expected, result.State.Outcome);
        Assert.Contains(result.Journal, r => r.ActivityId == "quorum" && r.Outcome == (votes >= 10 ? "True" : "False"));
    }

    [Theory]
    [InlineData("2500.50", "large")]
    [InlineData("99", "small")]
    public async Task Decision_JavaScriptOverInputs_FollowsTrueOrFalse(string amount, string expected)
    {
        var definition = FlowBuilder.Create()
            .Input("Amount", "Decimal", required: true)
            .Start()
            .Decision("big", "input.Amount > 1000")
            .Finish("large", "large")
            .Finish("small", "small")
            .Connect("start", "big")
            .Connect("big", "True", "large")
            .Connect("big", "False", "small")
            .ToDefinition();

        var result = await _harness.StartAsync(definition, ("Amount", amount));

        Assert.Equal(expected, result.State.Outcome);
    }

    [Fact]
    public async Task Switch_MatchFirst_FollowsOnlyTheFirstMatchingCase()
    {
        var result = await _harness.StartAsync(SwitchFlow("MatchFirst", score: 90));

        Assert.Equal(["High"], Visited(result));
    }

    [Fact]
    public async Task Switch_ModeAbsent_MatchesFirst()
    {
        var result = await _harness.StartAsync(SwitchFlow(null, score: 90));

        Assert.Equal(["High"], Visited(result));
    }

    [Fact]
    public async Task Switch_MatchAny_FollowsEveryMatchingCase()
    {
        var result = await _harness.StartAsync(SwitchFlow("MatchAny", score: 90));

        Assert.Equal(["High", "Pass"], Visited(result));
    }

    [Fact]
    public async Task Switch_NoCaseMatches_FollowsDefault()
    {
        var result = await _harness.StartAsync(SwitchFlow("MatchAny", score: 10));

        Assert.Equal(["Default"], Visited(result));
    }

    [Fact]
    public async Task ForkJoinWaitAll_TwoSetVariables_RunsTheJoinOnceAfterBoth()
    {
        var definition = FlowBuilder.Create()
            .Variable("Secretariat", "Boolean", false)
            .Variable("Chair", "Boolean", false)
            .Variable("Both", "Boolean", false)
            .Start()
            .Fork("fork", "Secretariat", "Chair")
            .SetVariable("secretariat", "Secretariat", Expr.Literal(true))
            .SetVariable("chair", "Chair", Expr.Literal(true))
            .Join("join")
            .SetVariable("after", "Both", Expr.JavaScript("variables.Secretariat && variables.Chair"))
            .Connect("start", "fork")
            .Connect("fork", "Secretariat", "secretariat")
            .Connect("fork", "Chair", "chair")
            .Connect("secretariat", "join")
            .Connect("chair", "join")
            .Connect("join", "after")
            .ToDefinition();

        var result = await _harness.StartAsync(definition);

        Assert.Equal(WorkflowStatus.Finished, result.State.Status);
        Assert.True(result.State.Variables["Both"]!.GetValue<bool>());
        Assert.Single(result.Journal, r => r.ActivityId == "join" && r.Event == JournalEvents.Executed);
        Assert.Single(result.Journal, r => r.ActivityId == "after" && r.Event == JournalEvents.Executed);
        Assert.Empty(result.State.Joins);
    }

    [Fact]
    public async Task ForkJoinWaitAll_TwoEvents_WaitsUntilBothAreResumed()
    {
        var definition = TwoEventsJoined("WaitAll");
        var started = await _harness.StartAsync(definition);

        var afterFirst = await _harness.ResumeAsync(definition, started.State, Bookmark(started.State, "a"));
        var afterSecond = await _harness.ResumeAsync(definition, afterFirst.State, Bookmark(afterFirst.State, "b"));

        Assert.Equal(WorkflowStatus.Suspended, afterFirst.State.Status);
        Assert.Equal(["b"], afterFirst.State.Bookmarks.Select(b => b.ActivityId));
        Assert.Equal(["a"], afterFirst.State.Joins["join"].ArrivedFrom);
        Assert.DoesNotContain(afterFirst.Journal, r => r.ActivityId == "end");
        Assert.Equal(WorkflowStatus.Finished, afterSecond.State.Status);
        Assert.Equal("Joined", afterSecond.State.Outcome);
    }

    [Fact]
    public async Task ForkJoinWaitAny_FirstEventResumed_ContinuesAndCancelsTheOtherBookmark()
    {
        var definition = TwoEventsJoined("WaitAny");
        var started = await _harness.StartAsync(definition);

        var result = await _harness.ResumeAsync(definition, started.State, Bookmark(started.State, "a"));

        Assert.Equal(2, started.State.Bookmarks.Count);
        Assert.Equal(WorkflowStatus.Finished, result.State.Status);
        Assert.Equal("Joined", result.State.Outcome);
        Assert.Empty(result.State.Bookmarks);
        Assert.Contains(result.Journal, r => r.ActivityId == "b" && r.Event == JournalEvents.Cancelled);
        Assert.Single(result.Journal, r => r.ActivityId == "join" && r.Event == JournalEvents.Executed);
    }

    [Fact]
    public async Task Finish_WhileAnotherBranchWaits_CancelsItsBookmarkAndSetsOutcome()
    {
        var definition = FlowBuilder.Create()
            .Outcomes("Closed")
            .Start()
            .Fork("fork", "Wait", "Close")
            .Event("wait", "NeverRaised")
            .Finish("close", "Closed")
            .Connect("start", "fork")
            .Connect("fork", "Wait", "wait")
            .Connect("fork", "Close", "close")
            .ToDefinition();

        var result = await _harness.StartAsync(definition);

        Assert.Equal(WorkflowStatus.Finished, result.State.Status);
        Assert.Equal("Closed", result.State.Outcome);
        Assert.Empty(result.State.Bookmarks);
        Assert.Contains(result.Journal, r => r.ActivityId == "wait" && r.Event == JournalEvents.Cancelled);
    }

    [Fact]
    public async Task Finish_CancellingAnotherBranchsBookmark_JournalsTheActivityTypeNotTheBookmarkKind()
    {
        var definition = FlowBuilder.Create()
            .Start()
            .Fork("fork", "Wait", "Close")
            .Event("wait", "NeverRaised")
            .Finish("close")
            .Connect("start", "fork")
            .Connect("fork", "Wait", "wait")
            .Connect("fork", "Close", "close")
            .ToDefinition();

        var result = await _harness.StartAsync(definition);

        var cancelled = Assert.Single(result.Journal, r => r.Event == JournalEvents.Cancelled);
        Assert.Equal("Elsa.Event", cancelled.ActivityType);
    }

    [Fact]
    public async Task Finish_BeforeOtherQueuedActivities_StopsThem()
    {
        var definition = FlowBuilder.Create()
            .Variable("Ran", "Boolean", false)
            .Start()
            .Fork("fork", "Close", "Other")
            .Finish("close")
            .SetVariable("other", "Ran", Expr.Literal(true))
            .Connect("start", "fork")
            .Connect("fork", "Close", "close")
            .Connect("fork", "Other", "other")
            .ToDefinition();

        var result = await _harness.StartAsync(definition);

        Assert.False(result.State.Variables["Ran"]!.GetValue<bool>());
    }

    private static WorkflowDefinition SwitchFlow(string? mode, int score) => FlowBuilder.Create()
        .Variable("Score", "Int32", score)
        .Variable("Visited", "Array", new JsonArray())
        .Start()
        .Switch("grade", mode, Expr.Case("High", "variables.Score >= 80"), Expr.Case("Pass", "variables.Score >= 60"))
        .SetVariable("high", "Visited", Expr.JavaScript("variables.Visited.concat(['High'])"))
        .SetVariable("pass", "Visited", Expr.JavaScript("variables.Visited.concat(['Pass'])"))
        .SetVariable("default", "Visited", Expr.JavaScript("variables.Visited.concat(['Default'])"))
        .Connect("start", "grade")
        .Connect("grade", "High", "high")
        .Connect("grade", "Pass", "pass")
        .Connect("grade", "Default", "default")
        .ToDefinition();

    private static List<string> Visited(ExecutionResult result) =>
        [.. result.State.Variables["Visited"]!.AsArray().Select(v => v!.GetValue<string>())];

    private static WorkflowDefinition TwoEventsJoined(string mode) => FlowBuilder.Create()
        .Outcomes("Joined")
        .Start()
        .Fork("fork", "A", "B")
        .Event("a", "A")
        .Event("b", "B")
        .Join("join", mode)
        .Finish("end", "Joined")
        .Connect("start", "fork")
        .Connect("fork", "A", "a")
        .Connect("fork", "B", "b")
        .Connect("a", "join")
        .Connect("b", "join")
        .Connect("join", "end")
        .ToDefinition();

    private static BookmarkState Bookmark(WorkflowInstanceState state, string activityId) =>
        Assert.Single(state.Bookmarks, b => b.ActivityId == activityId);
}
