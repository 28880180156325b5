using System.Text.Json.Nodes;
using Governance.Server.Persistence;
using Governance.Server.WorkflowHosting;
using Governance.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Processes;

/// <summary>
/// A person's act (a vote, a decision, a submission) on something a workflow step may be waiting for.
/// If a step waits on the bookmark (kind, key) — no key: nothing can wait for it — the act is stored and resumes it in one transaction;
/// otherwise the act alone is saved (and its own rules refuse it if it is too late). Someone else's act
/// moving the step on first (new bookmark, new versions) makes this one run again on the new state, so
/// an act is never dropped, only refused by a rule.
/// </summary>
internal static class WaitingSteps
{
    private const int MaxAttempts = 60;

    public static async Task ActAsync(
        GovernanceDbContext db, WorkflowRuntime runtime, string kind, string? key, JsonObject input, string actor,
        Func<GovernanceDbContext, CancellationToken, Task> act, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var waiting = key is null ? null : await db.WorkflowBookmarks.AsNoTracking()
                .Where(b => b.Kind == kind && b.Key == key)
                .Select(b => new { b.Id, b.InstanceId })
                .SingleOrDefaultAsync(cancellationToken);
            if (waiting is null)
            {
                // In a transaction like a resume, so an act can append to the audit chain with it.
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await act(db, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return;
            }

            try
            {
                await runtime.ResumeAsync(waiting.InstanceId, waiting.Id, input.DeepClone().AsObject(), actor, null, act, cancellationToken);
                return;
            }
            catch (Exception exception) when (attempt < MaxAttempts && exception is DbUpdateConcurrencyException
                or WorkflowRuntimeException { Code: "workflow.bookmark-not-found" or "workflow.not-waiting" })
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 + Math.Min(attempt, 20) * 5)), cancellationToken);
            }
        }
    }
}
