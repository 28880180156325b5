using Npgsql;
using NpgsqlTypes;

namespace Governance.Server.WorkflowHosting;

/// <summary>
/// Writes a step on PostgreSQL as ONE statement in one round trip, which is also its own transaction:
/// data-modifying CTEs update the instance (only at the version the step was computed from), delete
/// the consumed bookmarks (their timers cascade), insert new bookmarks, timers, journal rows,
/// incidents and the processed-stimulus key. Every CTE after the instance update runs only if that
/// update matched, so a step computed from a stale copy changes nothing and is retried; foreign keys
/// and the stimulus key's uniqueness are checked at the end of the statement and abort all of it.
/// </summary>
/// <remarks>
/// Used for steps that touch nothing but workflow tables. A step with other changes on the context
/// (the caller's domain changes, outbox emails) is written by <c>SaveChanges</c> in one transaction
/// instead. The statement text is constant, so Npgsql prepares it once per connection.
/// </remarks>
internal static class PostgreSqlStepWriter
{
    // Shared by the resume and start statements: everything after the instance row ($1 = instance id;
    // `target` is the CTE that returns the instance row when the write may proceed).
    private const string Rows = """
        gone AS (DELETE FROM "WorkflowBookmarks" WHERE "Id" = ANY($6) AND EXISTS (SELECT FROM target) RETURNING 1),
        bookmarks AS (
            INSERT INTO "WorkflowBookmarks" ("Id", "InstanceId", "ActivityId", "Kind", "Key", "CreatedAt")
            SELECT b.id, $1, b.activity, b.kind, b.key, b.created
            FROM unnest($7::uuid[], $8::text[], $9::text[], $10::text[], $11::timestamptz[]) AS b(id, activity, kind, key, created)
            WHERE EXISTS (SELECT FROM target)),
        timers AS (
            INSERT INTO "WorkflowTimers" ("Id", "InstanceId", "DueAt", "Attempts")
            SELECT t.id, $1, t.due, 0 FROM unnest($12::uuid[], $13::timestamptz[]) AS t(id, due)
            WHERE EXISTS (SELECT FROM target)),
        journal AS (
            INSERT INTO "WorkflowJournal" ("InstanceId", "At", "ActivityId", "ActivityType", "Event", "Outcome", "Actor", "Summary")
            SELECT $1, j.at, j.activity, j.type, j.event, j.outcome, j.actor, j.summary
            FROM unnest($14::timestamptz[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[], $20::text[])
                WITH ORDINALITY AS j(at, activity, type, event, outcome, actor, summary, n)
            WHERE EXISTS (SELECT FROM target) ORDER BY j.n),
        incidents AS (
            INSERT INTO "WorkflowIncidents" ("InstanceId", "At", "ActivityId", "ActivityType", "Message")
            SELECT $1, i.at, i.activity, i.type, i.message
            FROM unnest($21::timestamptz[], $22::text[], $23::text[], $24::text[]) WITH ORDINALITY AS i(at, activity, type, message, n)
            WHERE EXISTS (SELECT FROM target) ORDER BY i.n),
        stimulus AS (
            INSERT INTO "WorkflowProcessedStimuli" ("Key", "InstanceId", "At")
            SELECT $25, $1, $4 WHERE $25::text IS NOT NULL AND EXISTS (SELECT FROM target))
        SELECT (SELECT count(*) FROM target)::int, (SELECT count(*) FROM gone)::int
        """;

    private const string ResumeSql = """
        WITH target AS (
            UPDATE "WorkflowInstances"
            SET "StateJson" = $3, "UpdatedAt" = $4, "Status" = $5, "EndedAt" = $26, "RowVersion" = $2 + 1
            WHERE "Id" = $1 AND "RowVersion" = $2
            RETURNING "Id"),
        """ + Rows;

    private const string StartSql = """
        WITH target AS (
            INSERT INTO "WorkflowInstances"
                ("Id", "RowVersion", "StateJson", "UpdatedAt", "Status", "EndedAt", "DefinitionId", "DefinitionVersion",
                 "DefinitionRecordId", "CorrelationId", "CreatedAt", "StartedBy")
            VALUES ($1, $2, $3, $4, $5, $26, $27, $28, $29, $30, $31, $32)
            RETURNING "Id"),
        """ + Rows;

    /// <summary>
    /// Writes a resume. False when the instance is no longer at the expected version (nothing was
    /// written). A repeated stimulus key throws <see cref="PostgresException"/> with a unique violation.
    /// </summary>
    public static async Task<bool> ResumeAsync(
        NpgsqlConnection connection, StepChanges changes, string? stimulusKey, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(ResumeSql, connection);
        AddParameters(command, changes, stimulusKey);
        var (matched, deleted) = await ExecuteAsync(command, cancellationToken);
        if (matched == 1 && deleted != changes.ConsumedBookmarks.Count)
        {
            // Bookmarks only change with the instance's version, which matched: the store is inconsistent.
            throw new InvalidOperationException(
                $"Instance {changes.Instance.Id} was at version {changes.ExpectedRowVersion} but {deleted} of "
                + $"{changes.ConsumedBookmarks.Count} consumed bookmarks were stored.");
        }

        return matched == 1;
    }

