using System.Text.Json.Nodes;
using Governance.Workflows.Activities;
using Governance.Workflows.Activities.Core;
using Governance.Workflows.Definitions;
using Governance.Workflows.Expressions;

namespace Governance.Workflows.Runtime;

/// <summary>Limits of one start or resume.</summary>
public sealed record ExecutorOptions
{
    /// <summary>Activities one step may run before it must wait; a loop that never waits is stopped here with an incident.</summary>
    public int MaxStepsPerRun { get; init; } = 10_000;
}

/// <summary>
/// Runs a flowchart with tokens: from the start (or a resumed bookmark) it executes activities and
/// follows the connections of their outcomes until every token waits or the instance ends. It is pure
/// with respect to storage: it takes a state and returns the next one, with the journal and incidents
/// of the step, for the caller to commit in one transaction.
/// </summary>
public sealed class WorkflowExecutor(ActivityRegistry registry, ExpressionEvaluators evaluators, TimeProvider clock, ExecutorOptions? options = null)
{
    private readonly ExecutorOptions _options = options ?? new ExecutorOptions();
    private readonly ActivityRegistry _registry = registry;
    private readonly ExpressionEvaluators _evaluators = evaluators;
    private readonly TimeProvider _clock = clock;

    /// <summary>Creates an instance of a (published, valid) definition and runs it until it waits or ends.</summary>
    public async Task<ExecutionResult> StartAsync(
        WorkflowDefinition definition, Guid instanceId, IReadOnlyDictionary<string, JsonNode?> input, string? correlationId,
        string? actor, IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(input);
        var state = new WorkflowInstanceState
        {
            InstanceId = instanceId,
            DefinitionId = definition.DefinitionId,
            DefinitionVersion = definition.Version,
            CorrelationId = correlationId,
            Input = CoerceInputs(definition, input),
            Variables = definition.Variables.ToDictionary(
                v => v.Name, v => WorkflowTypes.Coerce(WorkflowTypes.DefaultValue(v.Value, v.TypeName), v.TypeName), StringComparer.Ordinal),
        };
        var start = definition.Root.Activities.FirstOrDefault(a => a.Type == StartActivity.TypeName)
            ?? throw new WorkflowRuntimeException("workflow.no-start", $"{definition.DefinitionId} has no {StartActivity.TypeName}.");
        var run = new Run(this, definition, state, services, actor);
        run.Schedule(start.Id, null);
        await run.DrainAsync(cancellationToken);
        return run.Result();
    }

    /// <summary>Resumes the instance at one bookmark (consumed by this call) with the stimulus's input.</summary>
    public async Task<ExecutionResult> ResumeAsync(
        WorkflowDefinition definition, WorkflowInstanceState current, Guid bookmarkId, JsonObject? input, string? actor,
        IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(current);
        EnsurePinned(definition, current);
        if (current.Status is not (WorkflowStatus.Suspended or WorkflowStatus.Running))
        {
            throw new WorkflowRuntimeException("workflow.not-waiting", $"The instance is {current.Status}; it waits for nothing.");
        }

        var state = current.Clone();
        var bookmark = state.Bookmarks.FirstOrDefault(b => b.Id == bookmarkId)
            ?? throw new WorkflowRuntimeException("workflow.bookmark-not-found", "The instance does not wait there (any more).");
        state.Bookmarks.Remove(bookmark);
        state.Status = WorkflowStatus.Running;
        var run = new Run(this, definition, state, services, actor);
        await run.ResumeAsync(new ResumeStimulus(bookmark, input, actor), cancellationToken);
        await run.DrainAsync(cancellationToken);
        return run.Result();
    }

