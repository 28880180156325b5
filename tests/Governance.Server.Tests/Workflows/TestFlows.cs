using System.Text.Json.Nodes;

namespace Governance.Server.Tests.Workflows;

/// <summary>Small definitions for the hosting tests, written in the file format.</summary>
public static class TestFlows
{
    public static string Input(string type, string language, object? value) =>
        $$"""{ "typeName": "{{type}}", "expression": { "type": "{{language}}", "value": {{System.Text.Json.JsonSerializer.Serialize(value)}} } }""";

    /// <summary>start → wait for event "Approved" keyed by the input Key → set Decision → finish.</summary>
    public static string WaitForEvent(string id = "wait-event", string name = "等待事件") => $$"""
    {
      "definitionId": "{{id}}", "version": 1, "name": "{{name}}", "isPublished": true,
      "variables": [ { "id": "v1", "name": "Decision", "typeName": "String", "value": "" },
                     { "id": "v2", "name": "Payload", "typeName": "Object" } ],
      "inputs": [ { "name": "Key", "type": "String", "isRequired": true } ],
      "outcomes": [ "Done" ],
      "root": { "id": "flow", "type": "Elsa.Flowchart", "version": 1,
        "activities": [
          { "id": "start", "type": "Elsa.Start", "version": 1 },
          { "id": "wait", "type": "Elsa.Event", "version": 1,
            "eventName": {{Input("String", "Literal", "Approved")}},
            "correlationKey": {{Input("String", "JavaScript", "input.Key")}},
            "resultVariable": "Payload",
            "metadata": { "designer": { "position": { "x": 200, "y": 80 } } } },
          { "id": "set", "type": "Elsa.SetVariable", "version": 1, "variable": "Decision",
            "value": {{Input("String", "JavaScript", "variables.Payload ? variables.Payload.decision : 'none'")}} },
          { "id": "end", "type": "Elsa.Finish", "version": 1, "outcome": {{Input("String", "Literal", "Done")}} }
        ],
        "connections": [
          { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "wait", "port": "In" } },
          { "source": { "activity": "wait", "port": "Done" }, "target": { "activity": "set", "port": "In" } },
          { "source": { "activity": "set", "port": "Done" }, "target": { "activity": "end", "port": "In" } }
        ] }
    }
    """;

    /// <summary>start → delay 3 days → finish.</summary>
    public static string Delay(string id = "delay-three-days") => $$"""
    {
      "definitionId": "{{id}}", "version": 1, "name": "延时三天", "isPublished": true,
      "variables": [], "inputs": [], "outcomes": [],
      "root": { "id": "flow", "type": "Elsa.Flowchart", "version": 1,
        "activities": [
          { "id": "start", "type": "Elsa.Start", "version": 1 },
          { "id": "delay", "type": "Elsa.Delay", "version": 1, "timeSpan": {{Input("TimeSpan", "Literal", "3.00:00:00")}} },
          { "id": "end", "type": "Elsa.Finish", "version": 1 }
        ],
        "connections": [
          { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "delay", "port": "In" } },
          { "source": { "activity": "delay", "port": "Done" }, "target": { "activity": "end", "port": "In" } }
        ] }
    }
    """;

    /// <summary>start → a decision whose JavaScript throws unless the variable Fixed is true → finish.</summary>
    public static string FailsUntilFixed(string id = "fails-until-fixed") => $$"""
    {
      "definitionId": "{{id}}", "version": 1, "name": "出错后重试", "isPublished": true,
      "variables": [ { "id": "v1", "name": "Fixed", "typeName": "Boolean", "value": false } ],
      "inputs": [], "outcomes": [],
      "root": { "id": "flow", "type": "Elsa.Flowchart", "version": 1,
        "activities": [
          { "id": "start", "type": "Elsa.Start", "version": 1 },
          { "id": "check", "type": "Elsa.FlowDecision", "version": 1,
            "condition": {{Input("Boolean", "JavaScript", "if (!variables.Fixed) { throw new Error('数据未就绪'); } true")}} },
          { "id": "end", "type": "Elsa.Finish", "version": 1 }
        ],
        "connections": [
          { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "check", "port": "In" } },
          { "source": { "activity": "check", "port": "True" }, "target": { "activity": "end", "port": "In" } },
          { "source": { "activity": "check", "port": "False" }, "target": { "activity": "end", "port": "In" } }
        ] }
    }
    """;

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
