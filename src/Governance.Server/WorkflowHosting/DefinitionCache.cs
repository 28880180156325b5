using System.Collections.Concurrent;
using Governance.Server.Persistence;
using Governance.Workflows.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.WorkflowHosting;

/// <summary>
/// Parsed definitions by the id of their stored version. A stored version never changes, so a process
/// may keep it for as long as it likes: nothing another process does can make it stale.
/// </summary>
public sealed class DefinitionCache
{
    private readonly ConcurrentDictionary<Guid, WorkflowDefinition> _parsed = new();

    public async Task<WorkflowDefinition> GetAsync(GovernanceDbContext db, Guid definitionRecordId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (_parsed.TryGetValue(definitionRecordId, out var cached))
        {
            return cached;
        }

        var json = await db.WorkflowDefinitions.AsNoTracking()
            .Where(d => d.Id == definitionRecordId && d.Status != DefinitionStatus.Draft)
            .Select(d => d.Json)
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException($"Definition version {definitionRecordId} is not stored.");
        var definition = WorkflowDefinitionReader.Read(json).Definition
            ?? throw new InvalidOperationException($"Stored definition {definitionRecordId} does not parse.");
        return _parsed.GetOrAdd(definitionRecordId, definition);
    }
}
