using Governance.Domain.Ballots;
using Governance.Domain.Common;
using Governance.Server.Access;
using Governance.Server.Auditing;
using Governance.Server.Features.Tasks;
using Governance.Server.Processes;

namespace Governance.Server.Features.Ballots;

/// <summary><c>choice</c>: yes, no or abstain.</summary>
public sealed record CastVoteRequest(VoteChoice? Choice);

/// <summary><c>reason</c>: why the voter has an interest in the matter.</summary>
public sealed record DeclareConflictRequest(string? Reason);

/// <summary>
/// An eligible voter casts or changes a vote, or declares a conflict of interest and is recused, until
/// the ballot closes. Stored with the voter's task and the council vote's step in one transaction
/// (<see cref="BallotVoting"/>: a voter who loses a race acts again on the new state, so no vote is
/// dropped); the audit entry follows right after.
/// </summary>
public sealed class CastVoteHandler(GetBallotHandler ballots, TaskAccess access, BallotVoting voting, AuditTrail audit)
{
    public async Task<BallotResponse> CastAsync(Guid id, CastVoteRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (ballot, me) = await VoterAsync(id, cancellationToken);
        var choice = request.Choice ?? throw new DomainRuleViolation("ballot.choice-required", "choice is yes, no or abstain.", "choice");
        var before = ballot.Votes.SingleOrDefault(v => v.VoterId == me)?.Choice;
        await voting.CastAsync(ballot.Id, me, choice, cancellationToken);
        audit.Record(before is null ? "ballot.vote" : "ballot.vote-change", "Ballot", ballot.Id.ToString(), ballot.AllianceId,
            ballot.Voters.Single(v => v.PersonId == me).OrganizationId, $"{ballot.Subject}: {AuditTrail.Change("choice", before, choice)}");
        await audit.SaveChangesAsync(cancellationToken);
        return await ballots.HandleAsync(id, null, cancellationToken);
    }

    public async Task<BallotResponse> DeclareConflictAsync(Guid id, DeclareConflictRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (ballot, me) = await VoterAsync(id, cancellationToken);
        var reason = string.IsNullOrWhiteSpace(request.Reason)
            ? throw new DomainRuleViolation("ballot.reason-required", "reason says what the conflict of interest is.", "reason")
            : request.Reason.Trim();
        await voting.RecuseAsync(ballot.Id, me, reason, cancellationToken);
        audit.Record("ballot.conflict", "Ballot", ballot.Id.ToString(), ballot.AllianceId,
            ballot.Voters.Single(v => v.PersonId == me).OrganizationId, $"{ballot.Subject}: recused; reason: {reason}");
        await audit.SaveChangesAsync(cancellationToken);
        return await ballots.HandleAsync(id, null, cancellationToken);
    }

    // An eligible voter only; one who is listed but recused hears the ballot's own rule.
    private async Task<(Ballot Ballot, PersonId Me)> VoterAsync(Guid id, CancellationToken cancellationToken)
    {
        var ballot = await ballots.VisibleAsync(id, cancellationToken);
        if (access.CallerId is { } me && ballot.Voters.Any(v => v.PersonId == me && v.Recused))
        {
            throw new DomainRuleViolation("ballot.voter-recused", "A recused voter cannot vote on this matter.", "voter");
        }

        await access.DemandAsync(ballot, new EligibleVoterRequirement(), "access.eligible-voter-required", "Only an eligible voter of this ballot can do this.");
        return (ballot, access.Person());
    }
}