    /// <summary>Runs the activity an instance faulted at again (after the cause was fixed).</summary>
    public async Task<ExecutionResult> RetryAsync(
        WorkflowDefinition definition, WorkflowInstanceState current, string? actor, IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(current);
        EnsurePinned(definition, current);
        if (current.Status != WorkflowStatus.Faulted || current.FaultedActivityId is null)
        {
            throw new WorkflowRuntimeException("workflow.not-faulted", "Only a faulted instance can be retried.");
        }

        var state = current.Clone();
        var activityId = state.FaultedActivityId!;
        state.Status = WorkflowStatus.Running;
        state.FaultedActivityId = null;
        state.FaultMessage = null;
        var run = new Run(this, definition, state, services, actor);
        run.Schedule(activityId, null);
        await run.DrainAsync(cancellationToken);
        return run.Result();
    }

    /// <summary>Cancels an instance: every bookmark is dropped and the instance ends Cancelled.</summary>
    public ExecutionResult Cancel(WorkflowDefinition definition, WorkflowInstanceState current, string? actor, string? reason)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(current);
        EnsurePinned(definition, current);
        if (current.Status is WorkflowStatus.Finished or WorkflowStatus.Cancelled)
        {
            throw new WorkflowRuntimeException("workflow.already-ended", $"The instance is already {current.Status}.");
        }

