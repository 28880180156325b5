using System.Text.Json.Nodes;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Governance.Server.Persistence.Providers;
using Governance.Workflows.Activities.Core;
using Governance.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Governance.Server.WorkflowHosting;

public enum ResumeOutcome
{
    Resumed,
    AlreadyProcessed,
}

/// <summary>
/// The durable side of the runtime: every start, resume, retry and cancel is one transaction holding
/// the instance's new state, its bookmarks and timers, journal, incidents, the outbox emails of the
/// step, and (for a resume) the caller's own domain changes. Two resumes of one instance never both
/// commit: the loser reloads and runs again, or learns its bookmark is gone.
/// </summary>
public sealed partial class WorkflowRuntime(
    GovernanceDbContext db,
    WorkflowExecutor executor,
    DefinitionCache definitions,
    InstanceCache instances,
    IServiceProvider services,
    TimeProvider clock,
    ILogger<WorkflowRuntime> logger)
{
    private const int MaxAttempts = 8;

    public Task<WorkflowInstanceRecord> StartAsync(
        string definitionId, int? version, IReadOnlyDictionary<string, JsonNode?> input, string? correlationId, string? actor,
        CancellationToken cancellationToken) =>
        StartAsync(definitionId, version, input, correlationId, actor, null, cancellationToken);

    /// <summary>
    /// Starts an instance. <paramref name="alsoInTransaction"/> writes the caller's own rows (an audit
    /// entry) in the transaction of the first step, given the new instance; both commit or neither.
    /// </summary>
    public async Task<WorkflowInstanceRecord> StartAsync(
        string definitionId, int? version, IReadOnlyDictionary<string, JsonNode?> input, string? correlationId, string? actor,
        Func<GovernanceDbContext, WorkflowInstanceRecord, CancellationToken, Task>? alsoInTransaction, CancellationToken cancellationToken)
    {
        // One query: the requested version, or the latest published one.
        var stored = await db.WorkflowDefinitions.AsNoTracking()
            .Where(d => d.DefinitionId == definitionId && (version == null ? d.Status == DefinitionStatus.Published : d.Version == version))
            .OrderByDescending(d => d.Version)
            .Select(d => new { d.Id, d.Version, d.Status })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("WorkflowDefinition", version is null ? definitionId : $"{definitionId} v{version}");
        var pinned = stored.Version;
        if (stored.Status != DefinitionStatus.Published)
        {
            throw new WorkflowRuntimeException(
                "workflow.definition-not-published", $"{definitionId} v{pinned} is {stored.Status}; only published versions start.");
        }

        var definition = await definitions.GetAsync(db, stored.Id, cancellationToken);
        var instanceId = Guid.CreateVersion7();
        var result = await executor.StartAsync(definition, instanceId, input, correlationId, actor, services, cancellationToken);
        var now = clock.GetUtcNow();
        var record = new WorkflowInstanceRecord
        {
            Id = instanceId,
            DefinitionId = definitionId,
            DefinitionVersion = pinned,
            DefinitionRecordId = stored.Id,
            CorrelationId = correlationId,
            StartedBy = actor is { Length: > StepChanges.ActorLength } ? actor[..StepChanges.ActorLength] : actor,
            StateJson = string.Empty,
            CreatedAt = now,
        };
        if (alsoInTransaction is null && CanWriteInOneStatement())
        {
            await WriteInOneStatementAsync(
                connection => PostgreSqlStepWriter.StartAsync(connection, StepChanges.Of(record, [], result, now), cancellationToken),
                cancellationToken);
        }
        else
        {
            await using var transaction = await BeginOwnTransactionAsync(alsoInTransaction is not null, cancellationToken);
            db.WorkflowInstances.Add(record);
            Stage(StepChanges.Of(record, [], result, now));
            if (alsoInTransaction is not null)
            {
                await alsoInTransaction(db, record, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            await CommitAsync(transaction, cancellationToken);
        }

        instances.Put(record, result.State);
        return record;
    }

    /// <summary>
    /// Resumes one bookmark. <paramref name="alsoInTransaction"/> makes the caller's domain changes (and
    /// audit entries) on the same context, inside the step's transaction, which is then opened before the
    /// instance is read; it runs again if the step has to be retried. With a <paramref name="stimulusKey"/>
    /// a repeated delivery of the same stimulus is recognised and does nothing.
    /// </summary>
    public async Task<ResumeOutcome> ResumeAsync(
        Guid instanceId, Guid bookmarkId, JsonObject? input, string? actor, string? stimulusKey,
        Func<GovernanceDbContext, CancellationToken, Task>? alsoInTransaction, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            await using var transaction = await BeginOwnTransactionAsync(alsoInTransaction is not null, cancellationToken);
            if (stimulusKey is not null && await db.ProcessedStimuli.AnyAsync(s => s.Key == stimulusKey, cancellationToken))
            {
                return ResumeOutcome.AlreadyProcessed;
            }

            var (record, state, cached) = await LoadAsync(instanceId, useCache: attempt == 1, cancellationToken);
            var definition = await definitions.GetAsync(db, record.DefinitionRecordId, cancellationToken);

            // The caller's change comes first, so the resumed activity sees it (a vote it counts).
            if (alsoInTransaction is not null)
            {
                await alsoInTransaction(db, cancellationToken);
            }

            ExecutionResult result;
            try
            {
                result = await executor.ResumeAsync(definition, state, bookmarkId, input, actor, services, cancellationToken);
            }
            catch (WorkflowRuntimeException) when (cached)
            {
                // The copy may be stale (another process moved the instance on): decide on the stored one.
                instances.Evict(instanceId);
                continue;
            }

            var now = clock.GetUtcNow();
            var written = false;
            try
            {
                if (CanWriteInOneStatement())
                {
                    // The context tracks no other change: the step is the whole transaction.
                    var changes = StepChanges.Of(record, state.Bookmarks, result, now);
                    written = await WriteInOneStatementAsync(
                        connection => PostgreSqlStepWriter.ResumeAsync(connection, changes, stimulusKey, cancellationToken),
                        cancellationToken);
                    record.RowVersion = changes.ExpectedRowVersion + 1;
                }
                else
                {
                    if (stimulusKey is not null)
                    {
                        db.ProcessedStimuli.Add(new ProcessedStimulusRecord { Key = stimulusKey, InstanceId = instanceId, At = now });
                    }

                    db.WorkflowInstances.Attach(record);
                    Stage(StepChanges.Of(record, state.Bookmarks, result, now));
                    await db.SaveChangesAsync(cancellationToken);
                    await CommitAsync(transaction, cancellationToken);
                    written = true;
                }
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
            }
            catch (Exception exception) when (stimulusKey is not null && IsUniqueViolation(exception))
            {
                instances.Evict(instanceId);
                return ResumeOutcome.AlreadyProcessed;
            }
            catch
            {
                instances.Evict(instanceId);
                throw;
            }

            if (written)
            {
                instances.Put(record, result.State);
                return ResumeOutcome.Resumed;
            }

            instances.Evict(instanceId);
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }

            if (attempt >= MaxAttempts)
            {
                throw new DbUpdateConcurrencyException($"Instance {instanceId} kept changing under {MaxAttempts} attempts to resume it.");
            }

            LogRetry(logger, instanceId, attempt);
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * attempt)), cancellationToken);
        }
    }

    /// <summary>Raises a named event: every instance waiting for it (with that key) resumes once.</summary>
    public Task<int> RaiseEventAsync(
        string name, string? correlationKey, JsonObject? payload, string? deliveryId, string? actor, CancellationToken cancellationToken) =>
        RaiseEventAsync(name, correlationKey, payload, deliveryId, actor, null, cancellationToken);

    /// <summary>
    /// Raises a named event; <paramref name="alsoInTransaction"/> runs in the transaction of each
    /// instance's resume (given that instance's id), so an audit entry exists exactly for each resume that committed.
    /// </summary>
    public async Task<int> RaiseEventAsync(
        string name, string? correlationKey, JsonObject? payload, string? deliveryId, string? actor,
        Func<GovernanceDbContext, Guid, CancellationToken, Task>? alsoInTransaction, CancellationToken cancellationToken)
    {
        var key = EventActivity.KeyOf(name, correlationKey);
        var waiting = await db.WorkflowBookmarks.AsNoTracking()
            .Where(b => b.Kind == EventActivity.BookmarkKind && b.Key == key)
            .OrderBy(b => b.CreatedAt)
            .Select(b => new { b.Id, b.InstanceId })
            .ToListAsync(cancellationToken);
        var resumed = 0;
        foreach (var bookmark in waiting)
        {
            try
            {
                var stimulus = deliveryId is null ? null : $"event:{deliveryId}:{bookmark.InstanceId}";
                Func<GovernanceDbContext, CancellationToken, Task>? also = alsoInTransaction is null
                    ? null
                    : (context, token) => alsoInTransaction(context, bookmark.InstanceId, token);
                if (await ResumeAsync(bookmark.InstanceId, bookmark.Id, payload, actor, stimulus, also, cancellationToken) == ResumeOutcome.Resumed)
                {
                    resumed++;
                }
            }
            catch (WorkflowRuntimeException exception) when (exception.Code is "workflow.bookmark-not-found" or "workflow.not-waiting")
            {
                // Someone else's delivery consumed it first: the event was already applied there.
            }
        }

        return resumed;
    }

    /// <summary>Fires a due timer; a timer whose bookmark is gone is removed.</summary>
    public async Task<bool> FireTimerAsync(Guid timerId, CancellationToken cancellationToken)
    {
        var timer = await db.WorkflowTimers.AsNoTracking().SingleOrDefaultAsync(t => t.Id == timerId, cancellationToken);
        if (timer is null)
        {
            return false;
        }

        try
        {
            return await ResumeAsync(timer.InstanceId, timer.Id, null, "system:timer", null, null, cancellationToken) == ResumeOutcome.Resumed;
        }
        catch (WorkflowRuntimeException exception) when (exception.Code is "workflow.bookmark-not-found" or "workflow.not-waiting")
        {
            db.ChangeTracker.Clear();
            await db.WorkflowTimers.Where(t => t.Id == timerId).ExecuteDeleteAsync(cancellationToken);
            return false;
        }
    }

    public Task<WorkflowInstanceRecord> RetryAsync(Guid instanceId, string? actor, CancellationToken cancellationToken) =>
        RetryAsync(instanceId, actor, null, cancellationToken);

    /// <summary>Runs a faulted instance's failed activity again; <paramref name="alsoInTransaction"/> runs in its transaction, given the instance.</summary>
    public Task<WorkflowInstanceRecord> RetryAsync(
        Guid instanceId, string? actor, Func<GovernanceDbContext, WorkflowInstanceRecord, CancellationToken, Task>? alsoInTransaction,
        CancellationToken cancellationToken) =>
        TransitionAsync(instanceId, async (definition, state) =>
            await executor.RetryAsync(definition, state, actor, services, cancellationToken), alsoInTransaction, cancellationToken);

    public Task<WorkflowInstanceRecord> CancelAsync(Guid instanceId, string? actor, string? reason, CancellationToken cancellationToken) =>
        CancelAsync(instanceId, actor, reason, null, cancellationToken);

    /// <summary>Cancels an instance; <paramref name="alsoInTransaction"/> runs in its transaction, given the instance.</summary>
    public Task<WorkflowInstanceRecord> CancelAsync(
        Guid instanceId, string? actor, string? reason, Func<GovernanceDbContext, WorkflowInstanceRecord, CancellationToken, Task>? alsoInTransaction,
        CancellationToken cancellationToken) =>
        TransitionAsync(instanceId, (definition, state) => Task.FromResult(executor.Cancel(definition, state, actor, reason)), alsoInTransaction,
            cancellationToken);

    private async Task<WorkflowInstanceRecord> TransitionAsync(
        Guid instanceId, Func<Governance.Workflows.Definitions.WorkflowDefinition, WorkflowInstanceState, Task<ExecutionResult>> step,
        Func<GovernanceDbContext, WorkflowInstanceRecord, CancellationToken, Task>? alsoInTransaction, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            instances.Evict(instanceId);
            await using var transaction = await BeginOwnTransactionAsync(alsoInTransaction is not null, cancellationToken);
            var (record, state, _) = await LoadAsync(instanceId, useCache: false, cancellationToken);
            var definition = await definitions.GetAsync(db, record.DefinitionRecordId, cancellationToken);
            var result = await step(definition, state);
            db.WorkflowInstances.Attach(record);
            Stage(StepChanges.Of(record, state.Bookmarks, result, clock.GetUtcNow()));
            if (alsoInTransaction is not null)
            {
                await alsoInTransaction(db, record, cancellationToken);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await CommitAsync(transaction, cancellationToken);
                return record;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                LogRetry(logger, instanceId, attempt);
            }
        }
    }

    /// <summary>
    /// A transaction of the runtime's own around a step that carries the caller's rows, unless the caller
    /// already opened one (then the caller commits). Disposing it uncommitted rolls it back.
    /// </summary>
    private async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction?> BeginOwnTransactionAsync(
        bool needed, CancellationToken cancellationToken) =>
        needed && db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;

    private static async Task CommitAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? transaction, CancellationToken cancellationToken)
    {
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private async Task<(WorkflowInstanceRecord Record, WorkflowInstanceState State, bool Cached)> LoadAsync(
        Guid instanceId, bool useCache, CancellationToken cancellationToken)
    {
        // Untracked either way: a step written through the context attaches it at the version read.
        if (useCache && instances.TryGet(instanceId, out var copy, out var cachedState))
        {
            return (copy, cachedState, true);
        }

        var record = await db.WorkflowInstances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == instanceId, cancellationToken)
            ?? throw new NotFoundException("WorkflowInstance", instanceId);
        return (record, InstanceStateJson.Read(record.StateJson), false);
    }

    private void Stage(StepChanges changes)
    {
        foreach (var id in changes.ConsumedBookmarks)
        {
            // Deleting a row another step already deleted fails the save: a bookmark is consumed once.
            db.WorkflowBookmarks.Remove(new BookmarkRecord { Id = id, ActivityId = string.Empty, Kind = string.Empty });
        }

        db.WorkflowBookmarks.AddRange(changes.NewBookmarks);
        db.WorkflowTimers.AddRange(changes.NewTimers);
        db.WorkflowJournal.AddRange(changes.Journal);
        db.WorkflowIncidents.AddRange(changes.Incidents);
    }

    private static bool IsUniqueViolation(Exception exception) => exception switch
    {
        DbUpdateException update => UniqueViolation.Is(update),
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    // One statement per step where the provider allows it and the step is all there is to write.
    private bool CanWriteInOneStatement() =>
        db is PostgreSqlGovernanceDbContext && db.Database.CurrentTransaction is null && !db.ChangeTracker.HasChanges();

    private async Task<T> WriteInOneStatementAsync<T>(Func<NpgsqlConnection, Task<T>> write, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await write((NpgsqlConnection)db.Database.GetDbConnection());
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private Task<bool> WriteInOneStatementAsync(Func<NpgsqlConnection, Task> write, CancellationToken cancellationToken) =>
        WriteInOneStatementAsync(async connection =>
        {
            await write(connection);
            return true;
        }, cancellationToken);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Instance {InstanceId} changed concurrently; step retried (attempt {Attempt})")]
    private static partial void LogRetry(ILogger logger, Guid instanceId, int attempt);
}
