using System.Globalization;
using System.Text;
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
/// <para>Used for steps that touch nothing but workflow tables. A step with other changes on the context
/// (the caller's domain changes, outbox emails) is written by <c>SaveChanges</c> in one transaction
/// instead.</para>
/// <para>The statement holds only the parts the step needs (a vote touches the instance, one bookmark
/// and the journal; most steps create no timer, incident or stimulus key), so PostgreSQL opens and
/// locks only those tables. There are at most 2 × 64 statement texts, each constant, so Npgsql
/// prepares each once per connection.</para>
/// <para>Bookmarks are inserted once and deleted soon after, so their table is mostly dead rows until
/// autovacuum passes; a plan prepared while the table was small scans all of it for every deleted
/// bookmark. The statement therefore runs after <c>set_config('enable_seqscan', 'off', true)</c> in
/// the same round trip and transaction: its plans look rows up by key whatever the table's size was.</para>
/// </remarks>
internal static class PostgreSqlStepWriter
{
    [Flags]
    private enum Parts
    {
        None = 0,
        Consumed = 1,
        Bookmarks = 2,
        Timers = 4,
        Journal = 8,
        Incidents = 16,
        Stimulus = 32,
    }

    private const string NoSequentialScans = "SELECT set_config('enable_seqscan', 'off', true)";

    private static readonly string?[] ResumeStatements = new string?[64];
    private static readonly string?[] StartStatements = new string?[64];

    /// <summary>
    /// Writes a resume. False when the instance is no longer at the expected version (nothing was
    /// written). A repeated stimulus key throws <see cref="PostgresException"/> with a unique violation.
    /// </summary>
    public static async Task<bool> ResumeAsync(
        NpgsqlConnection connection, StepChanges changes, string? stimulusKey, CancellationToken cancellationToken)
    {
        var parts = PartsOf(changes, stimulusKey);
        var sql = ResumeStatements[(int)parts] ??= Compose(parts, start: false);
        var (matched, deleted) = await ExecuteAsync(connection, sql, Parameters(changes, stimulusKey, parts, start: false), cancellationToken);
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
        var parts = PartsOf(changes, stimulusKey: null) & ~Parts.Consumed;
        var sql = StartStatements[(int)parts] ??= Compose(parts, start: true);
        await ExecuteAsync(connection, sql, Parameters(changes, null, parts, start: true), cancellationToken);
    }

    private static Parts PartsOf(StepChanges changes, string? stimulusKey) =>
        (changes.ConsumedBookmarks.Count > 0 ? Parts.Consumed : Parts.None)
        | (changes.NewBookmarks.Count > 0 ? Parts.Bookmarks : Parts.None)
        | (changes.NewTimers.Count > 0 ? Parts.Timers : Parts.None)
        | (changes.Journal.Count > 0 ? Parts.Journal : Parts.None)
        | (changes.Incidents.Count > 0 ? Parts.Incidents : Parts.None)
        | (stimulusKey is not null ? Parts.Stimulus : Parts.None);

