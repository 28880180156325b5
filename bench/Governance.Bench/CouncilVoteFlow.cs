using System.Text.Json.Nodes;

namespace Governance.Bench;

/// <summary>
/// The benchmark workload in our workflow format, step for step the bpmn-engine council-approval
/// process: start → N parallel vote waits → two-thirds decision → (generate a ≥2 KB resolution) →
/// notify → end. Each vote wait is an Elsa.Event keyed by instance and member; the vote is tallied in
/// the same step by a SetVariable.
/// </summary>
internal static class CouncilVoteFlow
{
    public static string DefinitionId(int n) => $"bench-council-vote-{n}";

    public static string Json(int n)
    {
        static JsonObject Input(string type, string language, JsonNode value) =>
            new() { ["typeName"] = type, ["expression"] = new JsonObject { ["type"] = language, ["value"] = value } };

        var activities = new JsonArray
        {
            new JsonObject { ["id"] = "start", ["type"] = "Elsa.Start", ["version"] = 1 },
            new JsonObject { ["id"] = "fork", ["type"] = "Elsa.FlowFork", ["version"] = 1, ["branches"] = new JsonArray(Enumerable.Range(0, n).Select(i => (JsonNode)$"m{i}").ToArray()) },
            new JsonObject { ["id"] = "join", ["type"] = "Elsa.FlowJoin", ["version"] = 1, ["mode"] = "WaitAll" },
            new JsonObject
            {
                ["id"] = "decide", ["type"] = "Elsa.FlowDecision", ["version"] = 1,
                ["condition"] = Input("Boolean", "JavaScript", "variables.Approvals * 3 >= variables.Votes * 2"),
            },
            new JsonObject
            {
                ["id"] = "generateResolution", ["type"] = "Elsa.SetVariable", ["version"] = 1, ["variable"] = "Resolution",
                ["value"] = Input("String", "JavaScript", "'理事会决议：同意 ' + variables.Approvals + ' 票，共 ' + variables.Votes + ' 票。' + '本决议自表决通过之日起生效。'.repeat(150)"),
            },
            new JsonObject
            {
                ["id"] = "notify", ["type"] = "Elsa.SetVariable", ["version"] = 1, ["variable"] = "Notified",
                ["value"] = Input("Boolean", "Literal", true),
            },
            new JsonObject { ["id"] = "end", ["type"] = "Elsa.Finish", ["version"] = 1 },
        };
        var connections = new JsonArray
        {
            Link("start", "Done", "fork"),
            Link("join", "Done", "decide"),
            Link("decide", "True", "generateResolution"),
            Link("decide", "False", "notify"),
            Link("generateResolution", "Done", "notify"),
            Link("notify", "Done", "end"),
        };
        for (var i = 0; i < n; i++)
        {
            activities.Add(new JsonObject
            {
                ["id"] = $"vote{i}", ["type"] = "Elsa.Event", ["version"] = 1,
                ["eventName"] = Input("String", "Literal", "vote"),
                ["correlationKey"] = Input("String", "Literal", $"m{i}"),
                ["resultVariable"] = "LastVote",
            });
            activities.Add(new JsonObject
            {
                ["id"] = $"tally{i}", ["type"] = "Elsa.SetVariable", ["version"] = 1, ["variable"] = "Approvals",
                ["value"] = Input("Int32", "JavaScript", "variables.Approvals + (variables.LastVote.vote === 'approve' ? 1 : 0)"),
            });
            activities.Add(new JsonObject
            {
                ["id"] = $"count{i}", ["type"] = "Elsa.SetVariable", ["version"] = 1, ["variable"] = "Votes",
                ["value"] = Input("Int32", "JavaScript", "variables.Votes + 1"),
            });
            connections.Add(Link("fork", $"m{i}", $"vote{i}"));
            connections.Add(Link($"vote{i}", "Done", $"tally{i}"));
            connections.Add(Link($"tally{i}", "Done", $"count{i}"));
            connections.Add(Link($"count{i}", "Done", "join"));
        }

        var definition = new JsonObject
        {
            ["definitionId"] = DefinitionId(n),
            ["version"] = 1,
            ["name"] = $"Council vote benchmark (N={n})",
            ["variables"] = new JsonArray
            {
                new JsonObject { ["id"] = "approvals", ["name"] = "Approvals", ["typeName"] = "Int32", ["value"] = 0 },
                new JsonObject { ["id"] = "votes", ["name"] = "Votes", ["typeName"] = "Int32", ["value"] = 0 },
                new JsonObject { ["id"] = "last", ["name"] = "LastVote", ["typeName"] = "Object" },
                new JsonObject { ["id"] = "resolution", ["name"] = "Resolution", ["typeName"] = "String" },
                new JsonObject { ["id"] = "notified", ["name"] = "Notified", ["typeName"] = "Boolean", ["value"] = false },
            },
            ["inputs"] = new JsonArray(),
            ["outcomes"] = new JsonArray(),
            ["root"] = new JsonObject { ["id"] = "flow", ["type"] = "Elsa.Flowchart", ["version"] = 1, ["activities"] = activities, ["connections"] = connections },
        };
        return definition.ToJsonString();

        static JsonObject Link(string from, string port, string to) => new()
        {
            ["source"] = new JsonObject { ["activity"] = from, ["port"] = port },
            ["target"] = new JsonObject { ["activity"] = to, ["port"] = "In" },
        };
    }

    /// <summary>The vote rule of the bpmn-engine baseline (lib/council.mjs#voteFor): 90 % approved, 10 % rejected.</summary>
    public static bool Approves(int instance, int member) =>
        instance % 10 == 9 ? member % 2 != 0 : member % 4 != 3;

    public static bool ExpectApproved(int instance, int n)
    {
        var approvals = Enumerable.Range(0, n).Count(m => Approves(instance, m));
        return approvals * 3 >= n * 2;
    }
}
