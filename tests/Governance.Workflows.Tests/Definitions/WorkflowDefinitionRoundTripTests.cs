using System.Text.Json.Nodes;
using Governance.Workflows.Definitions;
using Governance.Workflows.Tests.Builders;

namespace Governance.Workflows.Tests.Definitions;

public sealed class WorkflowDefinitionRoundTripTests
{
    [Fact]
    public void Write_RichDefinition_ReproducesTheFileExactly()
    {
        var original = JsonNode.Parse(SampleDefinitions.MemberAdmission);

        var read = WorkflowDefinitionReader.Read(SampleDefinitions.MemberAdmission);
        var written = JsonNode.Parse(WorkflowDefinitionWriter.Write(read.Definition!));

        Assert.Empty(read.Errors);
        Assert.True(JsonNode.DeepEquals(original, written), "Round trip changed the file:\n" + written!.ToJsonString());
    }

    [Fact]
    public void Read_RichDefinition_KeepsUnknownEnvelopePropertiesInExtra()
    {
        var definition = WorkflowDefinitionReader.Read(SampleDefinitions.MemberAdmission).Definition!;

        Assert.Equal(
            ["id", "isLatest", "createdAt", "toolVersion", "customProperties", "options"],
            definition.Extra.Select(p => p.Key));
        Assert.Equal("secretariat", definition.Extra["customProperties"]!["owner"]!.GetValue<string>());
    }

    [Fact]
    public void Read_RichDefinition_KeepsUnknownRootPropertiesInExtra()
    {
        var definition = WorkflowDefinitionReader.Read(SampleDefinitions.MemberAdmission).Definition!;

        Assert.Equal(["metadata", "customProperties"], definition.Root.Extra.Select(p => p.Key));
    }

    [Fact]
    public void Read_RichDefinition_KeepsUnknownActivityPropertiesBesideInputs()
    {
        var definition = WorkflowDefinitionReader.Read(SampleDefinitions.MemberAdmission).Definition!;

        var count = definition.FindActivity("count")!;

        Assert.Equal(["variable", "value", "customProperties"], count.Properties.Select(p => p.Key));
        Assert.True(definition.FindActivity("start")!.Properties["canStartWorkflow"]!.GetValue<bool>());
    }

    [Fact]
    public void Write_RichDefinition_LeavesDesignerMetadataUntouched()
    {
        var original = JsonNode.Parse(SampleDefinitions.MemberAdmission)!;
        var definition = WorkflowDefinitionReader.Read(SampleDefinitions.MemberAdmission).Definition!;

        var written = WorkflowDefinitionWriter.ToJson(definition);

        var originalActivities = original["root"]!["activities"]!.AsArray();
        var writtenActivities = written["root"]!["activities"]!.AsArray();
        Assert.Equal(originalActivities.Count, writtenActivities.Count);
        for (var i = 0; i < originalActivities.Count; i++)
        {
            Assert.True(JsonNode.DeepEquals(originalActivities[i]!["metadata"], writtenActivities[i]!["metadata"]), $"activity {i}");
        }

        Assert.True(JsonNode.DeepEquals(original["root"]!["metadata"], written["root"]!["metadata"]));
    }

    [Fact]
    public void Read_RichDefinition_ReadsVariablesInputsAndOutcomes()
    {
        var definition = WorkflowDefinitionReader.Read(SampleDefinitions.MemberAdmission).Definition!;

        Assert.Equal("member-admission", definition.DefinitionId);
        Assert.Equal(3, definition.Version);
        Assert.True(definition.IsPublished);
        Assert.Equal(["Decision", "ReviewRounds", "Review", "ReviewPeriod"], definition.Variables.Select(v => v.Name));
        Assert.Equal(new InputDefinition("AllianceId", "Guid", true), definition.Inputs[0]);
        Assert.Equal(["Admitted", "Rejected"], definition.Outcomes.ToArray());
        Assert.Equal(12, definition.Root.Activities.Length);
        Assert.Equal(new ConnectionDefinition("decide", "Default", "acknowledge", "In"), definition.Root.Connections[12]);
    }

