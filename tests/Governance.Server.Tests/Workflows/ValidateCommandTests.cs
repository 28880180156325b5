using System.Text.Json.Nodes;

namespace Governance.Server.Tests.Workflows;

/// <summary>The <c>validate</c> verb people run on definitions kept in git (no server, no database).</summary>
public sealed class ValidateCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("governance-validate-").FullName;

    [Fact]
    public async Task Validate_AllFilesValid_ExitsZeroAndSaysOk()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "delay-three-days.json"), TestFlows.Delay());
        await File.WriteAllTextAsync(Path.Combine(_folder, "wait-event.json"), TestFlows.WaitForEvent());
        using var output = new StringWriter();

        var exitCode = await GovernanceCommands.TryRunAsync(["validate", _folder], output);

        Assert.Equal(0, exitCode);
        Assert.Contains("2 file(s), 0 invalid", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_AnInvalidFile_ExitsOneAndPrintsEveryErrorWithPath()
    {
        var broken = TestFlows.Parse(TestFlows.Delay("broken"));
        broken["root"]!["activities"]![1]!.AsObject().Remove("timeSpan");
        broken["root"]!["activities"]!.AsArray().Add(new JsonObject { ["id"] = "x", ["type"] = "Elsa.HttpEndpoint" });
        await File.WriteAllTextAsync(Path.Combine(_folder, "broken.json"), broken.ToJsonString());
        await File.WriteAllTextAsync(Path.Combine(_folder, "wait-event.json"), TestFlows.WaitForEvent());
        using var output = new StringWriter();

        var exitCode = await GovernanceCommands.TryRunAsync(["validate", _folder], output);

        var text = output.ToString();
        Assert.Equal(1, exitCode);
        Assert.Contains("workflow.missing-input at $.root.activities[1].timeSpan", text, StringComparison.Ordinal);
        Assert.Contains("workflow.unsupported-elsa-type at $.root.activities[3].type", text, StringComparison.Ordinal);
        Assert.Contains("workflow.unreachable-activity at $.root.activities[3]", text, StringComparison.Ordinal);
        Assert.Contains("ok      ", text, StringComparison.Ordinal);
        Assert.Contains("2 file(s), 1 invalid", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_FileNameNotTheDefinitionId_IsInvalid()
    {
        var file = Path.Combine(_folder, "wrong-name.json");
        await File.WriteAllTextAsync(file, TestFlows.Delay());
        using var output = new StringWriter();

        var exitCode = await GovernanceCommands.TryRunAsync(["validate", file], output);

        Assert.Equal(1, exitCode);
        Assert.Contains("workflow.invalid-definition-id", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_MissingPath_ExitsTwo()
    {
        using var output = new StringWriter();

        Assert.Equal(2, await GovernanceCommands.TryRunAsync(["validate", Path.Combine(_folder, "nope.json")], output));
        Assert.Equal(2, await GovernanceCommands.TryRunAsync(["validate"], output));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
