using Governance.Domain.Common;
using Governance.Domain.Memberships;
using Governance.Server.Access;
using Governance.Server.Auditing;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Memberships;

public sealed record ApplyForMembershipRequest(Guid? OrganizationId, MembershipRole? Role, bool EnterpriseExemption = false);

/// <summary>Opens a membership application after the domain's eligibility rules.</summary>
public sealed class ApplyForMembershipHandler(GovernanceDbContext db, TimeProvider clock, AccessControl access, AuditTrail audit)
{
    public async Task<Membership> HandleAsync(Guid allianceId, ApplyForMembershipRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var alliance = await db.Alliances.SingleOrDefaultAsync(a => a.Id == new AllianceId(allianceId), cancellationToken)
            ?? throw new NotFoundException("Alliance", allianceId);
        var organizationId = request.OrganizationId
            ?? throw new DomainRuleViolation("membership.organizationId-required", "organizationId is required.", "organizationId");
        var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Id == new OrganizationId(organizationId), cancellationToken)
            ?? throw new DomainRuleViolation("membership.organization-not-found", "The organization is not registered.", "organizationId");
        await DemandMayApplyAsync(alliance.Id, organization.Id, cancellationToken);
        var existing = await db.Memberships.Where(m => m.OrganizationId == organization.Id).ToListAsync(cancellationToken);

        var membership = Membership.Apply(
            alliance, organization, request.Role ?? MembershipRole.MemberUnit, existing, request.EnterpriseExemption, clock.GetUtcNow());
        db.Memberships.Add(membership);
        audit.Record("membership.apply", "Membership", membership.Id.ToString(), alliance.Id, organization.Id,
            $"{organization.Name} → {alliance.Name} as {membership.Role}");
        try
        {
            await audit.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (UniqueViolation.Is(exception))
        {
            throw new ConflictException(
                "membership.duplicate", "The organization already has an open membership of this alliance.", "organizationId");
        }

        return membership;
    }

    // A liaison applies for its own organization only; the secretariat may record an application on
    // paper for any organization; administrators may do both.
    private async Task DemandMayApplyAsync(AllianceId alliance, OrganizationId organization, CancellationToken cancellationToken)
    {
        var roles = await access.RolesAsync(cancellationToken);
        if (access.Caller.IsPerson && (roles.IsAdministrator
            || roles.HoldsInOrganization(organization, Domain.People.Role.Liaison)
            || roles.HoldsInAlliance(alliance, Domain.People.Role.Secretariat)))
        {
            return;
        }

        throw new ForbiddenException("access.liaison-required", "Only the organization's liaison may apply for it.");
    }
}
