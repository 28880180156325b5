using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Workflows.Validation;

namespace Governance.Workflows.Definitions;

/// <summary>The definition read from JSON (when its shape allowed it) and the shape errors found.</summary>
public sealed record WorkflowReadResult(WorkflowDefinition? Definition, ImmutableArray<WorkflowError> Errors);

/// <summary>
/// Reads the workflow file format. It reports every shape problem it can (with JSON paths) instead of
/// stopping at the first, so a person fixing a file sees all of them at once.
/// </summary>
public static class WorkflowDefinitionReader
{
    private static readonly HashSet<string> EnvelopeKeys =
        ["definitionId", "version", "name", "description", "isPublished", "variables", "inputs", "outcomes", "root"];

    private static readonly HashSet<string> FlowchartKeys = ["id", "type", "version", "activities", "connections"];

    private static readonly HashSet<string> ActivityKeys = ["id", "type", "version", "name", "metadata"];

    private static readonly HashSet<string> ConnectionKeys = ["source", "target"];

    private static readonly HashSet<string> VariableKeys = ["id", "name", "typeName", "value"];

    private static readonly HashSet<string> InputKeys = ["name", "type", "isRequired"];

    public static WorkflowReadResult Read(string json)
    {
        JsonNode? node;
        try
        {
            // A repeated property name is an error in a definition, not a value to pick one of.
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = false,
                AllowDuplicateProperties = false,
            });
        }
        catch (JsonException exception)
        {
            var where = exception.LineNumber is { } line ? $"line {line + 1}, position {exception.BytePositionInLine + 1}" : "unknown position";
            return new(null, [new WorkflowError(WorkflowErrorCodes.MalformedJson, exception.Path ?? "$", $"The file is not valid JSON ({where}): {exception.Message}")]);
        }

        return Read(node);
    }

    public static WorkflowReadResult Read(JsonNode? node)
    {
        var errors = ImmutableArray.CreateBuilder<WorkflowError>();
        if (node is not JsonObject envelope)
        {
            errors.Add(new(WorkflowErrorCodes.InvalidProperty, "$", "A workflow definition is a JSON object."));
            return new(null, errors.ToImmutable());
        }

        var definitionId = RequiredString(envelope, "definitionId", "$", errors);
        var version = OptionalInt(envelope, "version", "$", errors) ?? 1;
        var name = OptionalString(envelope, "name", "$", errors) ?? definitionId ?? string.Empty;
        var description = OptionalString(envelope, "description", "$", errors);
        var isPublished = OptionalBool(envelope, "isPublished", "$", errors) ?? false;
        var variables = ReadVariables(envelope, errors);
        var inputs = ReadInputs(envelope, errors);
        var outcomes = ReadStrings(envelope, "outcomes", "$", errors);
        var root = ReadFlowchart(envelope, errors);

        var extra = Extra(envelope, EnvelopeKeys);
        var definition = definitionId is null || root is null
            ? null
            : new WorkflowDefinition(definitionId, version, name, description, isPublished, variables, inputs, outcomes, root, extra);
        return new(definition, errors.ToImmutable());
    }

    private static FlowchartDefinition? ReadFlowchart(JsonObject envelope, ImmutableArray<WorkflowError>.Builder errors)
    {
        if (envelope["root"] is not JsonObject root)
        {
            errors.Add(new(WorkflowErrorCodes.MissingProperty, "$.root", "The definition needs a root flowchart."));
            return null;
        }

        var id = OptionalString(root, "id", "$.root", errors) ?? "flow";
        var type = RequiredString(root, "type", "$.root", errors) ?? string.Empty;
        var version = OptionalInt(root, "version", "$.root", errors) ?? 1;
        var activities = ImmutableArray.CreateBuilder<ActivityDefinition>();
        if (root["activities"] is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                var activity = ReadActivity(array[i], $"$.root.activities[{i}]", errors);
                if (activity is not null)
                {
                    activities.Add(activity);
                }
            }
        }
        else
        {
            errors.Add(root.ContainsKey("activities")
                ? new(WorkflowErrorCodes.InvalidProperty, "$.root.activities", "activities must be an array.")
                : new(WorkflowErrorCodes.MissingProperty, "$.root.activities", "The flowchart needs an activities array."));
        }

        var connections = ImmutableArray.CreateBuilder<ConnectionDefinition>();
        if (root["connections"] is JsonArray links)
        {
            for (var i = 0; i < links.Count; i++)
            {
                var connection = ReadConnection(links[i], $"$.root.connections[{i}]", errors);
                if (connection is not null)
                {
                    connections.Add(connection);
                }
            }
        }
        else if (root.ContainsKey("connections"))
        {
            errors.Add(new(WorkflowErrorCodes.InvalidProperty, "$.root.connections", "connections must be an array."));
        }

        return new FlowchartDefinition(id, type, version, activities.ToImmutable(), connections.ToImmutable(), Extra(root, FlowchartKeys));
    }

    private static ActivityDefinition? ReadActivity(JsonNode? node, string path, ImmutableArray<WorkflowError>.Builder errors)
    {
        if (node is not JsonObject activity)
        {
            errors.Add(new(WorkflowErrorCodes.InvalidProperty, path, "An activity is a JSON object."));
            return null;
        }

        var id = RequiredString(activity, "id", path, errors);
        var type = RequiredString(activity, "type", path, errors);
        var version = OptionalInt(activity, "version", path, errors) ?? 1;
        var name = OptionalString(activity, "name", path, errors);
        JsonObject? metadata = null;
        if (activity["metadata"] is JsonObject m)
        {
            metadata = (JsonObject)m.DeepClone();
        }
        else if (activity["metadata"] is not null)
        {
            errors.Add(new(WorkflowErrorCodes.InvalidProperty, path + ".metadata", "metadata must be an object."));
        }

        return id is null || type is null ? null : new ActivityDefinition(id, type, version, name, Extra(activity, ActivityKeys), metadata);
    }

    private static ConnectionDefinition? ReadConnection(JsonNode? node, string path, ImmutableArray<WorkflowError>.Builder errors)
    {
        if (node is not JsonObject connection)
        {
            errors.Add(new(WorkflowErrorCodes.InvalidProperty, path, "A connection is a JSON object."));
            return null;
        }

        string? Endpoint(string side, string defaultPort, out string port)
        {
            port = defaultPort;
            if (connection[side] is not JsonObject end)
            {
                errors.Add(new(WorkflowErrorCodes.MissingProperty, $"{path}.{side}", $"The connection needs a {side} {{ activity, port }}."));
                return null;
            }

            port = OptionalString(end, "port", $"{path}.{side}", errors) ?? defaultPort;
            return RequiredString(end, "activity", $"{path}.{side}", errors);
        }

        var source = Endpoint("source", "Done", out var sourcePort);
        var target = Endpoint("target", "In", out var targetPort);
        return source is null || target is null
            ? null
            : new ConnectionDefinition(source, sourcePort, target, targetPort, ExtraOrNull(connection, ConnectionKeys));
    }

    private static ImmutableArray<VariableDefinition> ReadVariables(JsonObject envelope, ImmutableArray<WorkflowError>.Builder errors)
    {
        var result = ImmutableArray.CreateBuilder<VariableDefinition>();
        if (envelope["variables"] is not JsonArray array)
        {
            if (envelope.ContainsKey("variables"))
            {
                errors.Add(new(WorkflowErrorCodes.InvalidProperty, "$.variables", "variables must be an array."));
            }

            return result.ToImmutable();
        }

        for (var i = 0; i < array.Count; i++)
        {
            var path = $"$.variables[{i}]";
            if (array[i] is not JsonObject variable)
            {
                errors.Add(new(WorkflowErrorCodes.InvalidProperty, path, "A variable is a JSON object."));
                continue;
            }

            var name = RequiredString(variable, "name", path, errors);
            var id = OptionalString(variable, "id", path, errors) ?? name;
            var typeName = OptionalString(variable, "typeName", path, errors) ?? "Object";
            if (name is not null)
            {
                var extra = ExtraOrNull(variable, VariableKeys);
                if (variable.TryGetPropertyValue("value", out var value) && value is null)
                {
                    // Keep an explicit "value": null through a round trip (an absent value is written as absent).
                    extra ??= [];
                    extra["value"] = null;
                }

                result.Add(new VariableDefinition(id!, name, typeName, variable["value"]?.DeepClone(), extra));
            }
        }

        return result.ToImmutable();
    }

    private static ImmutableArray<InputDefinition> ReadInputs(JsonObject envelope, ImmutableArray<WorkflowError>.Builder errors)
    {
        var result = ImmutableArray.CreateBuilder<InputDefinition>();
        if (envelope["inputs"] is not JsonArray array)
        {
            if (envelope.ContainsKey("inputs"))
            {
                errors.Add(new(WorkflowErrorCodes.InvalidProperty, "$.inputs", "inputs must be an array."));
            }

            return result.ToImmutable();
        }

        for (var i = 0; i < array.Count; i++)
        {
            var path = $"$.inputs[{i}]";
            if (array[i] is not JsonObject input)
            {
                errors.Add(new(WorkflowErrorCodes.InvalidProperty, path, "An input is a JSON object."));
                continue;
            }

            var name = RequiredString(input, "name", path, errors);
            var type = OptionalString(input, "type", path, errors) ?? "Object";
            var required = OptionalBool(input, "isRequired", path, errors) ?? false;
            if (name is not null)
            {
                result.Add(new InputDefinition(name, type, required, ExtraOrNull(input, InputKeys)));
            }
        }

        return result.ToImmutable();
    }

    private static ImmutableArray<string> ReadStrings(JsonObject obj, string key, string path, ImmutableArray<WorkflowError>.Builder errors)
    {
        if (obj[key] is not JsonArray array)
        {
            if (obj.ContainsKey(key))
            {
                errors.Add(new(WorkflowErrorCodes.InvalidProperty, $"{path}.{key}", $"{key} must be an array of strings."));
            }

            return [];
        }

        var result = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            {
                result.Add(v.GetValue<string>());
            }
            else
            {
                errors.Add(new(WorkflowErrorCodes.InvalidProperty, $"{path}.{key}[{i}]", "Expected a string."));
            }
        }

        return result.ToImmutable();
    }

    private static string? RequiredString(JsonObject obj, string key, string path, ImmutableArray<WorkflowError>.Builder errors)
    {
        var value = OptionalString(obj, key, path, errors);
        if (string.IsNullOrWhiteSpace(value) && (obj[key] is null || value is not null))
        {
            errors.Add(new(WorkflowErrorCodes.MissingProperty, $"{path}.{key}", $"{key} is required."));
            return null;
        }

        return value;
    }

    private static string? OptionalString(JsonObject obj, string key, string path, ImmutableArray<WorkflowError>.Builder errors)
    {
        var node = obj[key];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            return v.GetValue<string>();
        }

        errors.Add(new(WorkflowErrorCodes.InvalidProperty, $"{path}.{key}", $"{key} must be a string."));
        return null;
    }

    private static int? OptionalInt(JsonObject obj, string key, string path, ImmutableArray<WorkflowError>.Builder errors)
    {
        var node = obj[key];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var number))
        {
            return number;
        }

        errors.Add(new(WorkflowErrorCodes.InvalidProperty, $"{path}.{key}", $"{key} must be a whole number."));
        return null;
    }

    private static bool? OptionalBool(JsonObject obj, string key, string path, ImmutableArray<WorkflowError>.Builder errors)
    {
        var node = obj[key];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return v.GetValue<bool>();
        }

        errors.Add(new(WorkflowErrorCodes.InvalidProperty, $"{path}.{key}", $"{key} must be true or false."));
        return null;
    }

    private static JsonObject? ExtraOrNull(JsonObject source, HashSet<string> known)
    {
        var extra = Extra(source, known);
        return extra.Count == 0 ? null : extra;
    }

    private static JsonObject Extra(JsonObject source, HashSet<string> known)
    {
        var extra = new JsonObject();
        foreach (var (key, value) in source)
        {
            if (!known.Contains(key))
            {
                extra[key] = value?.DeepClone();
            }
        }

        return extra;
    }
}
