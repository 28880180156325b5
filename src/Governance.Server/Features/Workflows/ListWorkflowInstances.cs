using Governance.Server.Access;
using Governance.Server.Api;
using Governance.Server.Persistence;
using Governance.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Workflows;

public sealed record ListInstancesQuery(
    string? DefinitionId, WorkflowStatus? Status, string? CorrelationId, DateTimeOffset? CreatedFrom, DateTimeOffset? CreatedTo, int? Page, int? PageSize);

/// <summary>Workflow instances, newest first, for operators (administrators) and integrations.</summary>
public sealed class ListWorkflowInstancesHandler(GovernanceDbContext db, AccessControl access)
{
    public async Task<Page<InstanceSummaryResponse>> HandleAsync(ListInstancesQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await access.DemandAdministratorOrApplicationAsync(cancellationToken);
        var instances = db.WorkflowInstances.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.DefinitionId))
        {
            instances = instances.Where(i => i.DefinitionId == query.DefinitionId);
        }

        if (query.Status is { } status)
        {
            instances = instances.Where(i => i.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(query.CorrelationId))
        {
            instances = instances.Where(i => i.CorrelationId == query.CorrelationId);
        }

        if (query.CreatedFrom is { } from)
        {
            instances = instances.Where(i => i.CreatedAt >= from);
        }

        if (query.CreatedTo is { } to)
        {
            instances = instances.Where(i => i.CreatedAt < to);
        }

        return await instances.OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id)
            .ToPageAsync(query.Page, query.PageSize, InstanceSummaryResponse.From, cancellationToken);
    }
}
