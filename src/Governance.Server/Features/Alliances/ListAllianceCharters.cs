using Governance.Domain.Charters;
using Governance.Domain.Common;
using Governance.Server.Access;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Alliances;

public sealed record CharterSectionResponse(int Number, string Title, string Body);

public sealed record VotingRuleResponse(VotingMatter Matter, int QuorumNumerator, int QuorumDenominator, VotingThreshold Threshold, bool RecuseInterestedMembers);

public sealed record CharterVersionResponse(
    Guid Id, int VersionNumber, string Title, CharterStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? AdoptedAt,
    DateTimeOffset? InForceFrom, DateTimeOffset? SupersededAt, Guid? AdoptedByBallotId,
    IReadOnlyList<CharterSectionResponse> Sections, IReadOnlyList<VotingRuleResponse> VotingRules)
{
    public static CharterVersionResponse From(Charter charter)
    {
        ArgumentNullException.ThrowIfNull(charter);
        return new(charter.Id.Value, charter.VersionNumber, charter.Title, charter.Status, charter.CreatedAt, charter.AdoptedAt,
            charter.InForceFrom, charter.SupersededAt, charter.AdoptedByBallotId?.Value,
            charter.Sections.OrderBy(s => s.Number).Select(s => new CharterSectionResponse(s.Number, s.Title, s.Body)).ToList(),
            charter.VotingRules.Select(r => new VotingRuleResponse(r.Matter, r.Quorum.Numerator, r.Quorum.Denominator, r.Threshold, r.RecuseInterestedMembers)).ToList());
    }
}

/// <summary>Every version of the alliance's charter (章程), newest first, with sections and voting rules.</summary>
public sealed class ListAllianceChartersHandler(GovernanceDbContext db, AccessControl access)
{
    public async Task<IReadOnlyList<CharterVersionResponse>> HandleAsync(Guid allianceId, CancellationToken cancellationToken)
    {
        if (!await access.CanSeeAllianceAsync(new AllianceId(allianceId), cancellationToken)
            || !await db.Alliances.AnyAsync(a => a.Id == new AllianceId(allianceId), cancellationToken))
        {
            throw new NotFoundException("Alliance", allianceId);
        }

        var charters = await db.Charters.AsNoTracking().Where(c => c.AllianceId == new AllianceId(allianceId)).ToListAsync(cancellationToken);
        return charters.OrderByDescending(c => c.VersionNumber).Select(CharterVersionResponse.From).ToList();
    }
}
