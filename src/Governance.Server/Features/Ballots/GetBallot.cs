using Governance.Domain.Ballots;
using Governance.Domain.Charters;
using Governance.Domain.Common;
using Governance.Domain.Tasks;
using Governance.Server.Access;
using Governance.Server.Api;
using Governance.Server.Errors;
using Governance.Server.Features.Tasks;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Ballots;

public sealed record BallotRuleResponse(string Quorum, VotingThreshold Threshold, bool RecuseInterestedMembers, string Text);

/// <summary>The caller's own part in the ballot.</summary>
public sealed record MyBallotPart(
    bool IsVoter, bool Recused, string? RecusalReason, VoteChoice? Vote, DateTimeOffset? VotedAt, bool CanVote, Guid? TaskId);

public sealed record BallotTallyResponse(int Eligible, int Recused, int Yes, int No, int Abstain, bool QuorumMet, BallotOutcome Outcome);

/// <summary>
/// A ballot as a voter or the alliance's office reads it: the matter, subject and rule in words, how
/// many have voted (not how), the caller's own vote, and the full tally once it is closed.
/// </summary>
public sealed record BallotResponse(
    Guid Id,
    AllianceReference Alliance,
    VotingMatter Matter,
    string MatterName,
    string Subject,
    BallotRuleResponse Rule,
    BallotStatus Status,
    DateTimeOffset OpenedAt,
    DateTimeOffset Deadline,
    DateTimeOffset? ClosedAt,
    int Voters,
    int Recused,
    int Voted,
    MyBallotPart Me,
    BallotTallyResponse? Tally);

/// <summary>A ballot is seen by its voters and by whoever can see its alliance; to anyone else it does not exist.</summary>
public sealed class GetBallotHandler(GovernanceDbContext db, AccessControl access, RequestLanguage languages, TimeProvider clock)
{
    public async Task<Ballot> VisibleAsync(Guid id, CancellationToken cancellationToken)
    {
        var ballot = await db.Ballots.AsNoTracking().SingleOrDefaultAsync(b => b.Id == new BallotId(id), cancellationToken);
        var isVoter = ballot is not null && access.Caller.PersonId is { } me && ballot.Voters.Any(v => v.PersonId == me);
        return ballot is not null && (isVoter || await access.CanSeeAllianceAsync(ballot.AllianceId, cancellationToken))
            ? ballot
            : throw new NotFoundException("Ballot", id);
    }

    public async Task<BallotResponse> HandleAsync(Guid id, string? lang, CancellationToken cancellationToken)
    {
        var ballot = await VisibleAsync(id, cancellationToken);
        var language = await languages.ResolveAsync(lang, cancellationToken);
        var alliance = await db.Alliances.AsNoTracking().Where(a => a.Id == ballot.AllianceId).Select(a => a.Name).SingleAsync(cancellationToken);
        var me = access.Caller.PersonId;
        var voter = me is { } person ? ballot.Voters.SingleOrDefault(v => v.PersonId == person) : null;
        var vote = me is { } p ? ballot.Votes.SingleOrDefault(v => v.VoterId == p) : null;
        var key = ballot.Id.Value.ToString();
        Guid? taskId = me is { } assignee
            ? await db.Tasks.AsNoTracking().Where(t => t.WaitKey == key && t.Kind == WorkTaskKind.Vote && t.AssigneeId == assignee)
                .Select(t => (Guid?)t.Id.Value).FirstOrDefaultAsync(cancellationToken)
            : null;
        var open = ballot.Status == BallotStatus.Open && !ballot.IsPastDeadline(clock.GetUtcNow());
        var tally = ballot.Result is { } r ? new BallotTallyResponse(r.Eligible, r.Recused, r.Yes, r.No, r.Abstain, r.QuorumMet, r.Outcome) : null;
        return new BallotResponse(
            ballot.Id.Value, new AllianceReference(ballot.AllianceId.Value, alliance), ballot.Matter, VotingRuleText.Matter(ballot.Matter, language),
            ballot.Subject,
            new BallotRuleResponse(ballot.Rule.Quorum.ToString(), ballot.Rule.Threshold, ballot.Rule.RecuseInterestedMembers,
                VotingRuleText.Describe(ballot.Rule, language)),
            ballot.Status, ballot.OpenedAt, ballot.Deadline, ballot.ClosedAt,
            ballot.Voters.Count(v => !v.Recused), ballot.Voters.Count(v => v.Recused), ballot.Votes.Count,
            new MyBallotPart(voter is not null, voter?.Recused ?? false, voter?.RecusalReason, vote?.Choice, vote?.ChangedAt,
                voter is { Recused: false } && open, taskId),
            tally);
    }
}