    /// <summary>
    /// The statement for one combination of parts. Parameters are numbered in the order
    /// <see cref="Parameters"/> adds them: the instance's columns, then each present part's arrays.
    /// </summary>
    private static string Compose(Parts parts, bool start)
    {
        // The instance's columns are $1–$6 ($1–$12 for a start); the parts' arrays follow.
        var next = start ? 13 : 7;
        string P() => "$" + (next++).ToString(CultureInfo.InvariantCulture);
        var sql = new StringBuilder();
        sql.Append(start
            ? """
              WITH target AS (
                  INSERT INTO "WorkflowInstances"
                      ("Id", "RowVersion", "StateJson", "UpdatedAt", "Status", "EndedAt", "DefinitionId", "DefinitionVersion",
                       "DefinitionRecordId", "CorrelationId", "CreatedAt", "StartedBy")
                  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                  RETURNING "Id")
              """
            : """
              WITH target AS (
                  UPDATE "WorkflowInstances"
                  SET "StateJson" = $3, "UpdatedAt" = $4, "Status" = $5, "EndedAt" = $6, "RowVersion" = $2 + 1
                  WHERE "Id" = $1 AND "RowVersion" = $2
                  RETURNING "Id")
              """);
        if (parts.HasFlag(Parts.Consumed))
        {
            sql.Append(CultureInfo.InvariantCulture, $"""
                ,
                gone AS (DELETE FROM "WorkflowBookmarks" WHERE "Id" = ANY({P()}) AND EXISTS (SELECT FROM target) RETURNING 1)
                """);
        }

        if (parts.HasFlag(Parts.Bookmarks))
        {
            sql.Append(CultureInfo.InvariantCulture, $"""
                ,
                bookmarks AS (
                    INSERT INTO "WorkflowBookmarks" ("Id", "InstanceId", "ActivityId", "Kind", "Key", "CreatedAt")
                    SELECT b.id, $1, b.activity, b.kind, b.key, b.created
                    FROM unnest({P()}::uuid[], {P()}::text[], {P()}::text[], {P()}::text[], {P()}::timestamptz[]) AS b(id, activity, kind, key, created)
                    WHERE EXISTS (SELECT FROM target))
                """);
        }

        if (parts.HasFlag(Parts.Timers))
        {
            sql.Append(CultureInfo.InvariantCulture, $"""
                ,
                timers AS (
                    INSERT INTO "WorkflowTimers" ("Id", "InstanceId", "DueAt", "Attempts")
                    SELECT t.id, $1, t.due, 0 FROM unnest({P()}::uuid[], {P()}::timestamptz[]) AS t(id, due)
                    WHERE EXISTS (SELECT FROM target))
                """);
        }

        if (parts.HasFlag(Parts.Journal))
        {
            sql.Append(CultureInfo.InvariantCulture, $"""
                ,
                journal AS (
                    INSERT INTO "WorkflowJournal" ("InstanceId", "At", "ActivityId", "ActivityType", "Event", "Outcome", "Actor", "Summary")
                    SELECT $1, j.at, j.activity, j.type, j.event, j.outcome, j.actor, j.summary
                    FROM unnest({P()}::timestamptz[], {P()}::text[], {P()}::text[], {P()}::text[], {P()}::text[], {P()}::text[], {P()}::text[])
                        WITH ORDINALITY AS j(at, activity, type, event, outcome, actor, summary, n)
                    WHERE EXISTS (SELECT FROM target) ORDER BY j.n)
                """);
        }

        if (parts.HasFlag(Parts.Incidents))
        {
            sql.Append(CultureInfo.InvariantCulture, $"""
                ,
                incidents AS (
                    INSERT INTO "WorkflowIncidents" ("InstanceId", "At", "ActivityId", "ActivityType", "Message")
                    SELECT $1, i.at, i.activity, i.type, i.message
                    FROM unnest({P()}::timestamptz[], {P()}::text[], {P()}::text[], {P()}::text[]) WITH ORDINALITY AS i(at, activity, type, message, n)
                    WHERE EXISTS (SELECT FROM target) ORDER BY i.n)
                """);
        }

        if (parts.HasFlag(Parts.Stimulus))
        {
            sql.Append(CultureInfo.InvariantCulture, $"""
                ,
                stimulus AS (
                    INSERT INTO "WorkflowProcessedStimuli" ("Key", "InstanceId", "At")
                    SELECT {P()}, $1, $4 WHERE EXISTS (SELECT FROM target))
                """);
        }

        sql.Append(parts.HasFlag(Parts.Consumed)
            ? "\nSELECT (SELECT count(*) FROM target)::int, (SELECT count(*) FROM gone)::int"
            : "\nSELECT (SELECT count(*) FROM target)::int, 0");
        return sql.ToString();
    }

