using Governance.Domain.Common;
using Governance.Domain.Tasks;
using Governance.Server.Api;
using Governance.Server.Features.Documents;
using Governance.Server.Persistence;
using Governance.Server.WorkflowHosting;
using Governance.Workflows.Activities;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Tasks;

/// <summary>
/// Turns stored tasks into what the API shows: names instead of ids (people, alliances, the workflow
/// and its step), the overdue flag at the moment of the request, the documents and the subject.
/// Everything a page needs is read in a few batched queries, never one per task.
/// </summary>
public sealed class TaskPresentation(GovernanceDbContext db, DefinitionCache definitions, ActivityRegistry registry, TimeProvider clock)
{
    public async Task<IReadOnlyList<TaskSummaryResponse>> SummariesAsync(
        IReadOnlyList<WorkTask> tasks, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var now = clock.GetUtcNow();
        var people = await PeopleAsync(tasks.Select(t => t.AssigneeId), cancellationToken);
        var alliances = await AlliancesAsync(tasks.Select(t => t.AllianceId), cancellationToken);
        var steps = await StepsAsync(tasks, language, cancellationToken);
        return tasks.Select(t => new TaskSummaryResponse(
            t.Id.Value, t.Kind, t.Title, t.Status, t.Outcome,
            Alliance(alliances, t.AllianceId), steps.GetValueOrDefault(t.Id), Person(people, t.AssigneeId),
            t.CreatedAt, t.DueAt, t.IsOverdue(now), t.ClosedAt)).ToList();
    }

    public async Task<TaskDetailResponse> DetailAsync(WorkTask task, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var history = task.History;
        var ids = new List<PersonId> { task.AssigneeId };
        ids.AddRange(task.CcIds);
        ids.AddRange(history.Select(h => h.ActorId).OfType<PersonId>());
        ids.AddRange(history.Select(h => h.ToPersonId).OfType<PersonId>());
        if (task.InitiatorId is { } initiator)
        {
            ids.Add(initiator);
        }

        var people = await PeopleAsync(ids, cancellationToken);
        var alliances = await AlliancesAsync([task.AllianceId], cancellationToken);
        var steps = await StepsAsync([task], language, cancellationToken);
        var documents = task.InstanceId is { } instance
            ? (await db.Documents.AsNoTracking().Where(d => d.WorkflowInstanceId == instance).ToListAsync(cancellationToken))
                .OrderBy(d => d.CreatedAt).ThenBy(d => d.Number, StringComparer.Ordinal)
                .Select(d => new TaskDocumentReference(
                    d.Id, d.Kind.ToString(), d.Number, d.Title, d.Sha256, d.Sealed, d.CreatedAt, $"/api/v1/documents/{d.Id}/content"))
                .ToList()
            : [];
        return new TaskDetailResponse(
            task.Id.Value, task.Kind, task.Title, task.Status, task.Outcome, task.Comment,
            Alliance(alliances, task.AllianceId), steps.GetValueOrDefault(task.Id), Person(people, task.AssigneeId),
            task.InitiatorId is { } i ? Person(people, i) : null,
            task.CcIds.Select(c => Person(people, c)).ToList(),
            task.CreatedAt, task.DueAt, task.IsOverdue(clock.GetUtcNow()), task.ClosedAt,
            await SubjectAsync(task, cancellationToken),
            documents,
            history.Select(h => new TaskHistoryEntry(
                h.Sequence, h.Action, h.ActorId is { } a ? Person(people, a) : null, h.ToPersonId is { } to ? Person(people, to) : null,
                h.Comment, h.At)).ToList(),
            task.Version);
    }

