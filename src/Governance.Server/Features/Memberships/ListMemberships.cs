using Governance.Domain.Common;
using Governance.Domain.Memberships;
using Governance.Server.Api;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Memberships;

public sealed record ListMembershipsQuery(
    Guid? AllianceId, Guid? OrganizationId, MembershipStatus? Status, MembershipRole? Role, string? Search, int? Page, int? PageSize);

public sealed class ListMembershipsHandler(GovernanceDbContext db)
{
    public async Task<Page<MembershipResponse>> HandleAsync(ListMembershipsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = db.Memberships.AsNoTracking()
            .Join(db.Organizations, m => m.OrganizationId, o => o.Id, (m, o) => new MembershipRow(m, o.Name));
        if (query.AllianceId is { } alliance)
        {
            rows = rows.Where(r => r.Membership.AllianceId == new AllianceId(alliance));
        }

        if (query.OrganizationId is { } organization)
        {
            rows = rows.Where(r => r.Membership.OrganizationId == new OrganizationId(organization));
        }

        if (query.Status is { } status)
        {
            rows = rows.Where(r => r.Membership.Status == status);
        }

        if (query.Role is { } role)
        {
            rows = rows.Where(r => r.Membership.Role == role);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim();
            rows = rows.Where(r => r.OrganizationName.Contains(search));
        }

        return await rows.OrderBy(r => r.Membership.Role).ThenBy(r => r.OrganizationName).ThenBy(r => r.Membership.Id)
            .ToPageAsync(query.Page, query.PageSize, r => MembershipResponse.From(r.Membership, r.OrganizationName), cancellationToken);
    }

    private sealed record MembershipRow(Membership Membership, string OrganizationName);
}
