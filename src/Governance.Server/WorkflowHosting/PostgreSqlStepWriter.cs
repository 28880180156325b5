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
/// locks only those tables. Each part is declared once (<see cref="AllParts"/>): its CTE and the
/// arrays bound to it. There are at most 2 × 64 statement texts, each constant, so Npgsql prepares
/// each once per connection.</para>
/// <para>Bookmarks are inserted once and deleted soon after, so their table is mostly dead rows until
/// autovacuum passes; a plan prepared while the table was small scans all of it for every deleted
/// bookmark. The statement therefore runs after <c>set_config('enable_seqscan', 'off', true)</c> in
/// the same round trip and transaction: its plans look rows up by key whatever the table's size was.</para>
/// </remarks>
internal static class PostgreSqlStepWriter
{
    private const string NoSequentialScans = "SELECT set_config('enable_seqscan', 'off', true)";

    // The instance row: $1 id, $2 expected version, $3 state, $4 updated at, $5 status, $6 ended at;
    // a start adds $7–$12. Every CTE after it runs only when `target` returned the row.
    private const string UpdateInstance = """
        WITH target AS (
            UPDATE "WorkflowInstances"
            SET "StateJson" = $3, "UpdatedAt" = $4, "Status" = $5, "EndedAt" = $6, "RowVersion" = $2 + 1
            WHERE "Id" = $1 AND "RowVersion" = $2
            RETURNING "Id")
        """;

    private const string InsertInstance = """
        WITH target AS (
            INSERT INTO "WorkflowInstances"
                ("Id", "RowVersion", "StateJson", "UpdatedAt", "Status", "EndedAt", "DefinitionId", "DefinitionVersion",
                 "DefinitionRecordId", "CorrelationId", "CreatedAt", "StartedBy")
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            RETURNING "Id")
        """;

