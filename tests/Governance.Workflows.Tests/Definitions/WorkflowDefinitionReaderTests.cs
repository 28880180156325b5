using System.Text.Json.Nodes;
using Governance.Workflows.Definitions;
using Governance.Workflows.Tests.Builders;
using Governance.Workflows.Validation;

namespace Governance.Workflows.Tests.Definitions;

public sealed class WorkflowDefinitionReaderTests
{
    [Fact]
    public void Read_BuiltDefinition_HasNoErrors()
    {
        var result = WorkflowDefinitionReader.Read(FlowBuilder.Create().Start().Finish().Chain("start", "end").ToJson());

        Assert.Empty(result.Errors);
        Assert.NotNull(result.Definition);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"member-admission\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void Read_NotAnObject_ReportsInvalidPropertyAtRoot(string json)
    {
        var result = WorkflowDefinitionReader.Read(json);

        var error = Assert.Single(result.Errors);
        Assert.Equal((WorkflowErrorCodes.InvalidProperty, "$"), (error.Code, error.Path));
        Assert.Null(result.Definition);
    }

    [Fact]
    public void Read_MalformedJson_ReportsMalformedJsonWithLineAndPosition()
    {
        const string json = """
            {
              "definitionId": "member-admission",
              "version": 3,,
              "root": { "type": "Elsa.Flowchart", "activities": [] }
            }
            """;

        var result = WorkflowDefinitionReader.Read(json);

        var error = Assert.Single(result.Errors);
        Assert.Equal((WorkflowErrorCodes.MalformedJson, "$"), (error.Code, error.Path));
        Assert.Contains("line 3, position ", error.Message, StringComparison.Ordinal);
        Assert.Null(result.Definition);
    }

    [Fact]
    public void Read_TrailingComma_IsMalformedJson()
    {
        var result = WorkflowDefinitionReader.Read("""{ "definitionId": "a", "root": { "type": "Elsa.Flowchart", "activities": [], }, }""");

        Assert.Equal(WorkflowErrorCodes.MalformedJson, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void Read_Comments_AreSkipped()
    {
        var result = WorkflowDefinitionReader.Read("""
            // the smallest definition
            { "definitionId": "a", /* no activities yet */ "root": { "type": "Elsa.Flowchart", "activities": [] } }
            """);

        Assert.Empty(result.Errors);
        Assert.Equal("a", result.Definition!.DefinitionId);
    }

    [Fact]
    public void Read_EmptyText_IsMalformedJson()
    {
        var result = WorkflowDefinitionReader.Read(string.Empty);

        Assert.Equal(WorkflowErrorCodes.MalformedJson, Assert.Single(result.Errors).Code);
    }

    [Theory]
    [InlineData("""{ "definitionId": "a", "definitionId": "b", "root": { "type": "Elsa.Flowchart", "activities": [] } }""")]
    [InlineData("""{ "definitionId": "a", "root": { "type": "Elsa.Flowchart", "activities": [ { "id": "s", "id": "t", "type": "Elsa.Start" } ] } }""")]
    public void Read_DuplicatePropertyName_IsReportedNotThrown(string json)
    {
        var result = WorkflowDefinitionReader.Read(json);

        Assert.NotEmpty(result.Errors);
        Assert.Null(result.Definition);
    }

    [Fact]
    public void Read_MissingDefinitionId_ReportsMissingPropertyAndNoDefinition()
    {
        var json = FlowBuilder.Create().Start().Build();
        json.Remove("definitionId");

        var result = WorkflowDefinitionReader.Read(json);

        AssertSingleError(result, WorkflowErrorCodes.MissingProperty, "$.definitionId");
        Assert.Null(result.Definition);
    }

    [Fact]
    public void Read_BlankDefinitionId_ReportsMissingProperty()
    {
        var json = FlowBuilder.Create("  ").Start().Build();

        AssertSingleError(WorkflowDefinitionReader.Read(json), WorkflowErrorCodes.MissingProperty, "$.definitionId");
    }

    [Fact]
    public void Read_DefinitionIdNotAString_ReportsInvalidPropertyOnce()
    {
        var json = FlowBuilder.Create().Start().Build();
        json["definitionId"] = 12;

        AssertSingleError(WorkflowDefinitionReader.Read(json), WorkflowErrorCodes.InvalidProperty, "$.definitionId");
    }

    [Fact]
    public void Read_MissingRoot_ReportsMissingPropertyAndNoDefinition()
    {
        var json = FlowBuilder.Create().Build();
        json.Remove("root");

        var result = WorkflowDefinitionReader.Read(json);

        AssertSingleError(result, WorkflowErrorCodes.MissingProperty, "$.root");
        Assert.Null(result.Definition);
    }

    [Fact]
    public void Read_RootNotAnObject_ReportsMissingProperty()
    {
        var json = FlowBuilder.Create().Build();
        json["root"] = new JsonArray();

        AssertSingleError(WorkflowDefinitionReader.Read(json), WorkflowErrorCodes.MissingProperty, "$.root");
    }

    [Fact]
    public void Read_MissingActivities_ReportsMissingProperty()
    {
        var json = FlowBuilder.Create().Build();
        json["root"]!.AsObject().Remove("activities");

        AssertSingleError(WorkflowDefinitionReader.Read(json), WorkflowErrorCodes.MissingProperty, "$.root.activities");
    }

    [Fact]
    public void Read_ActivitiesNotAnArray_ReportsInvalidProperty()
    {
        var json = FlowBuilder.Create().Build();
        json["root"]!["activities"] = new JsonObject { ["start"] = new JsonObject { ["type"] = "Elsa.Start" } };

        AssertSingleError(WorkflowDefinitionReader.Read(json), WorkflowErrorCodes.InvalidProperty, "$.root.activities");
    }

    [Fact]
    public void Read_ConnectionsNotAnArray_ReportsInvalidProperty()
    {
        var json = FlowBuilder.Create().Start().Build();
        json["root"]!["connections"] = "start -> end";

        AssertSingleError(WorkflowDefinitionReader.Read(json), WorkflowErrorCodes.InvalidProperty, "$.root.connections");
    }

    [Theory]
    [InlineData("\"3\"")]
    [InlineData("2.5")]
    [InlineData("true")]
    [InlineData("99999999999")]
    public void Read_VersionNotAWholeNumber_ReportsInvalidProperty(string version)
    {
        var json = FlowBuilder.Create().Start().Build();
        json["version"] = JsonNode.Parse(version);

        AssertSingleError(WorkflowDefinitionReader.Read(json), WorkflowErrorCodes.InvalidProperty, "$.version");
    }

    [Fact]
    public void Read_IsPublishedNotABoolean_ReportsInvalidProperty()
    {
        var json = FlowBuilder.Create().Start().Envelope("isPublished", "yes").Build();

        AssertSingleError(WorkflowDefinitionReader.Read(json), WorkflowErrorCodes.InvalidProperty, "$.isPublished");
    }

    [Fact]
    public void Read_ConnectionWithoutSource_ReportsMissingPropertyAtSource()
    {
        var json = FlowBuilder.Create().Start().Finish().Connect("start", "end").Build();
        json["root"]!["connections"]![0]!.AsObject().Remove("source");

        var result = WorkflowDefinitionReader.Read(json);

        AssertSingleError(result, WorkflowErrorCodes.MissingProperty, "$.root.connections[0].source");
        Assert.Empty(result.Definition!.Root.Connections);
    }

    [Fact]
    public void Read_ConnectionWithoutTarget_ReportsMissingPropertyAtTarget()
    {
        var json = FlowBuilder.Create().Start().Finish().Connect("start", "end").Build();
        json["root"]!["connections"]![0]!.AsObject().Remove("target");

        AssertSingleError(WorkflowDefinitionReader.Read(json), WorkflowErrorCodes.MissingProperty, "$.root.connections[0].target");
    }

    [Fact]
    public void Read_ConnectionEndWithoutActivity_ReportsMissingPropertyAtActivity()
    {
        var json = FlowBuilder.Create().Start().Finish().Connect("start", "end").Build();
        json["root"]!["connections"]![0]!["target"]!.AsObject().Remove("activity");

        AssertSingleError(WorkflowDefinitionReader.Read(json), WorkflowErrorCodes.MissingProperty, "$.root.connections[0].target.activity");
    }

    [Fact]
    public void Read_ConnectionWithoutPorts_DefaultsToDoneAndIn()
    {
        var json = FlowBuilder.Create().Start().Finish().Build();
        json["root"]!["connections"] = JsonNode.Parse("""[ { "source": { "activity": "start" }, "target": { "activity": "end" } } ]""");

        var result = WorkflowDefinitionReader.Read(json);

        Assert.Empty(result.Errors);
        Assert.Equal(new ConnectionDefinition("start", "Done", "end", "In"), Assert.Single(result.Definition!.Root.Connections));
    }

    [Fact]
    public void Read_ActivityWithoutId_ReportsMissingPropertyAndSkipsIt()
    {
        var json = FlowBuilder.Create().Start().Finish().Build();
        json["root"]!["activities"]![1]!.AsObject().Remove("id");

        var result = WorkflowDefinitionReader.Read(json);

        AssertSingleError(result, WorkflowErrorCodes.MissingProperty, "$.root.activities[1].id");
        Assert.Single(result.Definition!.Root.Activities);
    }

    [Fact]
    public void Read_ActivityWithoutType_ReportsMissingProperty()
    {
        var json = FlowBuilder.Create().Start().Finish().Build();
        json["root"]!["activities"]![0]!.AsObject().Remove("type");

        AssertSingleError(WorkflowDefinitionReader.Read(json), WorkflowErrorCodes.MissingProperty, "$.root.activities[0].type");
    }

    [Fact]
    public void Read_ActivityNotAnObject_ReportsInvalidProperty()
    {
        var json = FlowBuilder.Create().Start().Build();
        json["root"]!["activities"]!.AsArray().Add("Elsa.Finish");

        AssertSingleError(WorkflowDefinitionReader.Read(json), WorkflowErrorCodes.InvalidProperty, "$.root.activities[1]");
    }

    [Fact]
    public void Read_MetadataNotAnObject_ReportsInvalidProperty()
    {
        var json = FlowBuilder.Create().Start().Build();
        json["root"]!["activities"]![0]!["metadata"] = "at 0,0";

        AssertSingleError(WorkflowDefinitionReader.Read(json), WorkflowErrorCodes.InvalidProperty, "$.root.activities[0].metadata");
    }

    [Fact]
    public void Read_VariableWithoutName_ReportsMissingProperty()
    {
        var json = FlowBuilder.Create().Start().Build();
        json["variables"] = JsonNode.Parse("""[ { "id": "v1", "typeName": "String" } ]""");

        AssertSingleError(WorkflowDefinitionReader.Read(json), WorkflowErrorCodes.MissingProperty, "$.variables[0].name");
    }

    [Fact]
    public void Read_InputsNotAnArray_ReportsInvalidProperty()
    {
        var json = FlowBuilder.Create().Start().Envelope("inputs", new JsonObject()).Build();

        AssertSingleError(WorkflowDefinitionReader.Read(json), WorkflowErrorCodes.InvalidProperty, "$.inputs");
    }

    [Fact]
    public void Read_OutcomeNotAString_ReportsInvalidPropertyAtItsIndex()
    {
        var json = FlowBuilder.Create().Start().Envelope("outcomes", new JsonArray("Admitted", 2)).Build();

        AssertSingleError(WorkflowDefinitionReader.Read(json), WorkflowErrorCodes.InvalidProperty, "$.outcomes[1]");
    }

    [Fact]
    public void Read_SeveralShapeErrors_ReportsAllOfThem()
    {
        var json = FlowBuilder.Create().Start().Finish().Connect("start", "end").Build();
        json["version"] = "one";
        json["isPublished"] = 1;
        json["variables"] = "none";
        json["root"]!["activities"]![1]!.AsObject().Remove("type");
        json["root"]!["connections"]![0]!.AsObject().Remove("target");

        var result = WorkflowDefinitionReader.Read(json);

        Assert.Equal(
            ["$.version", "$.isPublished", "$.variables", "$.root.activities[1].type", "$.root.connections[0].target"],
            result.Errors.Select(e => e.Path));
    }

    [Fact]
    public void Read_MinimalDefinition_FillsDefaults()
    {
        var result = WorkflowDefinitionReader.Read("""{ "definitionId": "a", "root": { "type": "Elsa.Flowchart", "activities": [] } }""");

        var definition = result.Definition!;
        Assert.Equal((1, "a", false, "flow"), (definition.Version, definition.Name, definition.IsPublished, definition.Root.Id));
        Assert.Empty(definition.Variables);
        Assert.Empty(definition.Root.Connections);
    }

    private static void AssertSingleError(WorkflowReadResult result, string code, string path)
    {
        var error = Assert.Single(result.Errors);
        Assert.Equal((code, path), (error.Code, error.Path));
    }
}