        var state = current.Clone();
        var now = _clock.GetUtcNow();
        var journal = state.Bookmarks
            .Select(b => new JournalRecord(now, b.ActivityId, TypeOf(definition, b), JournalEvents.Cancelled, null, actor, reason))
            .ToList();
        state.Bookmarks.Clear();
        state.Status = WorkflowStatus.Cancelled;
        return new ExecutionResult(state, journal, []);
    }

    private static string TypeOf(WorkflowDefinition definition, BookmarkState bookmark) =>
        definition.FindActivity(bookmark.ActivityId)?.Type ?? bookmark.Kind;

    private static void EnsurePinned(WorkflowDefinition definition, WorkflowInstanceState state)
    {
        if (definition.DefinitionId != state.DefinitionId || definition.Version != state.DefinitionVersion)
        {
            throw new InvalidOperationException(
                $"Instance {state.InstanceId} runs {state.DefinitionId} v{state.DefinitionVersion}, not v{definition.Version}.");
        }
    }

    private static Dictionary<string, JsonNode?> CoerceInputs(WorkflowDefinition definition, IReadOnlyDictionary<string, JsonNode?> input)
    {
        var result = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var declared in definition.Inputs)
        {
            if (!input.TryGetValue(declared.Name, out var value) || value is null)
            {
                if (declared.IsRequired)
                {
                    throw new WorkflowRuntimeException("workflow.input-required", $"Input '{declared.Name}' is required.");
                }

                continue;
            }

            try
            {
                result[declared.Name] = WorkflowTypes.Coerce(value, declared.Type);
            }
            catch (Exception exception) when (exception is FormatException or OverflowException or InvalidOperationException)
            {
                throw new WorkflowRuntimeException("workflow.input-invalid", $"Input '{declared.Name}': {exception.Message}");
            }
        }

        var unknown = input.Keys.FirstOrDefault(k => definition.Inputs.All(i => i.Name != k));
        if (unknown is not null)
        {
            throw new WorkflowRuntimeException("workflow.input-unknown", $"The workflow has no input '{unknown}'.");
        }

        return result;
    }

    /// <summary>One start, resume or retry: the working state and what it recorded.</summary>
    private sealed class Run(WorkflowExecutor executor, WorkflowDefinition definition, WorkflowInstanceState state, IServiceProvider services, string? actor)
    {
        private readonly Queue<(string ActivityId, string? From)> _queue = new();
        private readonly List<JournalRecord> _journal = [];
        private readonly List<IncidentRecord> _incidents = [];
        private readonly DateTimeOffset _now = executor._clock.GetUtcNow();
        private int _steps;

        public void Schedule(string activityId, string? from) => _queue.Enqueue((activityId, from));

        public async Task ResumeAsync(ResumeStimulus stimulus, CancellationToken cancellationToken)
        {
            var activity = definition.FindActivity(stimulus.Bookmark.ActivityId)
                ?? throw new InvalidOperationException($"Bookmark of unknown activity {stimulus.Bookmark.ActivityId}.");
            _journal.Add(new(_now, activity.Id, activity.Type, JournalEvents.Resumed, null, actor, stimulus.Bookmark.Kind));
            _steps++;
            await ExecuteAsync(activity, stimulus, cancellationToken);
        }

        public async Task DrainAsync(CancellationToken cancellationToken)
        {
            while (_queue.Count > 0 && state.Status == WorkflowStatus.Running)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (activityId, from) = _queue.Dequeue();
                var activity = definition.FindActivity(activityId)
                    ?? throw new InvalidOperationException($"Connection to unknown activity {activityId}.");
                if (++_steps > executor._options.MaxStepsPerRun)
                {
                    Fault(activity, $"The step budget of {executor._options.MaxStepsPerRun} activities ran out without the workflow waiting: a loop that never waits?");
                    break;
                }

                if (activity.Type == FlowJoinActivity.TypeName)
                {
                    Join(activity, from);
                    continue;
                }

                await ExecuteAsync(activity, null, cancellationToken);
            }

            if (state.Status == WorkflowStatus.Running)
            {
                state.Status = state.Bookmarks.Count > 0 ? WorkflowStatus.Suspended : WorkflowStatus.Finished;
                if (state.Status == WorkflowStatus.Finished)
                {
                    _journal.Add(new(_now, definition.Root.Id, definition.Root.Type, JournalEvents.Finished, state.Outcome, actor, null));
                }
            }
        }

        public ExecutionResult Result()
        {
            state.StepsTaken += _steps;
            return new ExecutionResult(state, _journal, _incidents);
        }

        private async Task ExecuteAsync(ActivityDefinition activity, ResumeStimulus? resume, CancellationToken cancellationToken)
        {
            var descriptor = executor._registry.Find(activity.Type)
                ?? throw new InvalidOperationException($"Activity type {activity.Type} is not registered.");
            var context = new ActivityContext(definition, state, activity, descriptor, executor._evaluators, _now, services, resume, actor);
            ActivityResult result;
            try
            {
                result = resume is null
                    ? await descriptor.Implementation.ExecuteAsync(context)
                    : await descriptor.Implementation.ResumeAsync(context);
            }
            catch (Exception exception) when (exception is ExpressionException or FormatException or OverflowException or InvalidCastException
                or InvalidOperationException)
            {
                // A bad expression or value fails this activity, never the server.
                result = new ActivityFaulted(exception.Message);
            }

            cancellationToken.ThrowIfCancellationRequested();
            switch (result)
            {
                case ActivityCompleted completed:
                    _journal.Add(new(_now, activity.Id, activity.Type, JournalEvents.Executed, ActivityContext.Describe(completed.Outcomes), actor, context.Summary));

                    // An activity that waited on several bookmarks (an answer and its deadline) waits on none once done.
                    foreach (var leftover in state.Bookmarks.Where(b => b.ActivityId == activity.Id).ToList())
                    {
                        state.Bookmarks.Remove(leftover);
                        _journal.Add(new(_now, activity.Id, activity.Type, JournalEvents.Cancelled, null, actor, $"{leftover.Kind} no longer needed"));
                    }

                    foreach (var outcome in completed.Outcomes)
                    {
                        foreach (var connection in definition.Root.Connections.Where(c => c.SourceActivity == activity.Id && c.SourcePort == outcome))
                        {
                            Schedule(connection.TargetActivity, activity.Id);
                        }
                    }

                    break;
                case ActivitySuspended suspended:
                    foreach (var request in suspended.Bookmarks)
                    {
                        state.Bookmarks.Add(new BookmarkState(
                            Guid.CreateVersion7(), activity.Id, request.Kind, request.Key, request.Payload, request.DueAt?.ToUniversalTime(), _now));
                    }

                    _journal.Add(new(_now, activity.Id, activity.Type, JournalEvents.Suspended, null, actor, context.Summary));
                    break;
                case ActivityFaulted faulted:
                    Fault(activity, faulted.Message);
                    break;
                case WorkflowFinishRequested finish:
                    _journal.Add(new(_now, activity.Id, activity.Type, JournalEvents.Executed, finish.Outcome, actor, context.Summary));
                    foreach (var bookmark in state.Bookmarks)
                    {
                        _journal.Add(new(_now, bookmark.ActivityId, TypeOf(definition, bookmark), JournalEvents.Cancelled, null, actor, "workflow finished"));
                    }

                    state.Bookmarks.Clear();
                    state.Outcome = finish.Outcome;
                    state.Status = WorkflowStatus.Finished;
                    _journal.Add(new(_now, definition.Root.Id, definition.Root.Type, JournalEvents.Finished, finish.Outcome, actor, null));
                    _queue.Clear();
                    break;
                default:
                    throw new InvalidOperationException($"Unknown activity result {result.GetType().Name}.");
            }
        }

        private void Join(ActivityDefinition join, string? from)
        {
            var inbound = definition.Root.Connections.Where(c => c.TargetActivity == join.Id).Select(c => c.SourceActivity).Distinct().ToList();
            var arrived = state.Joins.TryGetValue(join.Id, out var existing) ? existing.ArrivedFrom.ToList() : [];
            if (from is not null && !arrived.Contains(from))
            {
                arrived.Add(from);
            }

            var waitAny = FlowJoinActivity.IsWaitAny(join);
            if (!waitAny && inbound.Any(source => !arrived.Contains(source)))
            {
                state.Joins[join.Id] = new JoinState(arrived);
                _journal.Add(new(_now, join.Id, join.Type, JournalEvents.Waiting, null, actor, $"{arrived.Count}/{inbound.Count} branches arrived"));
                return;
            }

            state.Joins.Remove(join.Id);
            if (waitAny)
            {
                CancelBranchesLeadingTo(join);
            }

            _journal.Add(new(_now, join.Id, join.Type, JournalEvents.Executed, "Done", actor, waitAny ? "first branch arrived" : "all branches arrived"));
            foreach (var connection in definition.Root.Connections.Where(c => c.SourceActivity == join.Id && c.SourcePort == "Done"))
            {
                Schedule(connection.TargetActivity, join.Id);
            }
        }

        // WaitAny: the other branches' waits (and tokens still on their way) are no longer wanted.
        private void CancelBranchesLeadingTo(ActivityDefinition join)
        {
            var ancestors = new HashSet<string>(StringComparer.Ordinal);
            var pending = new Stack<string>([join.Id]);
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                foreach (var connection in definition.Root.Connections.Where(c => c.TargetActivity == current))
                {
                    if (connection.SourceActivity != join.Id && ancestors.Add(connection.SourceActivity))
                    {
                        pending.Push(connection.SourceActivity);
                    }
                }
            }

            foreach (var bookmark in state.Bookmarks.Where(b => ancestors.Contains(b.ActivityId)).ToList())
            {
                state.Bookmarks.Remove(bookmark);
                _journal.Add(new(_now, bookmark.ActivityId, TypeOf(definition, bookmark), JournalEvents.Cancelled, null, actor, "another branch reached " + join.Id));
            }

            var keep = _queue.Where(item => !ancestors.Contains(item.ActivityId) && item.ActivityId != join.Id).ToList();
            _queue.Clear();
            foreach (var item in keep)
            {
                _queue.Enqueue(item);
            }
        }

        private void Fault(ActivityDefinition activity, string message)
        {
            state.Status = WorkflowStatus.Faulted;
            state.FaultedActivityId = activity.Id;
            state.FaultMessage = message;
            _incidents.Add(new IncidentRecord(_now, activity.Id, activity.Type, message));
            _journal.Add(new(_now, activity.Id, activity.Type, JournalEvents.Faulted, null, actor, message));
            _queue.Clear();
        }
    }
}
