namespace Governance.Workflows.Runtime;

/// <summary>What happened at one activity, for the append-only journal.</summary>
public sealed record JournalRecord(
    DateTimeOffset At,
    string ActivityId,
    string ActivityType,
    string Event,
    string? Outcome,
    string? Actor,
    string? Summary);

/// <summary>A fault that needs a person's attention (an expression failed, a budget ran out...).</summary>
public sealed record IncidentRecord(DateTimeOffset At, string ActivityId, string ActivityType, string Message);

/// <summary>The instance after a start or a resume, and what the step recorded. The caller stores all of it in one transaction.</summary>
public sealed record ExecutionResult(
    WorkflowInstanceState State,
    IReadOnlyList<JournalRecord> Journal,
    IReadOnlyList<IncidentRecord> Incidents);

/// <summary>The journal's event names.</summary>
public static class JournalEvents
{
    public const string Executed = "Executed";
    public const string Suspended = "Suspended";
    public const string Resumed = "Resumed";
    public const string Faulted = "Faulted";
    public const string Cancelled = "Cancelled";
    public const string Waiting = "Waiting";
    public const string Finished = "Finished";
}

/// <summary>A stimulus for a waiting bookmark: who acted and with what data.</summary>
public sealed record ResumeStimulus(BookmarkState Bookmark, System.Text.Json.Nodes.JsonObject? Input, string? Actor);

/// <summary>The instance cannot do what was asked (wrong status, unknown bookmark, bad input). Nothing changed.</summary>
public sealed class WorkflowRuntimeException : Exception
{
    public WorkflowRuntimeException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    public WorkflowRuntimeException()
        : this("workflow.runtime-error", "The workflow runtime refused the request.")
    {
    }

    public WorkflowRuntimeException(string message)
        : this("workflow.runtime-error", message)
    {
    }

    public WorkflowRuntimeException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "workflow.runtime-error";
    }

    /// <summary>A stable code, e.g. <c>workflow.bookmark-not-found</c>.</summary>
    public string Code { get; } = "workflow.runtime-error";
}
