using Governance.Domain.Alliances;
using Governance.Domain.Common;
using Governance.Server.Api;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Alliances;

public sealed record ChangeAllianceStatusRequest(AllianceStatus? Status, string? Reason);

/// <summary>Moves an alliance along its status machine (submit, return, found, activate, suspend, dissolve...).</summary>
public sealed class ChangeAllianceStatusHandler(GovernanceDbContext db, TimeProvider clock)
{
    public async Task<Alliance> HandleAsync(Guid id, ChangeAllianceStatusRequest request, string? ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var allianceId = new AllianceId(id);
        var alliance = await db.Alliances.SingleOrDefaultAsync(a => a.Id == allianceId, cancellationToken)
            ?? throw new NotFoundException("Alliance", id);
        Concurrency.EnsureMatches(alliance, ifMatch);
        var target = request.Status ?? throw new DomainRuleViolation("alliance.status-required", "status is required.", "status");
        var memberships = target == AllianceStatus.Active
            ? await db.Memberships.Where(m => m.AllianceId == allianceId).ToListAsync(cancellationToken)
            : [];
        alliance.MoveTo(target, request.Reason, clock.GetUtcNow(), memberships);
        await db.SaveChangesAsync(cancellationToken);
        return alliance;
    }
}
