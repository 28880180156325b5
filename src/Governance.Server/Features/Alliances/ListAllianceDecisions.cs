using Governance.Domain.Agreements;
using Governance.Domain.Ballots;
using Governance.Domain.Charters;
using Governance.Domain.Common;
using Governance.Server.Access;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Alliances;

public enum DecisionKind
{
    /// <summary>A council ballot closed with a result.</summary>
    Ballot,

    /// <summary>A charter version came into force.</summary>
    CharterInForce,

    /// <summary>An agreement was signed by every party.</summary>
    AgreementInForce,
}

public sealed record DecisionResponse(
    DecisionKind Kind, DateTimeOffset At, string Subject, VotingMatter? Matter, BallotOutcome? Outcome, BallotTally? Tally, Guid ReferenceId);

/// <summary>
/// The alliance's decisions as a timeline, newest first: closed council ballots with their tally,
/// charter versions that came into force, agreements that took effect.
/// </summary>
public sealed class ListAllianceDecisionsHandler(GovernanceDbContext db, AccessControl access)
{
    public async Task<IReadOnlyList<DecisionResponse>> HandleAsync(Guid allianceId, CancellationToken cancellationToken)
    {
        var alliance = new AllianceId(allianceId);
        if (!await access.CanSeeAllianceAsync(alliance, cancellationToken) || !await db.Alliances.AnyAsync(a => a.Id == alliance, cancellationToken))
        {
            throw new NotFoundException("Alliance", allianceId);
        }

        var ballots = await db.Ballots.AsNoTracking().Where(b => b.AllianceId == alliance && b.Status == BallotStatus.Closed).ToListAsync(cancellationToken);
        var charters = await db.Charters.AsNoTracking().Where(c => c.AllianceId == alliance && c.InForceFrom != null).ToListAsync(cancellationToken);
        var agreements = await db.Agreements.AsNoTracking()
            .Where(a => a.AllianceId == alliance && a.Status == AgreementStatus.InForce).ToListAsync(cancellationToken);
        var decisions = ballots.Select(b => new DecisionResponse(DecisionKind.Ballot, b.ClosedAt ?? b.Deadline, b.Subject, b.Matter, b.Result?.Outcome, b.Result, b.Id.Value))
            .Concat(charters.Select(c => new DecisionResponse(DecisionKind.CharterInForce, c.InForceFrom!.Value, $"{c.Title} v{c.VersionNumber}", null, null, null, c.Id.Value)))
            .Concat(agreements.Select(a => new DecisionResponse(DecisionKind.AgreementInForce, a.InForceFrom ?? a.ClosedAt ?? a.CreatedAt, a.Title, null, null, null, a.Id.Value)));
        return decisions.OrderByDescending(d => d.At).ThenBy(d => d.Kind).ToList();
    }
}
