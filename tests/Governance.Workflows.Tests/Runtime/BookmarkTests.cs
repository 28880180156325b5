using System.Text.Json.Nodes;
using Governance.Workflows.Definitions;
using Governance.Workflows.Runtime;
using Governance.Workflows.Tests.Builders;

namespace Governance.Workflows.Tests.Runtime;

public sealed class BookmarkTests
{
    private readonly ExecutorHarness _harness = new();

    [Fact]
    public async Task Delay_Started_SuspendsOnATimerDueAfterTheSpan()
    {
        var result = await _harness.StartAsync(DelayFlow("3.00:00:00"));

        Assert.Equal(WorkflowStatus.Suspended, result.State.Status);
        var bookmark = Assert.Single(result.State.Bookmarks);
        Assert.Equal(("wait", "Timer"), (bookmark.ActivityId, bookmark.Kind));
        Assert.Equal(ExecutorHarness.Epoch.AddDays(3), bookmark.DueAt);
        Assert.Equal(ExecutorHarness.Epoch, bookmark.CreatedAt);
    }

    [Fact]
    public async Task Delay_IsoDuration_IsUnderstood()
    {
        var result = await _harness.StartAsync(DelayFlow("PT90M"));

        Assert.Equal(ExecutorHarness.Epoch.AddMinutes(90), Assert.Single(result.State.Bookmarks).DueAt);
    }

    [Fact]
    public async Task Delay_DueAt_FollowsTheClock()
    {
        _harness.Clock.Advance(TimeSpan.FromHours(5));

        var result = await _harness.StartAsync(DelayFlow("1.00:00:00"));

        Assert.Equal(ExecutorHarness.Epoch.AddHours(29), Assert.Single(result.State.Bookmarks).DueAt);
    }

    [Fact]
    public async Task Delay_Resumed_ContinuesToTheEnd()
    {
        var definition = DelayFlow("3.00:00:00");
        var started = await _harness.StartAsync(definition);
        _harness.Clock.Advance(TimeSpan.FromDays(3));

        var result = await _harness.ResumeAsync(definition, started.State, started.State.Bookmarks[0]);

        Assert.Equal(WorkflowStatus.Finished, result.State.Status);
        Assert.Equal("Done", result.State.Outcome);
        Assert.Empty(result.State.Bookmarks);
        Assert.All(result.Journal, r => Assert.Equal(ExecutorHarness.Epoch.AddDays(3), r.At));
    }

