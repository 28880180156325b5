using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Organizations;

public sealed record OrganizationProfileResponse(OrganizationResponse Organization, string? LegalRepresentativeAccountName, string? LiaisonName);

/// <summary>An organization as its page shows it: the record, and who its registered legal representative and liaison are.</summary>
public sealed class GetOrganizationProfileHandler(GovernanceDbContext db, GetOrganizationHandler organizations)
{
    public async Task<OrganizationProfileResponse> HandleAsync(Guid id, CancellationToken cancellationToken)
    {
        // The same visibility as reading the organization: 404 outside what the caller may see.
        var organization = await organizations.HandleAsync(id, cancellationToken);
        var ids = new[] { organization.LegalRepresentativeId, organization.LiaisonId }.Where(p => p is not null).Select(p => p!.Value).ToList();
        var names = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        return new OrganizationProfileResponse(
            OrganizationResponse.From(organization),
            organization.LegalRepresentativeId is { } legal && names.TryGetValue(legal, out var legalName) ? legalName : null,
            organization.LiaisonId is { } liaison && names.TryGetValue(liaison, out var liaisonName) ? liaisonName : null);
    }
}
