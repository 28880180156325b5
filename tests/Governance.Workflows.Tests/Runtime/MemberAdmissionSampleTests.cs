using System.Text.Json.Nodes;
using Governance.Workflows.Definitions;
using Governance.Workflows.Runtime;
using Governance.Workflows.Tests.Builders;

namespace Governance.Workflows.Tests.Runtime;

/// <summary>Drives the rich sample definition end to end: email, fork, event or deadline, WaitAny join, switch, loop.</summary>
public sealed class MemberAdmissionSampleTests
{
    private static readonly Guid AllianceId = Guid.Parse("7c9e6679-7425-40de-944b-e07fc1f90ae7");

    private readonly ExecutorHarness _harness = new();
    private readonly WorkflowDefinition _definition = WorkflowDefinitionReader.Read(SampleDefinitions.MemberAdmission).Definition!;

    [Fact]
    public async Task Start_Always_AcknowledgesAndWaitsForReviewOrDeadline()
    {
        var result = await Start();

        Assert.Equal(WorkflowStatus.Suspended, result.State.Status);
        Assert.Equal("入盟申请：福建星网", Assert.Single(_harness.Outbox.Emails).Subject);
        var review = Assert.Single(result.State.Bookmarks, b => b.ActivityId == "review");
        Assert.Equal($"SecretariatReviewed|{AllianceId}", review.Key);
        var deadline = Assert.Single(result.State.Bookmarks, b => b.ActivityId == "deadline");
        Assert.Equal(ExecutorHarness.Epoch.AddDays(14), deadline.DueAt);
    }

    [Fact]
    public async Task Deadline_BeforeReview_FinishesRejectedAndCancelsTheReview()
    {
        var started = await Start();
        _harness.Clock.Advance(TimeSpan.FromDays(14));

        var result = await _harness.ResumeAsync(_definition, started.State, Bookmark(started, "deadline"));

        Assert.Equal(("Rejected", WorkflowStatus.Finished), (result.State.Outcome, result.State.Status));
        Assert.Empty(result.State.Bookmarks);
        Assert.Contains(result.Journal, r => r.ActivityId == "review" && r.Event == JournalEvents.Cancelled);
    }

    [Fact]
    public async Task Review_Approved_FinishesAdmittedAfterOneRound()
    {
        var started = await Start();

        var result = await _harness.ResumeAsync(_definition, started.State, Bookmark(started, "review"), new JsonObject { ["approved"] = true });

        Assert.Equal(("Admitted", WorkflowStatus.Finished), (result.State.Outcome, result.State.Status));
        Assert.Equal("Admitted", result.State.Variables["Decision"]!.GetValue<string>());
        Assert.Equal(1, result.State.Variables["ReviewRounds"]!.GetValue<int>());
        Assert.Empty(result.State.Bookmarks);
    }

    [Fact]
    public async Task Review_Undecided_StartsAnotherRound()
    {
        var started = await Start();

        var result = await _harness.ResumeAsync(_definition, started.State, Bookmark(started, "review"), new JsonObject { ["approved"] = null });

        Assert.Equal(WorkflowStatus.Suspended, result.State.Status);
        Assert.Equal(["review", "deadline"], result.State.Bookmarks.Select(b => b.ActivityId));
        Assert.Equal(2, _harness.Outbox.Emails.Count);
        Assert.Equal("Round 1 of the review has begun.", _harness.Outbox.Emails[1].Body);
    }

    private Task<ExecutionResult> Start() =>
        _harness.StartAsync(_definition, ("AllianceId", AllianceId.ToString()), ("ApplicantName", "福建星网"));

    private static BookmarkState Bookmark(ExecutionResult result, string activityId) =>
        Assert.Single(result.State.Bookmarks, b => b.ActivityId == activityId);
}
