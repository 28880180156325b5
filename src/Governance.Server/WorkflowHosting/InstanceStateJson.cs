using System.Text.Json;
using Governance.Workflows.Runtime;

namespace Governance.Server.WorkflowHosting;

/// <summary>The stored form of an instance's state.</summary>
internal static class InstanceStateJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write(WorkflowInstanceState state) => JsonSerializer.Serialize(state, Options);

    public static WorkflowInstanceState Read(string json) =>
        JsonSerializer.Deserialize<WorkflowInstanceState>(json, Options)
        ?? throw new InvalidOperationException("An instance's stored state is empty.");
}
