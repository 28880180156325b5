using Governance.Domain.Common;
using Governance.Domain.Memberships;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Memberships;

public sealed record ApplyForMembershipRequest(Guid? OrganizationId, MembershipRole? Role, bool EnterpriseExemption = false);

/// <summary>Opens a membership application after the domain's eligibility rules.</summary>
public sealed class ApplyForMembershipHandler(GovernanceDbContext db, TimeProvider clock)
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
        var existing = await db.Memberships.Where(m => m.OrganizationId == organization.Id).ToListAsync(cancellationToken);

        var membership = Membership.Apply(
            alliance, organization, request.Role ?? MembershipRole.MemberUnit, existing, request.EnterpriseExemption, clock.GetUtcNow());
        db.Memberships.Add(membership);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (UniqueViolation.Is(exception))
        {
            throw new ConflictException(
                "membership.duplicate", "The organization already has an open membership of this alliance.", "organizationId");
        }

        return membership;
    }
}