    /// <summary>Writes a new instance with its first step.</summary>
    public static async Task StartAsync(NpgsqlConnection connection, StepChanges changes, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(StartSql, connection);
        AddParameters(command, changes, stimulusKey: null);
        var instance = changes.Instance;
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = instance.DefinitionId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = instance.DefinitionVersion });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = instance.DefinitionRecordId });
        command.Parameters.Add(Text(instance.CorrelationId));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = instance.CreatedAt.ToUniversalTime() });
        command.Parameters.Add(Text(instance.StartedBy));
        await ExecuteAsync(command, cancellationToken);
    }

    private static async Task<(int Matched, int Deleted)> ExecuteAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    private static void AddParameters(NpgsqlCommand command, StepChanges changes, string? stimulusKey)
    {
        var instance = changes.Instance;
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<Guid> { TypedValue = instance.Id });                                          // $1
        p.Add(new NpgsqlParameter<int> { TypedValue = changes.ExpectedRowVersion });                            // $2
        p.Add(new NpgsqlParameter<string> { TypedValue = instance.StateJson });                                 // $3
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = instance.UpdatedAt.ToUniversalTime() });                         // $4
        p.Add(new NpgsqlParameter<string> { TypedValue = instance.Status.ToString() });                         // $5
        p.Add(Array(changes.ConsumedBookmarks.ToArray(), NpgsqlDbType.Uuid));                                   // $6
        var bookmarks = changes.NewBookmarks;
        p.Add(Array(bookmarks.Select(b => b.Id).ToArray(), NpgsqlDbType.Uuid));                                 // $7
        p.Add(Array(bookmarks.Select(b => b.ActivityId).ToArray(), NpgsqlDbType.Text));                         // $8
        p.Add(Array(bookmarks.Select(b => b.Kind).ToArray(), NpgsqlDbType.Text));                               // $9
        p.Add(Array(bookmarks.Select(b => b.Key).ToArray(), NpgsqlDbType.Text));                                // $10
        p.Add(Array(bookmarks.Select(b => b.CreatedAt).ToArray(), NpgsqlDbType.TimestampTz));                   // $11
        p.Add(Array(changes.NewTimers.Select(t => t.Id).ToArray(), NpgsqlDbType.Uuid));                         // $12
        p.Add(Array(changes.NewTimers.Select(t => t.DueAt).ToArray(), NpgsqlDbType.TimestampTz));               // $13
        var journal = changes.Journal;
        p.Add(Array(journal.Select(j => j.At).ToArray(), NpgsqlDbType.TimestampTz));                            // $14
        p.Add(Array(journal.Select(j => j.ActivityId).ToArray(), NpgsqlDbType.Text));                           // $15
        p.Add(Array(journal.Select(j => j.ActivityType).ToArray(), NpgsqlDbType.Text));                         // $16
        p.Add(Array(journal.Select(j => j.Event).ToArray(), NpgsqlDbType.Text));                                // $17
        p.Add(Array(journal.Select(j => j.Outcome).ToArray(), NpgsqlDbType.Text));                              // $18
        p.Add(Array(journal.Select(j => j.Actor).ToArray(), NpgsqlDbType.Text));                                // $19
        p.Add(Array(journal.Select(j => j.Summary).ToArray(), NpgsqlDbType.Text));                              // $20
        var incidents = changes.Incidents;
        p.Add(Array(incidents.Select(i => i.At).ToArray(), NpgsqlDbType.TimestampTz));                          // $21
        p.Add(Array(incidents.Select(i => i.ActivityId).ToArray(), NpgsqlDbType.Text));                         // $22
        p.Add(Array(incidents.Select(i => i.ActivityType).ToArray(), NpgsqlDbType.Text));                       // $23
        p.Add(Array(incidents.Select(i => i.Message).ToArray(), NpgsqlDbType.Text));                            // $24
        p.Add(Text(stimulusKey));                                                                               // $25
        p.Add(new NpgsqlParameter { Value = (object?)instance.EndedAt?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz }); // $26
    }

    private static NpgsqlParameter Array<T>(T[] values, NpgsqlDbType elementType) =>
        new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | elementType };

    // timestamptz takes UTC values only; a due time computed with an offset is the same instant.
    private static NpgsqlParameter Array(DateTimeOffset[] values, NpgsqlDbType elementType) =>
        Array<DateTimeOffset>(values.Select(v => v.ToUniversalTime()).ToArray(), elementType);

    private static NpgsqlParameter Text(string? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };
}
