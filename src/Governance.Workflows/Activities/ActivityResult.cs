using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace Governance.Workflows.Activities;

/// <summary>Where an activity waits: a kind (<c>Timer</c>, <c>Event</c>, <c>Governance.Task</c>...), a lookup key, data the resume is matched on.</summary>
public sealed record BookmarkRequest(string Kind, string? Key = null, JsonObject? Payload = null, DateTimeOffset? DueAt = null);

/// <summary>What an activity did: completed with outcomes, suspended on bookmarks, or faulted. Never thrown.</summary>
public abstract record ActivityResult
{
    private protected ActivityResult()
    {
    }
}

/// <summary>Completed; the flowchart follows every connection leaving these outcome ports.</summary>
public sealed record ActivityCompleted(ImmutableArray<string> Outcomes) : ActivityResult;

/// <summary>Waiting for at least one bookmark to be resumed.</summary>
public sealed record ActivitySuspended(ImmutableArray<BookmarkRequest> Bookmarks) : ActivityResult;

/// <summary>Failed; the instance faults and an incident is recorded.</summary>
public sealed record ActivityFaulted(string Message) : ActivityResult;

/// <summary>Ends the whole instance (Elsa.Finish).</summary>
public sealed record WorkflowFinishRequested(string? Outcome) : ActivityResult;
