using Governance.Server.Api;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.SigningDelegations;

public sealed record ListSigningDelegationsQuery(bool? ActiveOnly, int? Page, int? PageSize);

/// <summary>An organization's delegations, newest first; <c>activeOnly</c> leaves out upcoming, expired and revoked ones.</summary>
public sealed class ListSigningDelegationsHandler(GovernanceDbContext db, TimeProvider clock, SigningDelegationAccess delegations)
{
    public async Task<Page<SigningDelegationResponse>> HandleAsync(Guid organizationId, ListSigningDelegationsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var organization = await delegations.DemandReaderAsync(organizationId, cancellationToken);
        var now = clock.GetUtcNow();
        var records = db.SigningDelegations.AsNoTracking().Where(d => d.OrganizationId == organization.Id.Value);
        if (query.ActiveOnly == true)
        {
            records = records.Where(d => d.From <= now && (d.Until == null || d.Until > now) && (d.RevokedAt == null || d.RevokedAt > now));
        }

        var page = await records.OrderByDescending(d => d.From).ThenByDescending(d => d.Id)
            .ToPageAsync(query.Page, query.PageSize, d => d, cancellationToken);
        var names = await delegations.NamesAsync(page.Items, cancellationToken);
        return new Page<SigningDelegationResponse>(
            page.Items.Select(d => SigningDelegationResponse.Of(d, names, now)).ToList(), page.PageNumber, page.PageSize, page.TotalCount);
    }
}
