using System.Collections.Concurrent;
using Governance.Workflows.Runtime;

namespace Governance.Server.WorkflowHosting;

/// <summary>
/// This process's copy of the instances it stepped recently, so the next step need not read the
/// instance back. It is only ever a guess: every write is conditional on the stored row version, so
/// a copy that another process made stale fails the write, is dropped, and the step runs again
/// from the database. Bounded; nothing another process needs lives only here.
/// </summary>
public sealed class InstanceCache
{
    private const int Capacity = 4_096;
    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();

    internal bool TryGet(Guid instanceId, out WorkflowInstanceRecord record, out WorkflowInstanceState state)
    {
        if (_entries.TryGetValue(instanceId, out var entry))
        {
            record = Copy(entry.Record);
            state = entry.State;
            return true;
        }

        record = null!;
        state = null!;
        return false;
    }

    /// <summary>Remembers an instance as just committed (its state object is never changed afterwards: the executor works on clones).</summary>
    internal void Put(WorkflowInstanceRecord record, WorkflowInstanceState state)
    {
        if (state.Status is WorkflowStatus.Finished or WorkflowStatus.Cancelled)
        {
            _entries.TryRemove(record.Id, out _);
            return;
        }

        if (_entries.Count >= Capacity)
        {
            // Cheap bounded eviction: drop an arbitrary eighth; a miss only costs a read.
            foreach (var key in _entries.Keys.Take(Capacity / 8))
            {
                _entries.TryRemove(key, out _);
            }
        }

        _entries[record.Id] = new Entry(Copy(record), state);
    }

    internal void Evict(Guid instanceId) => _entries.TryRemove(instanceId, out _);

    private static WorkflowInstanceRecord Copy(WorkflowInstanceRecord source) => new()
    {
        Id = source.Id,
        DefinitionId = source.DefinitionId,
        DefinitionVersion = source.DefinitionVersion,
        DefinitionRecordId = source.DefinitionRecordId,
        Status = source.Status,
        CorrelationId = source.CorrelationId,
        StateJson = source.StateJson,
        CreatedAt = source.CreatedAt,
        UpdatedAt = source.UpdatedAt,
        EndedAt = source.EndedAt,
        RowVersion = source.RowVersion,
    };

    private sealed record Entry(WorkflowInstanceRecord Record, WorkflowInstanceState State);
}
