using System.Text.Json.Nodes;
using Governance.Workflows.Activities;
using Governance.Workflows.Definitions;
using Governance.Workflows.Expressions;
using Governance.Workflows.Runtime;
using Microsoft.Extensions.Time.Testing;

namespace Governance.Workflows.Tests.Runtime;

/// <summary>A <see cref="WorkflowExecutor"/> over the core activities, a fake clock and a recording outbox.</summary>
internal sealed class ExecutorHarness
{
    public static readonly DateTimeOffset Epoch = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly ExpressionEvaluators SharedEvaluators = new();

    public ExecutorHarness(ExecutorOptions? options = null, ExpressionEvaluators? evaluators = null, ActivityRegistry? registry = null)
    {
        Services = new OutboxServices(Outbox);
        Executor = new WorkflowExecutor(registry ?? ActivityRegistry.Core, evaluators ?? SharedEvaluators, Clock, options);
    }

    public FakeTimeProvider Clock { get; } = new(Epoch);

    public RecordingOutbox Outbox { get; } = new();

    public IServiceProvider Services { get; }

    public WorkflowExecutor Executor { get; }

    public Guid InstanceId { get; } = Guid.Parse("0195a3c2-7f00-7000-8000-00000000abcd");

    public Task<ExecutionResult> StartAsync(WorkflowDefinition definition, params (string Name, JsonNode? Value)[] input) =>
        Executor.StartAsync(
            definition, InstanceId, input.ToDictionary(i => i.Name, i => i.Value), "correlation-1", "tester", Services, CancellationToken.None);

    public Task<ExecutionResult> ResumeAsync(WorkflowDefinition definition, WorkflowInstanceState state, BookmarkState bookmark, JsonObject? input = null) =>
        ResumeAsync(definition, state, bookmark.Id, input);

    public Task<ExecutionResult> ResumeAsync(WorkflowDefinition definition, WorkflowInstanceState state, Guid bookmarkId, JsonObject? input = null) =>
        Executor.ResumeAsync(definition, state, bookmarkId, input, "tester", Services, CancellationToken.None);

    public Task<ExecutionResult> RetryAsync(WorkflowDefinition definition, WorkflowInstanceState state) =>
        Executor.RetryAsync(definition, state, "tester", Services, CancellationToken.None);
}
