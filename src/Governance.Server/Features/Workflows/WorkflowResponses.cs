using System.Text.Json.Nodes;
using Governance.Server.WorkflowHosting;
using Governance.Workflows.Activities;
using Governance.Workflows.Runtime;

namespace Governance.Server.Features.Workflows;

public sealed record DefinitionVersionResponse(
    string DefinitionId, int Version, DefinitionStatus Status, string Name, DateTimeOffset CreatedAt,
    DateTimeOffset? PublishedAt, DateTimeOffset? RetractedAt, JsonNode? Definition)
{
    public static DefinitionVersionResponse From(WorkflowDefinitionRecord record, bool withDefinition)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.DefinitionId, record.Version, record.Status, record.Name, record.CreatedAt, record.PublishedAt, record.RetractedAt,
            withDefinition ? JsonNode.Parse(record.Json) : null);
    }
}

public sealed record DefinitionSummaryResponse(string DefinitionId, string Name, int LatestVersion, int? PublishedVersion, bool HasDraft);

public sealed record ActivityDescriptorResponse(
    string Type, int Version, string Category, string DisplayNameZh, string DisplayNameEn, string Description,
    IReadOnlyList<ActivityInputDescriptor> Inputs, IReadOnlyList<ActivityOutputDescriptor> Outputs, IReadOnlyList<string> Outcomes,
    bool HasDynamicPorts, bool CanWait)
{
    public static ActivityDescriptorResponse From(ActivityDescriptor d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(d.Type, d.Version, d.Category, d.DisplayNameZh, d.DisplayNameEn, d.Description, d.Inputs, d.Outputs, d.Outcomes, d.HasDynamicPorts, d.CanWait);
    }
}

public sealed record InstanceSummaryResponse(
    Guid Id, string DefinitionId, int DefinitionVersion, WorkflowStatus Status, string? CorrelationId,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? EndedAt)
{
    public static InstanceSummaryResponse From(WorkflowInstanceRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.DefinitionId, r.DefinitionVersion, r.Status, r.CorrelationId, r.CreatedAt, r.UpdatedAt, r.EndedAt);
    }
}

public sealed record BookmarkResponse(Guid Id, string ActivityId, string Kind, string? Key, DateTimeOffset? DueAt, DateTimeOffset CreatedAt);

public sealed record JournalEntryResponse(long Id, DateTimeOffset At, string ActivityId, string ActivityType, string Event, string? Outcome, string? Actor, string? Summary);

public sealed record IncidentResponse(long Id, DateTimeOffset At, string ActivityId, string ActivityType, string Message, DateTimeOffset? ResolvedAt);

public sealed record InstanceResponse(
    InstanceSummaryResponse Instance,
    IReadOnlyDictionary<string, JsonNode?> Variables,
    IReadOnlyDictionary<string, JsonNode?> Input,
    string? Outcome,
    string? FaultMessage,
    IReadOnlyList<BookmarkResponse> Bookmarks,
    IReadOnlyList<JournalEntryResponse> Journal,
    IReadOnlyList<IncidentResponse> Incidents);
