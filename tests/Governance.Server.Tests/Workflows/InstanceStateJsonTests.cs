using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Server.WorkflowHosting;
using Governance.Workflows.Runtime;

namespace Governance.Server.Tests.Workflows;

/// <summary>The stored form of an instance's state: compact, and everything reads back as it was.</summary>
public sealed class InstanceStateJsonTests
{
    private static readonly Guid InstanceId = Guid.Parse("0193a5b0-0000-7000-8000-000000000001");
    private static readonly Guid BookmarkId = Guid.Parse("0193a5b0-0000-7000-8000-000000000002");
    private static readonly DateTimeOffset At = new(2026, 11, 24, 8, 30, 0, TimeSpan.Zero);
    private static readonly JsonSerializerOptions EarlierOptions = new(JsonSerializerDefaults.Web);

    [Fact]
    public void Write_ChineseText_IsStoredAsCharactersNotEscapes()
    {
        var state = State();
        state.Variables["Resolution"] = JsonValue.Create("理事会决议：同意 5 票。<附件>");

        var json = InstanceStateJson.Write(state);

        Assert.Contains("理事会决议：同意 5 票。<附件>", json, StringComparison.Ordinal);
        Assert.DoesNotContain(@"\u", json, StringComparison.Ordinal);
        Assert.Equal("理事会决议：同意 5 票。<附件>", InstanceStateJson.Read(json).Variables["Resolution"]!.GetValue<string>());
    }

    [Fact]
    public void Write_AbsentOptionalFields_AreLeftOut_AndReadBackAsAbsent()
    {
        var state = State();
        state.Bookmarks.Add(new BookmarkState(BookmarkId, "vote3", "Event", "vote|m3", Payload: null, DueAt: null, At));

        var json = InstanceStateJson.Write(state);
        var read = InstanceStateJson.Read(json);

        Assert.DoesNotContain("\"payload\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"dueAt\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"faultMessage\"", json, StringComparison.Ordinal);
        Assert.Equal(state.Bookmarks, read.Bookmarks);
        Assert.Null(read.FaultMessage);
        Assert.Null(read.CorrelationId);
    }

    [Fact]
    public void Write_VariableSetToNull_KeepsTheVariable()
    {
        var state = State();
        state.Variables["Decision"] = null;
        state.Variables["Votes"] = JsonValue.Create(3);

        var read = InstanceStateJson.Read(InstanceStateJson.Write(state));

        Assert.True(read.Variables.ContainsKey("Decision"));
        Assert.Null(read.Variables["Decision"]);
        Assert.Equal(3, read.Variables["Votes"]!.GetValue<int>());
    }

    [Fact]
    public void Read_TheEarlierForm_WithNullsAndEscapes_StillReads()
    {
        // As states were stored before the compact form: the web defaults, every null written, Chinese as \u escapes.
        var state = State();
        state.Variables["Resolution"] = JsonValue.Create("理事会");
        state.Variables["Decision"] = null;
        state.Bookmarks.Add(new BookmarkState(BookmarkId, "vote3", "Event", "vote|m3", Payload: null, DueAt: null, At));
        state.Joins["join"] = new JoinState(["m1", "m2"]);
        state.StepsTaken = 4;
        var earlier = JsonSerializer.Serialize(state, EarlierOptions);
        Assert.Contains(@"\u7406", earlier, StringComparison.Ordinal);
        Assert.Contains("\"payload\":null", earlier, StringComparison.Ordinal);

        var read = InstanceStateJson.Read(earlier);

        Assert.Equal(WorkflowStatus.Suspended, read.Status);
        Assert.Equal("理事会", read.Variables["Resolution"]!.GetValue<string>());
        Assert.True(read.Variables.ContainsKey("Decision"));
        Assert.Null(read.Variables["Decision"]);
        Assert.Equal(state.Bookmarks, read.Bookmarks);
        Assert.Equal(["m1", "m2"], read.Joins["join"].ArrivedFrom);
        Assert.Equal(4, read.StepsTaken);
    }

    private static WorkflowInstanceState State() => new()
    {
        InstanceId = InstanceId,
        DefinitionId = "council-vote",
        DefinitionVersion = 2,
        Status = WorkflowStatus.Suspended,
    };
}
