using System.Text.Json.Nodes;
using Governance.Workflows.Activities;
using Governance.Workflows.Definitions;
using Governance.Workflows.Runtime;

namespace Governance.Workflows.Tests.Runtime;

/// <summary>An activity that waits on an answer and a deadline at once, as the governance activities do.</summary>
[Activity("Test.AnswerOrDeadline", Outcomes = ["Answered", "TimedOut"], CanWait = true)]
public sealed class AnswerOrDeadlineActivity : IActivity
{
    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult(context.Suspend(
            new BookmarkRequest("Test.Answer", "q1"),
            new BookmarkRequest("Timer", DueAt: context.Now.AddDays(3))));
    }

    public ValueTask<ActivityResult> ResumeAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var resume = context.Resume!;
        if (resume.Bookmark.Kind == "Timer")
        {
            return ValueTask.FromResult(context.Complete("TimedOut"));
        }

        // "wait" keeps the activity waiting on a fresh answer bookmark; its deadline stays as it was.
        return ValueTask.FromResult(resume.Input?["wait"]?.GetValue<bool>() == true
            ? context.Suspend(new BookmarkRequest("Test.Answer", "q1"))
            : context.Complete("Answered"));
    }
}

public sealed class MultiBookmarkActivityTests
{
    private static readonly ActivityRegistry Registry = new([typeof(ActivityRegistry).Assembly, typeof(AnswerOrDeadlineActivity).Assembly]);

    private static WorkflowDefinition Flow() => WorkflowDefinitionReader.Read("""
        {
          "definitionId": "answer-or-deadline", "version": 1, "name": "Answer or deadline",
          "root": {
            "id": "flow", "type": "Elsa.Flowchart", "version": 1,
            "activities": [
              { "id": "start", "type": "Elsa.Start", "version": 1 },
              { "id": "ask", "type": "Test.AnswerOrDeadline", "version": 1 },
              { "id": "end", "type": "Elsa.Finish", "version": 1 }
            ],
            "connections": [
              { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "ask", "port": "In" } },
              { "source": { "activity": "ask", "port": "Answered" }, "target": { "activity": "end", "port": "In" } },
              { "source": { "activity": "ask", "port": "TimedOut" }, "target": { "activity": "end", "port": "In" } }
            ]
          }
        }
        """).Definition!;

    [Fact]
    public async Task Completing_OnTheAnswer_DropsTheDeadlineBookmark()
    {
        var harness = new ExecutorHarness(registry: Registry);
        var definition = Flow();
        var started = await harness.StartAsync(definition);
        Assert.Equal(2, started.State.Bookmarks.Count);

        var answer = started.State.Bookmarks.Single(b => b.Kind == "Test.Answer");
        var done = await harness.ResumeAsync(definition, started.State, answer);

        Assert.Equal(WorkflowStatus.Finished, done.State.Status);
        Assert.Empty(done.State.Bookmarks);
        Assert.Contains(done.Journal, j => j.ActivityId == "ask" && j.Event == JournalEvents.Cancelled && j.Summary == "Timer no longer needed");
    }

    [Fact]
    public async Task WaitingAgain_KeepsTheDeadline_AndTheDeadlineStillEndsIt()
    {
        var harness = new ExecutorHarness(registry: Registry);
        var definition = Flow();
        var started = await harness.StartAsync(definition);
        var deadline = started.State.Bookmarks.Single(b => b.Kind == "Timer");

        var again = await harness.ResumeAsync(definition, started.State, started.State.Bookmarks.Single(b => b.Kind == "Test.Answer"), new JsonObject { ["wait"] = true });
        Assert.Equal(WorkflowStatus.Suspended, again.State.Status);
        Assert.Equal(2, again.State.Bookmarks.Count);
        Assert.Contains(again.State.Bookmarks, b => b.Id == deadline.Id);

        var timedOut = await harness.ResumeAsync(definition, again.State, deadline);
        Assert.Equal(WorkflowStatus.Finished, timedOut.State.Status);
        Assert.Empty(timedOut.State.Bookmarks);
        Assert.Contains(timedOut.Journal, j => j.ActivityId == "ask" && j.Event == JournalEvents.Executed && j.Outcome == "TimedOut");
    }
}
