using System.Text.Json.Nodes;
using Governance.Workflows.Definitions;

namespace Governance.Workflows.Tests.Builders;

/// <summary>
/// Builds workflow definition JSON (Elsa 3 shape) so a test states only the activities and connections
/// that matter. Every activity gets <c>"version": 1</c>; connections default to <c>Done → In</c>.
/// </summary>
internal sealed class FlowBuilder
{
    private readonly JsonObject _envelope;
    private readonly JsonObject _root;
    private readonly JsonArray _variables = [];
    private readonly JsonArray _inputs = [];
    private readonly JsonArray _outcomes = [];
    private readonly JsonArray _activities = [];
    private readonly JsonArray _connections = [];

    private FlowBuilder(string definitionId)
    {
        _root = new JsonObject
        {
            ["id"] = "flow",
            ["type"] = "Elsa.Flowchart",
            ["version"] = 1,
            ["activities"] = _activities,
            ["connections"] = _connections,
        };
        _envelope = new JsonObject
        {
            ["definitionId"] = definitionId,
            ["version"] = 1,
            ["name"] = "Test flow",
            ["isPublished"] = false,
            ["variables"] = _variables,
            ["inputs"] = _inputs,
            ["outcomes"] = _outcomes,
            ["root"] = _root,
        };
    }

    public static FlowBuilder Create(string definitionId = "test-flow") => new(definitionId);

    public FlowBuilder Version(int version) => Envelope("version", version);

    /// <summary>Sets any envelope property (including ones the format does not name).</summary>
    public FlowBuilder Envelope(string property, JsonNode? value)
    {
        _envelope[property] = value;
        return this;
    }

    public FlowBuilder RootType(string type)
    {
        _root["type"] = type;
        return this;
    }

    public FlowBuilder Variable(string name, string typeName, JsonNode? value = null)
    {
        _variables.Add(new JsonObject { ["id"] = "var-" + name, ["name"] = name, ["typeName"] = typeName, ["value"] = value });
        return this;
    }

    public FlowBuilder Input(string name, string type, bool required = false)
    {
        _inputs.Add(new JsonObject { ["name"] = name, ["type"] = type, ["isRequired"] = required });
        return this;
    }

    public FlowBuilder Outcomes(params string[] outcomes)
    {
        foreach (var outcome in outcomes)
        {
            _outcomes.Add(outcome);
        }

        return this;
    }

    /// <summary>Adds an activity of any type with the given properties (inputs and settings as written in the file).</summary>
    public FlowBuilder Activity(string id, string type, JsonObject? properties = null)
    {
        var activity = new JsonObject { ["id"] = id, ["type"] = type, ["version"] = 1 };
        foreach (var (name, value) in properties ?? [])
        {
            activity[name] = value?.DeepClone();
        }

        _activities.Add(activity);
        return this;
    }

    public FlowBuilder Start(string id = "start") => Activity(id, "Elsa.Start");

    public FlowBuilder Finish(string id = "end", string? outcome = null) =>
        Activity(id, "Elsa.Finish", outcome is null ? null : new JsonObject { ["outcome"] = Expr.Literal(outcome, "String") });

    public FlowBuilder Decision(string id, JsonObject? condition) =>
        Activity(id, "Elsa.FlowDecision", condition is null ? null : new JsonObject { ["condition"] = condition });

    public FlowBuilder Decision(string id, string javaScript) => Decision(id, Expr.JavaScript(javaScript, "Boolean"));

    public FlowBuilder SetVariable(string id, string variable, JsonObject value) =>
        Activity(id, "Elsa.SetVariable", new JsonObject { ["variable"] = variable, ["value"] = value });

    public FlowBuilder Delay(string id, JsonObject? timeSpan) =>
        Activity(id, "Elsa.Delay", timeSpan is null ? null : new JsonObject { ["timeSpan"] = timeSpan });

    public FlowBuilder Delay(string id, string timeSpan) => Delay(id, Expr.Literal(timeSpan, "TimeSpan"));

    public FlowBuilder StartAt(string id, string dateTime) =>
        Activity(id, "Elsa.StartAt", new JsonObject { ["dateTime"] = Expr.Literal(dateTime, "DateTime") });

    public FlowBuilder Event(string id, string eventName, JsonObject? correlationKey = null, string? resultVariable = null)
    {
        var properties = new JsonObject { ["eventName"] = Expr.Literal(eventName, "String") };
        if (correlationKey is not null)
        {
            properties["correlationKey"] = correlationKey;
        }

        if (resultVariable is not null)
        {
            properties["resultVariable"] = resultVariable;
        }

        return Activity(id, "Elsa.Event", properties);
    }

    public FlowBuilder Fork(string id, params string[] branches) =>
        Activity(id, "Elsa.FlowFork", new JsonObject { ["branches"] = new JsonArray([.. branches.Select(b => (JsonNode)b)]) });

    public FlowBuilder Join(string id, string mode = "WaitAll") =>
        Activity(id, "Elsa.FlowJoin", new JsonObject { ["mode"] = mode });

    public FlowBuilder Switch(string id, string? mode, params JsonObject[] cases)
    {
        var properties = new JsonObject { ["cases"] = new JsonArray([.. cases]) };
        if (mode is not null)
        {
            properties["mode"] = mode;
        }

        return Activity(id, "Elsa.FlowSwitch", properties);
    }

    public FlowBuilder SendEmail(string id, JsonObject to, JsonObject subject, JsonObject body) =>
        Activity(id, "Elsa.SendEmail", new JsonObject { ["to"] = to, ["subject"] = subject, ["body"] = body });

    public FlowBuilder Fault(string id, string message) =>
        Activity(id, "Elsa.Fault", new JsonObject { ["message"] = Expr.Literal(message, "String") });

    /// <summary>Connects <paramref name="source"/>'s <c>Done</c> port to <paramref name="target"/>'s <c>In</c>.</summary>
    public FlowBuilder Connect(string source, string target) => Connect(source, "Done", target);

    public FlowBuilder Connect(string source, string sourcePort, string target, string targetPort = "In")
    {
        _connections.Add(new JsonObject
        {
            ["source"] = new JsonObject { ["activity"] = source, ["port"] = sourcePort },
            ["target"] = new JsonObject { ["activity"] = target, ["port"] = targetPort },
        });
        return this;
    }

    /// <summary>Connects each activity's <c>Done</c> to the next one's <c>In</c>.</summary>
    public FlowBuilder Chain(params string[] ids)
    {
        for (var i = 1; i < ids.Length; i++)
        {
            Connect(ids[i - 1], ids[i]);
        }

        return this;
    }

    /// <summary>The definition as JSON (a copy: later changes to the builder do not reach it).</summary>
    public JsonObject Build() => (JsonObject)_envelope.DeepClone();

    public string ToJson() => _envelope.ToJsonString();

    /// <summary>Reads the definition from its text, as the server reads files; the builder's output must have no shape errors.</summary>
    public WorkflowDefinition ToDefinition()
    {
        var read = WorkflowDefinitionReader.Read(ToJson());
        return read.Definition is not null && read.Errors.IsEmpty
            ? read.Definition
            : throw new InvalidOperationException("The built definition has shape errors: " + string.Join("; ", read.Errors));
    }
}
