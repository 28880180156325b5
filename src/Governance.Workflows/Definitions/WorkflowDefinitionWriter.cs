using System.Text.Json;
using System.Text.Json.Nodes;

namespace Governance.Workflows.Definitions;

/// <summary>Writes a definition back into the file format, with every property it was read with.</summary>
public static class WorkflowDefinitionWriter
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(WorkflowDefinition definition) => ToJson(definition).ToJsonString(Indented) + "\n";

    public static JsonObject ToJson(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var envelope = new JsonObject
        {
            ["definitionId"] = definition.DefinitionId,
            ["version"] = definition.Version,
            ["name"] = definition.Name,
        };
        if (definition.Description is not null)
        {
            envelope["description"] = definition.Description;
        }

        envelope["isPublished"] = definition.IsPublished;
        envelope["variables"] = new JsonArray(definition.Variables.Select(v =>
        {
            var variable = new JsonObject { ["id"] = v.Id, ["name"] = v.Name, ["typeName"] = v.TypeName };
            if (v.Value is not null)
            {
                variable["value"] = v.Value.DeepClone();
            }

            return (JsonNode)WithExtra(variable, v.Extra);
        }).ToArray());
        envelope["inputs"] = new JsonArray(definition.Inputs.Select(i => (JsonNode)WithExtra(new JsonObject
        {
            ["name"] = i.Name,
            ["type"] = i.Type,
            ["isRequired"] = i.IsRequired,
        }, i.Extra)).ToArray());
        envelope["outcomes"] = new JsonArray(definition.Outcomes.Select(o => (JsonNode)JsonValue.Create(o)!).ToArray());
        var root = definition.Root;
        var flowchart = new JsonObject
        {
            ["id"] = root.Id,
            ["type"] = root.Type,
            ["version"] = root.Version,
            ["activities"] = new JsonArray(root.Activities.Select(a => (JsonNode)Activity(a)).ToArray()),
            ["connections"] = new JsonArray(root.Connections.Select(c => (JsonNode)WithExtra(new JsonObject
            {
                ["source"] = new JsonObject { ["activity"] = c.SourceActivity, ["port"] = c.SourcePort },
                ["target"] = new JsonObject { ["activity"] = c.TargetActivity, ["port"] = c.TargetPort },
            }, c.Extra)).ToArray()),
        };
        CopyInto(flowchart, root.Extra);
        envelope["root"] = flowchart;
        CopyInto(envelope, definition.Extra);
        return envelope;
    }

    private static JsonObject Activity(ActivityDefinition activity)
    {
        var json = new JsonObject
        {
            ["id"] = activity.Id,
            ["type"] = activity.Type,
            ["version"] = activity.Version,
        };
        if (activity.Name is not null)
        {
            json["name"] = activity.Name;
        }

        CopyInto(json, activity.Properties);
        if (activity.Metadata is not null)
        {
            json["metadata"] = activity.Metadata.DeepClone();
        }

        return json;
    }

    private static JsonObject WithExtra(JsonObject target, JsonObject? extra)
    {
        if (extra is not null)
        {
            CopyInto(target, extra);
        }

        return target;
    }

    private static void CopyInto(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source)
        {
            target[key] = value?.DeepClone();
        }
    }
}
