using System.Text.Json.Nodes;
using Governance.Domain.Ballots;
using Governance.Domain.Common;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Governance.Server.WorkflowHosting;
using Governance.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Processes;

/// <summary>
/// Votes and recusals on a council ballot. Each one is recorded on the ballot and resumes the council
/// vote waiting on it in the same transaction, so a vote is counted exactly when it is stored and the
/// ballot closes in the step that decided it. Voters acting at the same moment are serialised by the
/// ballot's and the instance's versions: a voter who loses the race runs again on the new state and is
/// never dropped.
/// </summary>
public sealed partial class BallotVoting(GovernanceDbContext db, WorkflowRuntime runtime, TimeProvider clock, ILogger<BallotVoting> logger)
{
    private const int MaxAttempts = 60;

    public Task CastAsync(BallotId ballotId, PersonId voter, VoteChoice choice, CancellationToken cancellationToken) =>
        ActAsync(ballotId, voter, new JsonObject { ["voter"] = voter.Value, ["choice"] = choice.ToString() },
            ballot => ballot.Cast(voter, choice, clock.GetUtcNow()), cancellationToken);

    public Task RecuseAsync(BallotId ballotId, PersonId voter, string reason, CancellationToken cancellationToken) =>
        ActAsync(ballotId, voter, new JsonObject { ["voter"] = voter.Value, ["recused"] = true },
            ballot => ballot.Recuse(voter, reason, clock.GetUtcNow()), cancellationToken);

    private async Task ActAsync(BallotId ballotId, PersonId voter, JsonObject input, Action<Ballot> act, CancellationToken cancellationToken)
    {
        var key = ballotId.Value.ToString();
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var waiting = await db.WorkflowBookmarks.AsNoTracking()
                .Where(b => b.Kind == CouncilVoteActivity.BallotBookmark && b.Key == key)
                .Select(b => new { b.Id, b.InstanceId })
                .SingleOrDefaultAsync(cancellationToken);
            if (waiting is null)
            {
                // No council vote waits on it (closed, or a ballot outside a workflow): the ballot decides.
                var ballot = await db.Ballots.SingleOrDefaultAsync(b => b.Id == ballotId, cancellationToken)
                    ?? throw new NotFoundException("Ballot", ballotId.Value);
                act(ballot);
                await db.SaveChangesAsync(cancellationToken);
                return;
            }

            try
            {
                await runtime.ResumeAsync(waiting.InstanceId, waiting.Id, input.DeepClone().AsObject(), voter.Value.ToString(), null, async (context, ct) =>
                {
                    var ballot = await context.Ballots.SingleAsync(b => b.Id == ballotId, ct);
                    act(ballot);
                }, cancellationToken);
                return;
            }
            catch (Exception exception) when (attempt < MaxAttempts && IsRace(exception))
            {
                // Another voter's step moved the ballot on (new bookmark, new versions): act again on it.
                LogRace(logger, ballotId.Value, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 + Math.Min(attempt, 20) * 5)), cancellationToken);
            }
        }
    }

    private static bool IsRace(Exception exception) =>
        exception is DbUpdateConcurrencyException
        || exception is WorkflowRuntimeException { Code: "workflow.bookmark-not-found" or "workflow.not-waiting" };

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ballot {BallotId} moved on under a voter; acting again (attempt {Attempt})")]
    private static partial void LogRace(ILogger logger, Guid ballotId, int attempt);
}
