using System.Text.Json.Nodes;
using Governance.Server.Tests.Infrastructure;
using Governance.Server.WorkflowHosting;
using Governance.Workflows.Definitions;
using Governance.Workflows.Validation;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Server.Tests.Workflows;

/// <summary>
/// Every definition shipped in <c>workflows/</c> loads, validates against the server's registry (core and
/// governance activities, as the server imports them) and survives a round trip.
/// </summary>
public sealed class WorkflowFilesTests
{
    private static readonly WorkflowValidator Validator =
        new ServiceCollection().AddSingleton(TimeProvider.System).AddWorkflowCore().BuildServiceProvider().GetRequiredService<WorkflowValidator>();

    [Fact]
    public void WorkflowsFolder_Exists()
    {
        Assert.True(Directory.Exists(RepositoryPaths.Workflows), RepositoryPaths.Workflows);
    }

    [Fact]
    public void TheSixLifecyclesAreShipped()
    {
        Assert.Equal(
            ["agreement-signing", "alliance-founding", "annual-report", "charter-adoption", "member-admission", "member-exit"],
            Directory.GetFiles(RepositoryPaths.Workflows, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryWorkflowFile_LoadsValidatesAndRoundTrips()
    {
        var problems = new List<string>();
        foreach (var path in Directory.GetFiles(RepositoryPaths.Workflows, "*.json").Order(StringComparer.Ordinal))
        {
            problems.AddRange(ProblemsOf(path).Select(problem => $"{Path.GetFileName(path)}: {problem}"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static IEnumerable<string> ProblemsOf(string path)
    {
        var text = File.ReadAllText(path);
        var errors = Validator.Validate(text, out var definition);
        foreach (var error in errors)
        {
            yield return error.ToString();
        }

        if (definition is null)
        {
            yield break;
        }

        if (Path.GetFileNameWithoutExtension(path) != definition.DefinitionId)
        {
            yield return $"the file name must be its definitionId '{definition.DefinitionId}'.json";
        }

        var written = WorkflowDefinitionWriter.ToJson(definition);
        if (!JsonNode.DeepEquals(JsonNode.Parse(text, documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip }), written))
        {
            yield return "the round trip through reader and writer changed the file";
        }
    }
}
