using Governance.Server.Access;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Governance.Server.WorkflowHosting;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Workflows;

/// <summary>One instance with its variables, current waits (bookmarks), journal and incidents.</summary>
public sealed class GetWorkflowInstanceHandler(GovernanceDbContext db, AccessControl access)
{
    public async Task<InstanceResponse> HandleAsync(Guid id, CancellationToken cancellationToken)
    {
        await access.DemandAdministratorOrApplicationAsync(cancellationToken);
        var record = await db.WorkflowInstances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken)
            ?? throw new NotFoundException("WorkflowInstance", id);
        var state = InstanceStateJson.Read(record.StateJson);
        var journal = await db.WorkflowJournal.AsNoTracking().Where(j => j.InstanceId == id).OrderBy(j => j.Id)
            .Select(j => new JournalEntryResponse(j.Id, j.At, j.ActivityId, j.ActivityType, j.Event, j.Outcome, j.Actor, j.Summary))
            .ToListAsync(cancellationToken);
        var incidents = await db.WorkflowIncidents.AsNoTracking().Where(i => i.InstanceId == id).OrderBy(i => i.Id)
            .Select(i => new IncidentResponse(i.Id, i.At, i.ActivityId, i.ActivityType, i.Message, i.ResolvedAt))
            .ToListAsync(cancellationToken);
        return new InstanceResponse(
            InstanceSummaryResponse.From(record), state.Variables, state.Input, state.Outcome, state.FaultMessage,
            state.Bookmarks.Select(b => new BookmarkResponse(b.Id, b.ActivityId, b.Kind, b.Key, b.DueAt, b.CreatedAt)).ToList(),
            journal, incidents);
    }
}
