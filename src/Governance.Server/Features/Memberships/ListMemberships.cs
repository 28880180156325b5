using Governance.Domain.Common;
using Governance.Domain.Memberships;
using Governance.Server.Access;
using Governance.Server.Api;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Memberships;

public sealed record ListMembershipsQuery(
    Guid? AllianceId, Guid? OrganizationId, MembershipStatus? Status, MembershipRole? Role, string? Search, int? Page, int? PageSize);

public sealed class ListMembershipsHandler(GovernanceDbContext db, AccessControl access)
{
    public async Task<Page<MembershipResponse>> HandleAsync(ListMembershipsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var memberships = await access.VisibleAsync(db.Memberships.AsNoTracking(), cancellationToken);
        if (query.AllianceId is { } alliance)
        {
            memberships = memberships.Where(m => m.AllianceId == new AllianceId(alliance));
        }

        if (query.OrganizationId is { } organization)
        {
            memberships = memberships.Where(m => m.OrganizationId == new OrganizationId(organization));
        }

        if (query.Status is { } status)
        {
            memberships = memberships.Where(m => m.Status == status);
        }

        if (query.Role is { } role)
        {
            memberships = memberships.Where(m => m.Role == role);
        }

        var rows = memberships.Join(db.Organizations, m => m.OrganizationId, o => o.Id, (m, o) => new { Membership = m, o.Name });
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim();
            rows = rows.Where(r => r.Name.Contains(search));
        }

        return await rows.OrderBy(r => r.Name).ThenBy(r => r.Membership.Id)
            .ToPageAsync(query.Page, query.PageSize, r => MembershipResponse.From(r.Membership, r.Name), cancellationToken);
    }
}
