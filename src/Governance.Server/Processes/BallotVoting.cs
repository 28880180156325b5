using System.Text.Json.Nodes;
using Governance.Domain.Ballots;
using Governance.Domain.Common;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Governance.Server.WorkflowHosting;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Processes;

/// <summary>
/// Votes and recusals on a council ballot. Each one is recorded on the ballot and resumes the council
/// vote waiting on it in the same transaction, so a vote is counted exactly when it is stored and the
/// ballot closes in the step that decided it. Voters acting at the same moment are serialised by the
/// ballot's and the instance's versions (see <see cref="WaitingSteps"/>).
/// </summary>
public sealed class BallotVoting(GovernanceDbContext db, WorkflowRuntime runtime, TimeProvider clock)
{
    public Task CastAsync(BallotId ballotId, PersonId voter, VoteChoice choice, CancellationToken cancellationToken) =>
        ActAsync(ballotId, voter, new JsonObject { ["voter"] = voter.Value, ["choice"] = choice.ToString() },
            ballot => ballot.Cast(voter, choice, clock.GetUtcNow()), cancellationToken);

    public Task RecuseAsync(BallotId ballotId, PersonId voter, string reason, CancellationToken cancellationToken) =>
        ActAsync(ballotId, voter, new JsonObject { ["voter"] = voter.Value, ["recused"] = true },
            ballot => ballot.Recuse(voter, reason, clock.GetUtcNow()), cancellationToken);

    private Task ActAsync(BallotId ballotId, PersonId voter, JsonObject input, Action<Ballot> act, CancellationToken cancellationToken) =>
        WaitingSteps.ActAsync(db, runtime, CouncilVoteActivity.BallotBookmark, ballotId.Value.ToString(), input, voter.Value.ToString(), async (context, ct) =>
        {
            var ballot = await context.Ballots.SingleOrDefaultAsync(b => b.Id == ballotId, ct)
                ?? throw new NotFoundException("Ballot", ballotId.Value);
            act(ballot);
        }, cancellationToken);
}
