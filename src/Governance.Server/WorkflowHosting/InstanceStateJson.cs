using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Governance.Workflows.Runtime;

namespace Governance.Server.WorkflowHosting;

/// <summary>The stored form of an instance's state.</summary>
/// <remarks>
/// The state is written on every step, so its size is paid on every commit. It is stored, never put in
/// a web page, so Chinese text is kept as UTF-8 (3 bytes a character) rather than escaped as
/// <c>\uXXXX</c> (6 bytes), and absent optional fields (a bookmark's payload or due time) are left out
/// rather than written as <c>null</c>. Both forms read back the same; states written before this change
/// still read.
/// </remarks>
internal static class InstanceStateJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write(WorkflowInstanceState state) => JsonSerializer.Serialize(state, Options);

    public static WorkflowInstanceState Read(string json) =>
        JsonSerializer.Deserialize<WorkflowInstanceState>(json, Options)
        ?? throw new InvalidOperationException("An instance's stored state is empty.");
}
