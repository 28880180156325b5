using Governance.Domain.Common;
using Governance.Domain.Organizations;
using Governance.Domain.People;
using Governance.Server.Access;
using Governance.Server.Features.Organizations;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.SigningDelegations;

/// <summary>
/// Who deals with an organization's signing delegations: 404 unless the caller may see the
/// organization; then only its legal representative (now) or an administrator may give and revoke
/// them, and those two and its liaison may list them.
/// </summary>
public sealed class SigningDelegationAccess(GovernanceDbContext db, AccessControl access, GetOrganizationHandler organizations)
{
    public AccessControl Access => access;

    public async Task<Organization> DemandGrantorAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var organization = await organizations.HandleAsync(organizationId, cancellationToken);
        if (!await IsLegalRepresentativeAsync(organization.Id, cancellationToken) && !await access.IsAdministratorAsync(cancellationToken))
        {
            throw new ForbiddenException("access.legal-representative-required",
                "Only the organization's legal representative or an administrator may give or revoke signing delegations.");
        }

        return organization;
    }

    public async Task<Organization> DemandReaderAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var organization = await organizations.HandleAsync(organizationId, cancellationToken);
        var roles = await access.RolesAsync(cancellationToken);
        if (!access.Caller.IsPerson
            || !(roles.IsAdministrator || roles.HoldsInOrganization(organization.Id, Role.LegalRepresentative, Role.Liaison)))
        {
            throw new ForbiddenException("access.organization-representative-required",
                "Only the organization's legal representative, its liaison or an administrator may list its signing delegations.");
        }

        return organization;
    }

    public async Task<bool> IsLegalRepresentativeAsync(OrganizationId organization, CancellationToken cancellationToken) =>
        access.Caller.IsPerson && (await access.RolesAsync(cancellationToken)).HoldsInOrganization(organization, Role.LegalRepresentative);

    public async Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IEnumerable<SigningDelegationRecord> records, CancellationToken cancellationToken)
    {
        var ids = records.SelectMany(r => new[] { new PersonId(r.LegalRepresentativeId), new PersonId(r.DelegateId) }).Distinct().ToList();
        return await db.People.AsNoTracking().Where(p => ids.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id.Value, p => p.Name, cancellationToken);
    }
}
