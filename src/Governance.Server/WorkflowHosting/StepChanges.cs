using Governance.Workflows.Runtime;

namespace Governance.Server.WorkflowHosting;

/// <summary>
/// What one step changes in the store: the instance row (conditional on the version it was read at),
/// the bookmarks it consumed and created (with their timers), and the journal and incidents it appends.
/// Computed once, then written either through the DbContext or, on PostgreSQL, as one statement.
/// </summary>
internal sealed record StepChanges(
    WorkflowInstanceRecord Instance,
    int ExpectedRowVersion,
    IReadOnlyList<Guid> ConsumedBookmarks,
    IReadOnlyList<BookmarkRecord> NewBookmarks,
    IReadOnlyList<TimerRecord> NewTimers,
    IReadOnlyList<JournalEntryRecord> Journal,
    IReadOnlyList<IncidentRecord> Incidents)
{
    public const int OutcomeLength = 200;
    public const int ActorLength = 100;
    public const int SummaryLength = 1000;
    public const int IncidentLength = 2000;

    /// <summary>
    /// Applies the step's result to <paramref name="instance"/> (state, status, times, next row version)
    /// and lists the rows around it. <paramref name="before"/> are the bookmarks the step started from.
    /// </summary>
    public static StepChanges Of(
        WorkflowInstanceRecord instance, IReadOnlyList<BookmarkState> before, ExecutionResult result, DateTimeOffset now)
    {
        var after = result.State.Bookmarks;
        var consumed = before.Where(b => after.All(a => a.Id != b.Id)).Select(b => b.Id).ToList();
        var created = after.Where(a => before.All(b => b.Id != a.Id)).ToList();
        var bookmarks = created.Select(added => new BookmarkRecord
        {
            Id = added.Id,
            InstanceId = instance.Id,
            ActivityId = added.ActivityId,
            Kind = added.Kind,
            Key = added.Key,
            CreatedAt = added.CreatedAt,
        }).ToList();
        var timers = created.Where(a => a.DueAt is not null)
            .Select(a => new TimerRecord { Id = a.Id, InstanceId = instance.Id, DueAt = a.DueAt!.Value })
            .ToList();
        var journal = result.Journal.Select(entry => new JournalEntryRecord
        {
            InstanceId = instance.Id,
            At = entry.At,
            ActivityId = entry.ActivityId,
            ActivityType = entry.ActivityType,
            Event = entry.Event,
            Outcome = Truncate(entry.Outcome, OutcomeLength),
            Actor = Truncate(entry.Actor, ActorLength),
            Summary = Truncate(entry.Summary, SummaryLength),
        }).ToList();
        var incidents = result.Incidents.Select(incident => new IncidentRecord
        {
            InstanceId = instance.Id,
            At = incident.At,
            ActivityId = incident.ActivityId,
            ActivityType = incident.ActivityType,
            Message = Truncate(incident.Message, IncidentLength)!,
        }).ToList();

        var expected = instance.RowVersion;
        instance.StateJson = InstanceStateJson.Write(result.State);
        instance.Status = result.State.Status;
        instance.UpdatedAt = now;
        if (result.State.Status is WorkflowStatus.Finished or WorkflowStatus.Cancelled)
        {
            instance.EndedAt ??= now;
        }

        return new StepChanges(instance, expected, consumed, bookmarks, timers, journal, incidents);
    }

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