    [Fact]
    public void Write_NonAsciiText_IsNotEscaped()
    {
        var definition = WorkflowDefinitionReader.Read(SampleDefinitions.MemberAdmission).Definition!;

        var text = WorkflowDefinitionWriter.Write(definition);

        Assert.Contains("Member admission / 入盟申请", text, StringComparison.Ordinal);
        Assert.Contains("通知秘书处", text, StringComparison.Ordinal);
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ThenRead_GivesAnEqualDefinitionAgain()
    {
        var first = WorkflowDefinitionReader.Read(SampleDefinitions.MemberAdmission).Definition!;

        var second = WorkflowDefinitionReader.Read(WorkflowDefinitionWriter.Write(first)).Definition!;

        Assert.True(JsonNode.DeepEquals(WorkflowDefinitionWriter.ToJson(first), WorkflowDefinitionWriter.ToJson(second)));
    }

    [Fact]
    public void Write_VariableWithPropertiesTheFormatDoesNotName_KeepsThem()
    {
        // Elsa's designer writes variables with isArray and storageDriverTypeName.
        var json = FlowBuilder.Create().Start().Build();
        json["variables"] = JsonNode.Parse("""
            [ { "id": "v1", "name": "Decision", "typeName": "String", "value": "", "isArray": false,
                "storageDriverTypeName": "Elsa.Workflows.WorkflowInstanceStorageDriver, Elsa.Workflows.Core" } ]
            """);

        var written = WorkflowDefinitionWriter.ToJson(WorkflowDefinitionReader.Read(json).Definition!);

        Assert.True(JsonNode.DeepEquals(json["variables"], written["variables"]), written["variables"]!.ToJsonString());
    }

    [Fact]
    public void Write_InputWithPropertiesTheFormatDoesNotName_KeepsThem()
    {
        // Elsa's designer writes inputs with displayName, description, uiHint and category.
        var json = FlowBuilder.Create().Start().Build();
        json["inputs"] = JsonNode.Parse("""
            [ { "name": "AllianceId", "type": "Guid", "isRequired": true, "displayName": "联盟", "uiHint": "singleline", "category": "Primitives" } ]
            """);

        var written = WorkflowDefinitionWriter.ToJson(WorkflowDefinitionReader.Read(json).Definition!);

        Assert.True(JsonNode.DeepEquals(json["inputs"], written["inputs"]), written["inputs"]!.ToJsonString());
    }

    [Fact]
    public void Write_VariableWithExplicitNullValue_KeepsTheNull()
    {
        var json = FlowBuilder.Create().Start().Build();
        json["variables"] = JsonNode.Parse("""[ { "id": "v1", "name": "Review", "typeName": "Object", "value": null } ]""");

        var written = WorkflowDefinitionWriter.ToJson(WorkflowDefinitionReader.Read(json).Definition!);

        Assert.True(JsonNode.DeepEquals(json["variables"], written["variables"]), written["variables"]!.ToJsonString());
    }

    [Fact]
    public void Write_ConnectionWithPropertiesTheFormatDoesNotName_KeepsThem()
    {
        // Elsa's designer writes the bends of a connection as vertices.
        var json = FlowBuilder.Create().Start().Finish().Build();
        json["root"]!["connections"] = JsonNode.Parse("""
            [ { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "end", "port": "In" },
                "vertices": [ { "x": 100, "y": 40 } ] } ]
            """);

        var written = WorkflowDefinitionWriter.ToJson(WorkflowDefinitionReader.Read(json).Definition!);

        Assert.True(JsonNode.DeepEquals(json["root"]!["connections"], written["root"]!["connections"]), written["root"]!["connections"]!.ToJsonString());
    }
}