    [Fact]
    public async Task StartAt_Started_SuspendsOnATimerDueAtTheMoment()
    {
        var definition = FlowBuilder.Create().Start().StartAt("at", "2025-06-01T09:00:00+08:00").Chain("start", "at").ToDefinition();

        var result = await _harness.StartAsync(definition);

        var bookmark = Assert.Single(result.State.Bookmarks);
        Assert.Equal("Timer", bookmark.Kind);
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 1, 0, 0, TimeSpan.Zero), bookmark.DueAt);
        Assert.Equal(TimeSpan.Zero, bookmark.DueAt!.Value.Offset);
    }

    [Fact]
    public async Task Event_WithCorrelationKey_BookmarksOnNameAndKey()
    {
        var result = await _harness.StartAsync(EventFlow(), ("OrganizationId", "org-42"));

        var bookmark = Assert.Single(result.State.Bookmarks);
        Assert.Equal(("Event", "MemberSigned|org-42"), (bookmark.Kind, bookmark.Key));
    }

    [Fact]
    public async Task Event_WithoutCorrelationKey_BookmarksOnNameAlone()
    {
        var definition = FlowBuilder.Create().Start().Event("wait", "CharterAdopted").Chain("start", "wait").ToDefinition();

        var result = await _harness.StartAsync(definition);

        Assert.Equal("CharterAdopted|", Assert.Single(result.State.Bookmarks).Key);
    }

    [Fact]
    public async Task Event_Resumed_StoresThePayloadInTheResultVariable()
    {
        var definition = EventFlow();
        var started = await _harness.StartAsync(definition, ("OrganizationId", "org-42"));
        var payload = new JsonObject { ["signedBy"] = "张三", ["at"] = "2025-03-02" };

        var result = await _harness.ResumeAsync(definition, started.State, started.State.Bookmarks[0], payload);

        Assert.Equal(WorkflowStatus.Finished, result.State.Status);
        Assert.True(JsonNode.DeepEquals(payload, result.State.Variables["Signature"]));
        Assert.Contains(result.Journal, r => r.Event == JournalEvents.Resumed && r.ActivityId == "wait" && r.Actor == "tester");
    }

    [Fact]
    public async Task Resume_UnknownBookmark_ThrowsBookmarkNotFoundAndLeavesStateAlone()
    {
        var definition = DelayFlow("1.00:00:00");
        var started = await _harness.StartAsync(definition);
        var before = Snapshot(started.State);

        var exception = await Assert.ThrowsAsync<WorkflowRuntimeException>(
            () => _harness.ResumeAsync(definition, started.State, Guid.NewGuid()));

        Assert.Equal("workflow.bookmark-not-found", exception.Code);
        Assert.Equal(before, Snapshot(started.State));
    }

    [Fact]
    public async Task Resume_BookmarkAlreadyConsumed_ThrowsBookmarkNotFound()
    {
        var definition = EventTwiceFlow();
        var started = await _harness.StartAsync(definition);
        var first = started.State.Bookmarks[0];
        var afterFirst = await _harness.ResumeAsync(definition, started.State, first);

        var exception = await Assert.ThrowsAsync<WorkflowRuntimeException>(() => _harness.ResumeAsync(definition, afterFirst.State, first));

        Assert.Equal(WorkflowStatus.Suspended, afterFirst.State.Status);
        Assert.Equal("workflow.bookmark-not-found", exception.Code);
    }

    [Fact]
    public async Task Resume_Succeeding_DoesNotChangeThePassedInState()
    {
        var definition = EventFlow();
        var started = await _harness.StartAsync(definition, ("OrganizationId", "org-42"));
        var before = Snapshot(started.State);

        var result = await _harness.ResumeAsync(definition, started.State, started.State.Bookmarks[0], new JsonObject { ["ok"] = true });

        Assert.NotSame(started.State, result.State);
        Assert.Equal(before, Snapshot(started.State));
    }

    [Fact]
    public async Task Resume_FinishedInstance_ThrowsNotWaiting()
    {
        var definition = FlowBuilder.Create().Start().Finish().Chain("start", "end").ToDefinition();
        var finished = await _harness.StartAsync(definition);

        var exception = await Assert.ThrowsAsync<WorkflowRuntimeException>(() => _harness.ResumeAsync(definition, finished.State, Guid.NewGuid()));

        Assert.Equal("workflow.not-waiting", exception.Code);
    }

    [Fact]
    public async Task Resume_WithTheNextVersionOfTheDefinition_ThrowsInvalidOperation()
    {
        var v1 = DelayFlow("1.00:00:00");
        var v2 = DelayFlow("2.00:00:00", version: 2);
        var started = await _harness.StartAsync(v1);

        await Assert.ThrowsAsync<InvalidOperationException>(() => _harness.ResumeAsync(v2, started.State, started.State.Bookmarks[0]));
    }

    [Fact]
    public async Task Cancel_SuspendedInstance_DropsBookmarksAndEndsCancelled()
    {
        var definition = EventTwiceFlow();
        var started = await _harness.StartAsync(definition);

        var result = _harness.Executor.Cancel(definition, started.State, "chair", "withdrawn");

        Assert.Equal(WorkflowStatus.Cancelled, result.State.Status);
        Assert.Empty(result.State.Bookmarks);
        var record = Assert.Single(result.Journal);
        Assert.Equal((JournalEvents.Cancelled, "first", "Elsa.Event", "chair", "withdrawn"), (record.Event, record.ActivityId, record.ActivityType, record.Actor, record.Summary));
        Assert.Single(started.State.Bookmarks);
    }

    [Fact]
    public async Task Cancel_FinishedInstance_ThrowsAlreadyEnded()
    {
        var definition = FlowBuilder.Create().Start().ToDefinition();
        var finished = await _harness.StartAsync(definition);

        var exception = Assert.Throws<WorkflowRuntimeException>(() => _harness.Executor.Cancel(definition, finished.State, null, null));

        Assert.Equal("workflow.already-ended", exception.Code);
    }

    private static WorkflowDefinition DelayFlow(string span, int version = 1) => FlowBuilder.Create()
        .Version(version)
        .Start()
        .Delay("wait", span)
        .Finish("end", "Done")
        .Chain("start", "wait", "end")
        .ToDefinition();

    private static WorkflowDefinition EventFlow() => FlowBuilder.Create()
        .Input("OrganizationId", "String", required: true)
        .Variable("Signature", "Object")
        .Start()
        .Event("wait", "MemberSigned", Expr.JavaScript("input.OrganizationId", "String"), resultVariable: "Signature")
        .Chain("start", "wait")
        .ToDefinition();

    private static WorkflowDefinition EventTwiceFlow() => FlowBuilder.Create()
        .Start()
        .Event("first", "First")
        .Event("second", "Second")
        .Chain("start", "first", "second")
        .ToDefinition();

    private static string Snapshot(WorkflowInstanceState state) =>
        $"{state.Status}|{state.StepsTaken}|{string.Join(",", state.Bookmarks.Select(b => b.Id))}|"
        + string.Join(",", state.Variables.Select(v => $"{v.Key}={v.Value?.ToJsonString()}"))
        + "|" + string.Join(",", state.Joins.Select(j => $"{j.Key}:{string.Join("+", j.Value.ArrivedFrom)}"));
}
