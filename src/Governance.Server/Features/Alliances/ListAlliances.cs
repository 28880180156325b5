using Governance.Domain.Alliances;
using Governance.Domain.Common;
using Governance.Server.Access;
using Governance.Server.Api;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Alliances;

public sealed record ListAlliancesQuery(
    string? Search, AllianceStatus? Status, AllianceKind? Kind, Guid? SupervisingDepartmentId, int? Page, int? PageSize);

public sealed class ListAlliancesHandler(GovernanceDbContext db, AccessControl access)
{
    public async Task<Page<AllianceResponse>> HandleAsync(ListAlliancesQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var alliances = await access.VisibleAsync(db.Alliances.AsNoTracking(), cancellationToken);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim();
            alliances = alliances.Where(a => a.Name.Contains(search) || a.IndustryField.Contains(search));
        }

        if (query.Status is { } status)
        {
            alliances = alliances.Where(a => a.Status == status);
        }

        if (query.Kind is { } kind)
        {
            alliances = alliances.Where(a => a.Kind == kind);
        }

        if (query.SupervisingDepartmentId is { } supervisor)
        {
            alliances = alliances.Where(a => a.SupervisingDepartmentId == new OrganizationId(supervisor));
        }

        return await alliances.OrderBy(a => a.Name).ThenBy(a => a.Id)
            .ToPageAsync(query.Page, query.PageSize, AllianceResponse.From, cancellationToken);
    }
}