    /// <summary>
    /// The parts a step may have, in statement order: when a part is present, its CTE (parameters
    /// {0}, {1}, … numbered after the instance's) and the arrays bound to them are added together.
    /// </summary>
    private static readonly Part[] AllParts =
    [
        new(
            (c, _) => c.ConsumedBookmarks.Count > 0,
            """
            gone AS (DELETE FROM "WorkflowBookmarks" WHERE "Id" = ANY({0}) AND EXISTS (SELECT FROM target) RETURNING 1)
            """,
            (c, _) => [Array(c.ConsumedBookmarks.ToArray(), NpgsqlDbType.Uuid)]),
        new(
            (c, _) => c.NewBookmarks.Count > 0,
            """
            bookmarks AS (
                INSERT INTO "WorkflowBookmarks" ("Id", "InstanceId", "ActivityId", "Kind", "Key", "CreatedAt")
                SELECT b.id, $1, b.activity, b.kind, b.key, b.created
                FROM unnest({0}::uuid[], {1}::text[], {2}::text[], {3}::text[], {4}::timestamptz[]) AS b(id, activity, kind, key, created)
                WHERE EXISTS (SELECT FROM target))
            """,
            (c, _) =>
            [
                Array(c.NewBookmarks.Select(b => b.Id).ToArray(), NpgsqlDbType.Uuid),
                Array(c.NewBookmarks.Select(b => b.ActivityId).ToArray(), NpgsqlDbType.Text),
                Array(c.NewBookmarks.Select(b => b.Kind).ToArray(), NpgsqlDbType.Text),
                Array(c.NewBookmarks.Select(b => b.Key).ToArray(), NpgsqlDbType.Text),
                Array(c.NewBookmarks.Select(b => b.CreatedAt).ToArray(), NpgsqlDbType.TimestampTz),
            ]),
        new(
            (c, _) => c.NewTimers.Count > 0,
            """
            timers AS (
                INSERT INTO "WorkflowTimers" ("Id", "InstanceId", "DueAt", "Attempts")
                SELECT t.id, $1, t.due, 0 FROM unnest({0}::uuid[], {1}::timestamptz[]) AS t(id, due)
                WHERE EXISTS (SELECT FROM target))
            """,
            (c, _) =>
            [
                Array(c.NewTimers.Select(t => t.Id).ToArray(), NpgsqlDbType.Uuid),
                Array(c.NewTimers.Select(t => t.DueAt).ToArray(), NpgsqlDbType.TimestampTz),
            ]),
        new(
            (c, _) => c.Journal.Count > 0,
            """
            journal AS (
                INSERT INTO "WorkflowJournal" ("InstanceId", "At", "ActivityId", "ActivityType", "Event", "Outcome", "Actor", "Summary")
                SELECT $1, j.at, j.activity, j.type, j.event, j.outcome, j.actor, j.summary
                FROM unnest({0}::timestamptz[], {1}::text[], {2}::text[], {3}::text[], {4}::text[], {5}::text[], {6}::text[])
                    WITH ORDINALITY AS j(at, activity, type, event, outcome, actor, summary, n)
                WHERE EXISTS (SELECT FROM target) ORDER BY j.n)
            """,
            (c, _) =>
            [
                Array(c.Journal.Select(j => j.At).ToArray(), NpgsqlDbType.TimestampTz),
                Array(c.Journal.Select(j => j.ActivityId).ToArray(), NpgsqlDbType.Text),
                Array(c.Journal.Select(j => j.ActivityType).ToArray(), NpgsqlDbType.Text),
                Array(c.Journal.Select(j => j.Event).ToArray(), NpgsqlDbType.Text),
                Array(c.Journal.Select(j => j.Outcome).ToArray(), NpgsqlDbType.Text),
                Array(c.Journal.Select(j => j.Actor).ToArray(), NpgsqlDbType.Text),
                Array(c.Journal.Select(j => j.Summary).ToArray(), NpgsqlDbType.Text),
            ]),
        new(
            (c, _) => c.Incidents.Count > 0,
            """
            incidents AS (
                INSERT INTO "WorkflowIncidents" ("InstanceId", "At", "ActivityId", "ActivityType", "Message")
                SELECT $1, i.at, i.activity, i.type, i.message
                FROM unnest({0}::timestamptz[], {1}::text[], {2}::text[], {3}::text[]) WITH ORDINALITY AS i(at, activity, type, message, n)
                WHERE EXISTS (SELECT FROM target) ORDER BY i.n)
            """,
            (c, _) =>
            [
                Array(c.Incidents.Select(i => i.At).ToArray(), NpgsqlDbType.TimestampTz),
                Array(c.Incidents.Select(i => i.ActivityId).ToArray(), NpgsqlDbType.Text),
                Array(c.Incidents.Select(i => i.ActivityType).ToArray(), NpgsqlDbType.Text),
                Array(c.Incidents.Select(i => i.Message).ToArray(), NpgsqlDbType.Text),
            ]),
        new(
            (_, key) => key is not null,
            """
            stimulus AS (
                INSERT INTO "WorkflowProcessedStimuli" ("Key", "InstanceId", "At")
                SELECT {0}, $1, $4 WHERE EXISTS (SELECT FROM target))
            """,
            (_, key) => [Text(key)]),
    ];

    // One composed text per combination of present parts (bit i = AllParts[i]), for resumes and starts.
    private static readonly string?[] ResumeStatements = new string?[1 << AllParts.Length];
    private static readonly string?[] StartStatements = new string?[1 << AllParts.Length];

