using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace Governance.Workflows.Definitions;

/// <summary>
/// A workflow definition in the Elsa 3 shape (see shared/spec/workflow-format.md). Immutable; every
/// property the format does not name is kept in <see cref="Extra"/> so a file survives a round trip.
/// </summary>
public sealed record WorkflowDefinition(
    string DefinitionId,
    int Version,
    string Name,
    string? Description,
    bool IsPublished,
    ImmutableArray<VariableDefinition> Variables,
    ImmutableArray<InputDefinition> Inputs,
    ImmutableArray<string> Outcomes,
    FlowchartDefinition Root,
    JsonObject Extra)
{
    /// <summary>Finds an activity by id, or null.</summary>
    public ActivityDefinition? FindActivity(string id) => Root.Activities.FirstOrDefault(a => a.Id == id);
}

/// <summary>The root flowchart: its activities and the connections between their ports.</summary>
public sealed record FlowchartDefinition(
    string Id,
    string Type,
    int Version,
    ImmutableArray<ActivityDefinition> Activities,
    ImmutableArray<ConnectionDefinition> Connections,
    JsonObject Extra);

/// <summary>
/// One activity. <see cref="Properties"/> holds every property besides id, type, version, name and
/// metadata, as written: inputs (<c>{ typeName, expression }</c>) and plain settings alike.
/// </summary>
public sealed record ActivityDefinition(
    string Id,
    string Type,
    int Version,
    string? Name,
    JsonObject Properties,
    JsonObject? Metadata)
{
    /// <summary>The input of that name, if it is written in the input form.</summary>
    public InputExpression? Input(string name) =>
        Properties.TryGetPropertyValue(name, out var node) ? InputExpression.TryRead(node) : null;

    /// <summary>A plain setting (not an input expression), e.g. FlowJoin's <c>mode</c>.</summary>
    public JsonNode? Setting(string name) => Properties.TryGetPropertyValue(name, out var node) ? node : null;

    /// <summary>The designer's display text, falling back to the name and the id.</summary>
    public string DisplayText =>
        Metadata?["displayText"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
            ? Metadata["displayText"]!.GetValue<string>()
            : Name ?? Id;
}

/// <summary>An edge from one activity's outcome port to another activity's <c>In</c> port.</summary>
/// <remarks><paramref name="Extra"/> keeps what the format does not name (e.g. the designer's vertices); null when nothing.</remarks>
public sealed record ConnectionDefinition(string SourceActivity, string SourcePort, string TargetActivity, string TargetPort, JsonObject? Extra = null);

public sealed record VariableDefinition(string Id, string Name, string TypeName, JsonNode? Value, JsonObject? Extra = null);

public sealed record InputDefinition(string Name, string Type, bool IsRequired, JsonObject? Extra = null);
