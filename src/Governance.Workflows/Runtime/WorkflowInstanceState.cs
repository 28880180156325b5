using System.Text.Json.Nodes;

namespace Governance.Workflows.Runtime;

public enum WorkflowStatus
{
    Running,
    Suspended,
    Finished,
    Faulted,
    Cancelled,
}

/// <summary>Where an instance waits, until a stimulus resumes it. Consumed exactly once.</summary>
public sealed record BookmarkState(
    Guid Id,
    string ActivityId,
    string Kind,
    string? Key,
    JsonObject? Payload,
    DateTimeOffset? DueAt,
    DateTimeOffset CreatedAt);

/// <summary>The tokens that have reached a FlowJoin from each of its inbound connections.</summary>
public sealed record JoinState(IReadOnlyList<string> ArrivedFrom);

/// <summary>
/// Everything a running instance is, as plain data: stored as JSON between steps, so any server
/// process can pick the instance up. Pinned to the definition version it started on. The executor
/// changes a copy (<see cref="Clone"/>) and hands it back for the caller to store.
/// </summary>
public sealed class WorkflowInstanceState
{
    public required Guid InstanceId { get; init; }

    public required string DefinitionId { get; init; }

    public required int DefinitionVersion { get; init; }

    public WorkflowStatus Status { get; set; } = WorkflowStatus.Running;

    public string? CorrelationId { get; set; }

    public Dictionary<string, JsonNode?> Variables { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, JsonNode?> Input { get; init; } = new(StringComparer.Ordinal);

    public List<BookmarkState> Bookmarks { get; init; } = [];

    public Dictionary<string, JoinState> Joins { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The activity where the instance faulted, so a retry can start there again.</summary>
    public string? FaultedActivityId { get; set; }

    public string? FaultMessage { get; set; }

    public string? Outcome { get; set; }

    public long StepsTaken { get; set; }

    public WorkflowInstanceState Clone() => new()
    {
        InstanceId = InstanceId,
        DefinitionId = DefinitionId,
        DefinitionVersion = DefinitionVersion,
        Status = Status,
        CorrelationId = CorrelationId,
        Variables = Variables.ToDictionary(p => p.Key, p => p.Value?.DeepClone(), StringComparer.Ordinal),
        Input = Input.ToDictionary(p => p.Key, p => p.Value?.DeepClone(), StringComparer.Ordinal),
        Bookmarks = [.. Bookmarks],
        Joins = new Dictionary<string, JoinState>(Joins, StringComparer.Ordinal),
        FaultedActivityId = FaultedActivityId,
        FaultMessage = FaultMessage,
        Outcome = Outcome,
        StepsTaken = StepsTaken,
    };
}
