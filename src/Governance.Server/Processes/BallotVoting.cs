using System.Text.Json.Nodes;
using Governance.Domain.Ballots;
using Governance.Domain.Common;
using Governance.Domain.Tasks;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Governance.Server.WorkflowHosting;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Processes;

/// <summary>
/// Votes and recusals on a council ballot. Each one is recorded on the ballot and resumes the council
/// vote waiting on it in the same transaction, so a vote is counted exactly when it is stored and the
/// ballot closes in the step that decided it. Voters acting at the same moment are serialised by the
/// ballot's and the instance's versions (see <see cref="WaitingSteps"/>). The voter's task (see
/// <see cref="CouncilVoteActivity"/>) is completed in the same transaction: by the first vote (a changed
/// vote leaves it done), or by the recusal.
/// </summary>
public sealed class BallotVoting(GovernanceDbContext db, WorkflowRuntime runtime, TimeProvider clock)
{
    /// <summary>The outcome a voter's task is completed with when the voter votes.</summary>
    public const string Voted = "voted";

    /// <summary>The outcome a voter's task is completed with when the voter declares a conflict.</summary>
    public const string Recused = "recused";

    public Task CastAsync(BallotId ballotId, PersonId voter, VoteChoice choice, CancellationToken cancellationToken) =>
        ActAsync(ballotId, voter, new JsonObject { ["voter"] = voter.Value, ["choice"] = choice.ToString() },
            (ballot, now) => ballot.Cast(voter, choice, now), Voted, null, cancellationToken);

    public Task RecuseAsync(BallotId ballotId, PersonId voter, string reason, CancellationToken cancellationToken) =>
        ActAsync(ballotId, voter, new JsonObject { ["voter"] = voter.Value, ["recused"] = true },
            (ballot, now) => ballot.Recuse(voter, reason, now), Recused, reason, cancellationToken);

    private Task ActAsync(
        BallotId ballotId, PersonId voter, JsonObject input, Action<Ballot, DateTimeOffset> act, string taskOutcome, string? comment,
        CancellationToken cancellationToken)
    {
        var key = ballotId.Value.ToString();
        return WaitingSteps.ActAsync(db, runtime, CouncilVoteActivity.BallotBookmark, key, input, voter.Value.ToString(), async (context, ct) =>
        {
            var now = clock.GetUtcNow();
            var ballot = await context.Ballots.SingleOrDefaultAsync(b => b.Id == ballotId, ct)
                ?? throw new NotFoundException("Ballot", ballotId.Value);
            act(ballot, now);
            var task = await context.Tasks.SingleOrDefaultAsync(
                t => t.WaitKey == key && t.AssigneeId == voter && t.Kind == WorkTaskKind.Vote && t.Status == WorkTaskStatus.Open, ct);
            task?.Complete(taskOutcome, comment, now, voter);
        }, cancellationToken);
    }
}