    /// <summary>
    /// Writes a resume. False when the instance is no longer at the expected version (nothing was
    /// written). A repeated stimulus key throws <see cref="PostgresException"/> with a unique violation.
    /// </summary>
    public static async Task<bool> ResumeAsync(
        NpgsqlConnection connection, StepChanges changes, string? stimulusKey, CancellationToken cancellationToken)
    {
        var (matched, deleted) = await ExecuteAsync(connection, changes, stimulusKey, start: false, cancellationToken);
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
    public static Task StartAsync(NpgsqlConnection connection, StepChanges changes, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, changes, stimulusKey: null, start: true, cancellationToken);

    private static async Task<(int Matched, int Deleted)> ExecuteAsync(
        NpgsqlConnection connection, StepChanges changes, string? stimulusKey, bool start, CancellationToken cancellationToken)
    {
        var statement = new NpgsqlBatchCommand();
        var parameters = statement.Parameters;
        AddInstance(parameters, changes, start);
        var present = 0;
        var arities = new int[AllParts.Length];
        for (var i = 0; i < AllParts.Length; i++)
        {
            if (AllParts[i].IsIn(changes, stimulusKey))
            {
                present |= 1 << i;
                var values = AllParts[i].Values(changes, stimulusKey);
                arities[i] = values.Length;
                parameters.AddRange(values);
            }
        }

        var statements = start ? StartStatements : ResumeStatements;
        statement.CommandText = statements[present] ??= Compose(start, present, arities);

        // Both commands go in one round trip and one implicit transaction (the batch's), so the
        // setting is the statement's alone.
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { new NpgsqlBatchCommand(NoSequentialScans), statement } };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    /// <summary>The statement for the present parts, numbering each part's parameters after the ones before it.</summary>
    private static string Compose(bool start, int present, int[] arities)
    {
        var next = start ? 13 : 7;
        var sql = new StringBuilder(start ? InsertInstance : UpdateInstance);
        for (var i = 0; i < AllParts.Length; i++)
        {
            if ((present & (1 << i)) != 0)
            {
                var numbers = Enumerable.Range(next, arities[i]).Select(n => (object)("$" + n.ToString(CultureInfo.InvariantCulture))).ToArray();
                sql.Append(",\n").Append(string.Format(CultureInfo.InvariantCulture, AllParts[i].Sql, numbers));
                next += arities[i];
            }
        }

        // `gone` is the first part: its count checks that every consumed bookmark was there.
        sql.Append((present & 1) != 0
            ? "\nSELECT (SELECT count(*) FROM target)::int, (SELECT count(*) FROM gone)::int"
            : "\nSELECT (SELECT count(*) FROM target)::int, 0");
        return sql.ToString();
    }

    private static void AddInstance(NpgsqlParameterCollection p, StepChanges changes, bool start)
    {
        var instance = changes.Instance;
        p.Add(new NpgsqlParameter<Guid> { TypedValue = instance.Id });                                          // $1
        p.Add(new NpgsqlParameter<int> { TypedValue = changes.ExpectedRowVersion });                            // $2
        p.Add(new NpgsqlParameter<string> { TypedValue = instance.StateJson });                                 // $3
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = instance.UpdatedAt.ToUniversalTime() });       // $4
        p.Add(new NpgsqlParameter<string> { TypedValue = instance.Status.ToString() });                         // $5
        p.Add(Timestamp(instance.EndedAt));                                                                     // $6
        if (start)
        {
            p.Add(new NpgsqlParameter<string> { TypedValue = instance.DefinitionId });                          // $7
            p.Add(new NpgsqlParameter<int> { TypedValue = instance.DefinitionVersion });                        // $8
            p.Add(new NpgsqlParameter<Guid> { TypedValue = instance.DefinitionRecordId });                      // $9
            p.Add(Text(instance.CorrelationId));                                                                // $10
            p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = instance.CreatedAt.ToUniversalTime() });   // $11
            p.Add(Text(instance.StartedBy));                                                                    // $12
        }
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

    /// <summary>One optional CTE of the statement and the values bound to its parameters.</summary>
    private sealed record Part(
        Func<StepChanges, string?, bool> IsIn, string Sql, Func<StepChanges, string?, NpgsqlParameter[]> Values);
}