    private static async Task<(int Matched, int Deleted)> ExecuteAsync(
        NpgsqlConnection connection, string sql, List<NpgsqlParameter> parameters, CancellationToken cancellationToken)
    {
        // Both commands go in one round trip and one implicit transaction (the batch's), so the
        // setting is the statement's alone.
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands = { new NpgsqlBatchCommand(NoSequentialScans), new NpgsqlBatchCommand(sql) },
        };
        batch.BatchCommands[1].Parameters.AddRange(parameters.ToArray());
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    private static List<NpgsqlParameter> Parameters(StepChanges changes, string? stimulusKey, Parts parts, bool start)
    {
        var instance = changes.Instance;
        var p = new List<NpgsqlParameter>(32)
        {
            new NpgsqlParameter<Guid> { TypedValue = instance.Id },                                              // $1
            new NpgsqlParameter<int> { TypedValue = changes.ExpectedRowVersion },                                // $2
            new NpgsqlParameter<string> { TypedValue = instance.StateJson },                                     // $3
            new NpgsqlParameter<DateTimeOffset> { TypedValue = instance.UpdatedAt.ToUniversalTime() },           // $4
            new NpgsqlParameter<string> { TypedValue = instance.Status.ToString() },                             // $5
            Timestamp(instance.EndedAt),                                                                         // $6
        };
        if (start)
        {
            p.Add(new NpgsqlParameter<string> { TypedValue = instance.DefinitionId });                           // $7
            p.Add(new NpgsqlParameter<int> { TypedValue = instance.DefinitionVersion });                         // $8
            p.Add(new NpgsqlParameter<Guid> { TypedValue = instance.DefinitionRecordId });                       // $9
            p.Add(Text(instance.CorrelationId));                                                                 // $10
            p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = instance.CreatedAt.ToUniversalTime() });    // $11
            p.Add(Text(instance.StartedBy));                                                                     // $12
        }

        if (parts.HasFlag(Parts.Consumed))
        {
            p.Add(Array(changes.ConsumedBookmarks.ToArray(), NpgsqlDbType.Uuid));
        }

        if (parts.HasFlag(Parts.Bookmarks))
        {
            var bookmarks = changes.NewBookmarks;
            p.Add(Array(bookmarks.Select(b => b.Id).ToArray(), NpgsqlDbType.Uuid));
            p.Add(Array(bookmarks.Select(b => b.ActivityId).ToArray(), NpgsqlDbType.Text));
            p.Add(Array(bookmarks.Select(b => b.Kind).ToArray(), NpgsqlDbType.Text));
            p.Add(Array(bookmarks.Select(b => b.Key).ToArray(), NpgsqlDbType.Text));
            p.Add(Array(bookmarks.Select(b => b.CreatedAt).ToArray(), NpgsqlDbType.TimestampTz));
        }

        if (parts.HasFlag(Parts.Timers))
        {
            p.Add(Array(changes.NewTimers.Select(t => t.Id).ToArray(), NpgsqlDbType.Uuid));
            p.Add(Array(changes.NewTimers.Select(t => t.DueAt).ToArray(), NpgsqlDbType.TimestampTz));
        }

        if (parts.HasFlag(Parts.Journal))
        {
            var journal = changes.Journal;
            p.Add(Array(journal.Select(j => j.At).ToArray(), NpgsqlDbType.TimestampTz));
            p.Add(Array(journal.Select(j => j.ActivityId).ToArray(), NpgsqlDbType.Text));
            p.Add(Array(journal.Select(j => j.ActivityType).ToArray(), NpgsqlDbType.Text));
            p.Add(Array(journal.Select(j => j.Event).ToArray(), NpgsqlDbType.Text));
            p.Add(Array(journal.Select(j => j.Outcome).ToArray(), NpgsqlDbType.Text));
            p.Add(Array(journal.Select(j => j.Actor).ToArray(), NpgsqlDbType.Text));
            p.Add(Array(journal.Select(j => j.Summary).ToArray(), NpgsqlDbType.Text));
        }

        if (parts.HasFlag(Parts.Incidents))
        {
            var incidents = changes.Incidents;
            p.Add(Array(incidents.Select(i => i.At).ToArray(), NpgsqlDbType.TimestampTz));
            p.Add(Array(incidents.Select(i => i.ActivityId).ToArray(), NpgsqlDbType.Text));
            p.Add(Array(incidents.Select(i => i.ActivityType).ToArray(), NpgsqlDbType.Text));
            p.Add(Array(incidents.Select(i => i.Message).ToArray(), NpgsqlDbType.Text));
        }

        if (parts.HasFlag(Parts.Stimulus))
        {
            p.Add(Text(stimulusKey));
        }

        return p;
    }

    private static NpgsqlParameter Array<T>(T[] values, NpgsqlDbType elementType) =>
        new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | elementType };

    // timestamptz takes UTC values only; a due time computed with an offset is the same instant.
    private static NpgsqlParameter Array(DateTimeOffset[] values, NpgsqlDbType elementType) =>
        Array<DateTimeOffset>(values.Select(v => v.ToUniversalTime()).ToArray(), elementType);

    private static NpgsqlParameter Timestamp(DateTimeOffset? value) =>
        new() { Value = (object?)value?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz };

    private static NpgsqlParameter Text(string? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };
}