    /// <summary>Names of people by id; a person no longer stored shows as "?".</summary>
    public async Task<Dictionary<PersonId, string>> PeopleAsync(IEnumerable<PersonId> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        return wanted.Count == 0
            ? []
            : await db.People.AsNoTracking().Where(p => wanted.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
    }

    public async Task<Dictionary<AllianceId, string>> AlliancesAsync(IEnumerable<AllianceId?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.OfType<AllianceId>().Distinct().ToList();
        return wanted.Count == 0
            ? []
            : await db.Alliances.AsNoTracking().Where(a => wanted.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
    }

    /// <summary>The step of every task that belongs to a workflow instance, by task id.</summary>
    public async Task<Dictionary<WorkTaskId, StepReference>> StepsAsync(
        IReadOnlyList<WorkTask> tasks, string language, CancellationToken cancellationToken)
    {
        var instanceIds = tasks.Select(t => t.InstanceId).OfType<Guid>().Distinct().ToList();
        if (instanceIds.Count == 0)
        {
            return [];
        }

        var instances = await db.WorkflowInstances.AsNoTracking().Where(i => instanceIds.Contains(i.Id))
            .Select(i => new { i.Id, i.DefinitionRecordId })
            .ToDictionaryAsync(i => i.Id, i => i.DefinitionRecordId, cancellationToken);
        var steps = new Dictionary<WorkTaskId, StepReference>();
        foreach (var task in tasks.Where(t => t.InstanceId is not null && t.ActivityId is not null))
        {
            if (!instances.TryGetValue(task.InstanceId!.Value, out var definitionRecordId))
            {
                continue;
            }

            var definition = await definitions.GetAsync(db, definitionRecordId, cancellationToken);
            var activity = definition.FindActivity(task.ActivityId!);
            var descriptor = activity is null ? null : registry.Find(activity.Type);
            var named = activity?.Metadata?["displayText"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
                ? activity.Metadata["displayText"]!.GetValue<string>()
                : activity?.Name;
            var activityName = named
                ?? (descriptor is null ? null : language == RequestLanguage.English ? descriptor.DisplayNameEn : descriptor.DisplayNameZh)
                ?? task.ActivityId!;
            steps[task.Id] = new StepReference(
                task.InstanceId.Value, definition.DefinitionId, definition.Version, definition.Name, task.ActivityId!,
                activity?.Type ?? "?", activityName);
        }

        return steps;
    }

    /// <summary>The ballot, report or agreement a task's step waits on (its wait key is that record's id).</summary>
    public async Task<TaskSubject?> SubjectAsync(WorkTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (!Guid.TryParse(task.WaitKey, out var key))
        {
            return null;
        }

        switch (task.Kind)
        {
            case WorkTaskKind.Vote:
                var ballot = await db.Ballots.AsNoTracking().Where(b => b.Id == new BallotId(key)).Select(b => new { b.Subject })
                    .SingleOrDefaultAsync(cancellationToken);
                return ballot is null ? null : new TaskSubject("ballot", key, ballot.Subject, $"/api/v1/ballots/{key}");
            case WorkTaskKind.Submit:
                var report = await db.AnnualReports.AsNoTracking().Where(r => r.Id == new AnnualReportId(key)).Select(r => new { r.Year })
                    .SingleOrDefaultAsync(cancellationToken);
                return report is null ? null : new TaskSubject("report", key, $"{report.Year}年度联盟工作进展报告", $"/api/v1/reports/{key}");
            case WorkTaskKind.Sign:
                var agreement = await db.Agreements.AsNoTracking().Where(a => a.Id == new AgreementId(key)).Select(a => new { a.Title })
                    .SingleOrDefaultAsync(cancellationToken);
                return agreement is null ? null : new TaskSubject("agreement", key, agreement.Title, null);
            default:
                return null;
        }
    }

    public static PersonReference Person(IReadOnlyDictionary<PersonId, string> names, PersonId id) =>
        new(id.Value, names.GetValueOrDefault(id) ?? "?");

    public static AllianceReference? Alliance(IReadOnlyDictionary<AllianceId, string> names, AllianceId? id) =>
        id is { } a ? new AllianceReference(a.Value, names.GetValueOrDefault(a) ?? "?") : null;
}
