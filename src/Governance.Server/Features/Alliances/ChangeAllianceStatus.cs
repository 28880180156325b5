using Governance.Domain.Alliances;
using Governance.Domain.Common;
using Governance.Server.Access;
using Governance.Server.Auditing;
using Governance.Server.Api;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Alliances;

public sealed record ChangeAllianceStatusRequest(AllianceStatus? Status, string? Reason);

/// <summary>Moves an alliance along its status machine (submit, return, found, activate, suspend, dissolve...).</summary>
public sealed class ChangeAllianceStatusHandler(GovernanceDbContext db, TimeProvider clock, AccessControl access, AuditTrail audit)
{
    public async Task<Alliance> HandleAsync(Guid id, ChangeAllianceStatusRequest request, string? ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var allianceId = new AllianceId(id);
        var alliance = await db.Alliances.SingleOrDefaultAsync(a => a.Id == allianceId, cancellationToken)
            ?? throw new NotFoundException("Alliance", id);
        if (!await access.CanSeeAllianceAsync(allianceId, cancellationToken))
        {
            throw new NotFoundException("Alliance", id);
        }

        await DemandMayChangeAsync(alliance, cancellationToken);
        Concurrency.EnsureMatches(alliance, ifMatch);
        var target = request.Status ?? throw new DomainRuleViolation("alliance.status-required", "status is required.", "status");
        var memberships = target == AllianceStatus.Active
            ? await db.Memberships.Where(m => m.AllianceId == allianceId).ToListAsync(cancellationToken)
            : [];
        var before = alliance.Status;
        alliance.MoveTo(target, request.Reason, clock.GetUtcNow(), memberships);
        audit.Record("alliance.status", "Alliance", alliance.Id.ToString(), alliance.Id, null,
            $"{AuditTrail.Change("status", before, target)}; reason: {request.Reason}");
        await audit.SaveChangesAsync(cancellationToken);
        return alliance;
    }

    // The supervising department decides a founding application under review (approve, return,
    // reject); every other move is the alliance's own chair or secretariat. Administrators may do both.
    private async Task DemandMayChangeAsync(Alliance alliance, CancellationToken cancellationToken)
    {
        var roles = await access.RolesAsync(cancellationToken);
        if (access.Caller.IsPerson && roles.IsAdministrator)
        {
            return;
        }

        if (alliance.Status == AllianceStatus.UnderReview)
        {
            if (!access.Caller.IsPerson || !roles.HoldsInOrganization(alliance.SupervisingDepartmentId, Domain.People.Role.SupervisingOfficer))
            {
                throw new ForbiddenException("access.supervising-officer-required", "Only the supervising department decides a founding application.");
            }

            return;
        }

        await access.DemandAllianceRoleAsync(alliance.Id, cancellationToken, Domain.People.Role.Chair, Domain.People.Role.Secretariat);
    }
}
