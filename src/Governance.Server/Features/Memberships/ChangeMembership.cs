using Governance.Domain.Common;
using Governance.Domain.Memberships;
using Governance.Server.Api;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Memberships;

public sealed record ChangeMembershipStatusRequest(MembershipStatus? Status, string? Reason);

public sealed record ChangeMembershipRoleRequest(MembershipRole? Role);

/// <summary>Admits, rejects, activates, starts or completes an exit, or removes a membership.</summary>
public sealed class ChangeMembershipHandler(GovernanceDbContext db, TimeProvider clock)
{
    public async Task<Membership> ChangeStatusAsync(
        Guid id, ChangeMembershipStatusRequest request, string? ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var membership = await LoadAsync(id, ifMatch, cancellationToken);
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

        await db.SaveChangesAsync(cancellationToken);
        return membership;
    }

    public async Task<Membership> ChangeRoleAsync(
        Guid id, ChangeMembershipRoleRequest request, string? ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var membership = await LoadAsync(id, ifMatch, cancellationToken);
        var role = request.Role ?? throw new DomainRuleViolation("membership.role-required", "role is required.", "role");
        membership.ChangeRole(role, await AllianceMembershipsAsync(membership, cancellationToken), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return membership;
    }

    private async Task<Membership> LoadAsync(Guid id, string? ifMatch, CancellationToken cancellationToken)
    {
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.Id == new MembershipId(id), cancellationToken)
            ?? throw new NotFoundException("Membership", id);
        Concurrency.EnsureMatches(membership, ifMatch);
        return membership;
    }

    private async Task<List<Membership>> AllianceMembershipsAsync(Membership membership, CancellationToken cancellationToken) =>
        await db.Memberships.Where(m => m.AllianceId == membership.AllianceId).ToListAsync(cancellationToken);
}
