using Governance.Domain.Common;
using Governance.Domain.Memberships;
using Governance.Server.Access;
using Governance.Server.Auditing;
using Governance.Server.Api;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Memberships;

public sealed record ChangeMembershipStatusRequest(MembershipStatus? Status, string? Reason);

public sealed record ChangeMembershipRoleRequest(MembershipRole? Role);

/// <summary>Admits, rejects, activates, starts or completes an exit, or removes a membership.</summary>
public sealed class ChangeMembershipHandler(GovernanceDbContext db, TimeProvider clock, AccessControl access, AuditTrail audit)
{
    public async Task<Membership> ChangeStatusAsync(
        Guid id, ChangeMembershipStatusRequest request, string? ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var membership = await LoadAsync(id, ifMatch, cancellationToken);
        await DemandMayChangeStatusAsync(membership, request.Status, cancellationToken);
        var before = membership.Status;
        var now = clock.GetUtcNow();
        switch (request.Status)
        {
            case MembershipStatus.Admitted:
                membership.Admit(now, await AllianceMembershipsAsync(membership, cancellationToken));
                break;
            case MembershipStatus.Rejected:
                membership.Reject(request.Reason!, now);
                break;
            case MembershipStatus.Active:
                membership.Activate(now);
                break;
            case MembershipStatus.Exiting:
                membership.StartExit(request.Reason!, now);
                break;
            case MembershipStatus.Exited:
                membership.CompleteExit(now);
                break;
            case MembershipStatus.Removed:
                membership.Remove(request.Reason!, now);
                break;
            case null:
                throw new DomainRuleViolation("membership.status-required", "status is required.", "status");
            default:
                throw new DomainRuleViolation(
                    "membership.invalid-status-transition", $"A membership cannot be moved to {request.Status}.", "status");
        }

        audit.Record("membership.status", "Membership", membership.Id.ToString(), membership.AllianceId, membership.OrganizationId,
            $"{AuditTrail.Change("status", before, membership.Status)}; reason: {request.Reason}");
        await audit.SaveChangesAsync(cancellationToken);
        return membership;
    }

    public async Task<Membership> ChangeRoleAsync(
        Guid id, ChangeMembershipRoleRequest request, string? ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var membership = await LoadAsync(id, ifMatch, cancellationToken);
        await access.DemandAllianceRoleAsync(membership.AllianceId, cancellationToken, Domain.People.Role.Chair, Domain.People.Role.Secretariat);
        var before = membership.Role;
        var role = request.Role ?? throw new DomainRuleViolation("membership.role-required", "role is required.", "role");
        membership.ChangeRole(role, await AllianceMembershipsAsync(membership, cancellationToken), clock.GetUtcNow());
        audit.Record("membership.role", "Membership", membership.Id.ToString(), membership.AllianceId, membership.OrganizationId,
            AuditTrail.Change("role", before, role));
        await audit.SaveChangesAsync(cancellationToken);
        return membership;
    }

    private async Task<Membership> LoadAsync(Guid id, string? ifMatch, CancellationToken cancellationToken)
    {
        var membership = await (await access.VisibleAsync(db.Memberships, cancellationToken)).SingleOrDefaultAsync(m => m.Id == new MembershipId(id), cancellationToken)
            ?? throw new NotFoundException("Membership", id);
        Concurrency.EnsureMatches(membership, ifMatch);
        return membership;
    }

    // The secretariat or chair carries out the council's decisions; a member unit's own liaison or
    // legal representative may only start its voluntary withdrawal.
    private async Task DemandMayChangeStatusAsync(Membership membership, MembershipStatus? target, CancellationToken cancellationToken)
    {
        var roles = await access.RolesAsync(cancellationToken);
        if (target == MembershipStatus.Exiting && access.Caller.IsPerson
            && roles.HoldsInOrganization(membership.OrganizationId, Domain.People.Role.Liaison, Domain.People.Role.LegalRepresentative))
        {
            return;
        }

        await access.DemandAllianceRoleAsync(membership.AllianceId, cancellationToken, Domain.People.Role.Chair, Domain.People.Role.Secretariat);
    }

    private async Task<List<Membership>> AllianceMembershipsAsync(Membership membership, CancellationToken cancellationToken) =>
        await db.Memberships.Where(m => m.AllianceId == membership.AllianceId).ToListAsync(cancellationToken);
}
