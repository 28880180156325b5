using Governance.Domain.Common;
using Governance.Domain.People;
using Governance.Domain.Tasks;
using Governance.Server.Access;
using Governance.Server.Api;
using Governance.Server.Errors;
using Governance.Server.Features.Tasks;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Tracking;

/// <summary>One thing a person still owes: the open task, whose it is (and for which organization), since when, by when.</summary>
public sealed record OwedTaskResponse(
    Guid TaskId,
    WorkTaskKind Kind,
    string KindName,
    string Title,
    PersonReference Person,
    OrganizationReference? Organization,
    StepReference? Step,
    DateTimeOffset Since,
    DateTimeOffset? DueAt,
    bool Overdue,
    int DaysOverdue,
    DateTimeOffset? LastRemindedAt,
    int Reminders);

/// <summary>An open process of the alliance (a workflow instance; null for tasks outside one) and what is owed in it.</summary>
public sealed record TrackedProcessResponse(
    Guid? InstanceId,
    string? WorkflowId,
    string? WorkflowName,
    DateTimeOffset? StartedAt,
    PersonReference? StartedBy,
    TaskSubject? Subject,
    int OpenTasks,
    int OverdueTasks,
    IReadOnlyList<OwedTaskResponse> Owed);

/// <summary>督办看板: for each open process, who still owes what; overdue first, then the nearest deadline.</summary>
public sealed record TrackingBoardResponse(
    AllianceReference Alliance, DateTimeOffset GeneratedAt, string Language, int OpenTasks, int OverdueTasks, IReadOnlyList<TrackedProcessResponse> Processes);

/// <summary>
/// The secretariat's board of an alliance, from its open tasks (a ballot's voters and a report's
/// liaisons have theirs, so open ballots and reports are on it too). For the secretariat, the chair and
/// administrators; others who can see the alliance get 403, the rest 404.
/// </summary>
public sealed class GetTrackingBoardHandler(
    GovernanceDbContext db, AccessControl access, TaskAccess tasks, TaskPresentation presentation, RequestLanguage languages, TimeProvider clock)
{
    public async Task<TrackingBoardResponse> HandleAsync(Guid allianceId, string? lang, CancellationToken cancellationToken)
    {
        var alliance = await db.Alliances.AsNoTracking().SingleOrDefaultAsync(a => a.Id == new AllianceId(allianceId), cancellationToken);
        if (alliance is null || !await access.CanSeeAllianceAsync(alliance.Id, cancellationToken))
        {
            throw new NotFoundException("Alliance", allianceId);
        }

        await tasks.DemandAsync(alliance.Id, new AllianceRoleRequirement([Role.Secretariat, Role.Chair], AdministratorMay: true),
            "access.alliance-role-required", "The tracking board is for the alliance's secretariat and chair.");
        var language = await languages.ResolveAsync(lang, cancellationToken);
        var now = clock.GetUtcNow();
        var open = await db.Tasks.AsNoTracking().Where(t => t.AllianceId == alliance.Id && t.Status == WorkTaskStatus.Open).ToListAsync(cancellationToken);

        var organizations = await OrganizationsOfAsync(alliance, open, now, cancellationToken);
        var people = await presentation.PeopleAsync(open.Select(t => t.AssigneeId), cancellationToken);
        var steps = await presentation.StepsAsync(open, language, cancellationToken);
        var instanceIds = open.Select(t => t.InstanceId).OfType<Guid>().Distinct().ToList();
        var instances = await db.WorkflowInstances.AsNoTracking().Where(i => instanceIds.Contains(i.Id))
            .Select(i => new { i.Id, i.CreatedAt, i.StartedBy })
            .ToDictionaryAsync(i => i.Id, cancellationToken);
        var starterIds = instances.Values.Select(i => Guid.TryParse(i.StartedBy, out var g) ? new PersonId(g) : (PersonId?)null).OfType<PersonId>().ToList();
        var starters = await presentation.PeopleAsync(starterIds, cancellationToken);

        var rows = open.Select(t =>
        {
            var due = t.DueAt;
            var overdue = t.IsOverdue(now);
            var reminders = t.History.Where(h => h.Action == "Reminded").ToList();
            var since = t.History.Where(h => h.Action == "Transferred" && h.ToPersonId == t.AssigneeId).Select(h => (DateTimeOffset?)h.At).Max() ?? t.CreatedAt;
            return new OwedTaskResponse(
                t.Id.Value, t.Kind, KindName(t.Kind, language), t.Title, TaskPresentation.Person(people, t.AssigneeId),
                organizations.GetValueOrDefault(t.Id), steps.GetValueOrDefault(t.Id), since, due, overdue,
                overdue ? (int)Math.Ceiling((now - due!.Value).TotalDays) : 0,
                reminders.Count == 0 ? null : reminders.Max(h => h.At), reminders.Count);
        }).ToList();

        var byId = open.ToDictionary(t => t.Id.Value);
        var processes = new List<TrackedProcessResponse>();
        foreach (var group in rows.GroupBy(r => byId[r.TaskId].InstanceId))
        {
            var owed = group.OrderByDescending(r => r.Overdue).ThenBy(r => r.DueAt is null).ThenBy(r => r.DueAt).ThenBy(r => r.Since)
                .ThenBy(r => r.Person.Name, StringComparer.Ordinal).ToList();
            var instance = group.Key is { } id ? instances.GetValueOrDefault(id) : null;
            var step = owed.Select(r => r.Step).FirstOrDefault(s => s is not null);
            var first = byId[owed[0].TaskId];
            processes.Add(new TrackedProcessResponse(
                group.Key, step?.WorkflowId, step?.WorkflowName, instance?.CreatedAt,
                instance is not null && Guid.TryParse(instance.StartedBy, out var by) ? TaskPresentation.Person(starters, new PersonId(by)) : null,
                group.Key is null ? null : await presentation.SubjectAsync(first, cancellationToken),
                owed.Count, owed.Count(r => r.Overdue), owed));
        }

        var ordered = processes
            .OrderByDescending(p => p.OverdueTasks > 0)
            .ThenBy(p => p.Owed[0].DueAt is null).ThenBy(p => p.Owed[0].DueAt)
            .ThenBy(p => p.Owed[0].Since)
            .ToList();
        return new TrackingBoardResponse(
            new AllianceReference(alliance.Id.Value, alliance.Name), now, language, rows.Count, rows.Count(r => r.Overdue), ordered);
    }

    public static string KindName(WorkTaskKind kind, string language) => language == RequestLanguage.English
        ? kind switch
        {
            WorkTaskKind.Approve => "Approve",
            WorkTaskKind.Vote => "Vote",
            WorkTaskKind.Sign => "Sign",
            WorkTaskKind.Submit => "Submit",
            WorkTaskKind.Review => "Review",
            _ => kind.ToString(),
        }
        : kind switch
        {
            WorkTaskKind.Approve => "审批",
            WorkTaskKind.Vote => "表决",
            WorkTaskKind.Sign => "签署",
            WorkTaskKind.Submit => "提交材料",
            WorkTaskKind.Review => "审阅",
            _ => kind.ToString(),
        };

    /// <summary>
    /// The organization each task's person acts for: the unit a voter sits for on the ballot, the
    /// member unit a liaison reports for, otherwise the unit of the person's council seat in the
    /// alliance, or the member unit the person represents.
    /// </summary>
    private async Task<Dictionary<WorkTaskId, OrganizationReference>> OrganizationsOfAsync(
        Domain.Alliances.Alliance alliance, IReadOnlyList<WorkTask> open, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var keys = open.Select(t => Guid.TryParse(t.WaitKey, out var k) ? k : (Guid?)null).OfType<Guid>().Distinct().ToList();
        var ballotIds = keys.Select(k => new BallotId(k)).ToList();
        var reportIds = keys.Select(k => new AnnualReportId(k)).ToList();
        var ballots = ballotIds.Count == 0 ? [] : await db.Ballots.AsNoTracking().Where(b => ballotIds.Contains(b.Id)).ToListAsync(cancellationToken);
        var reports = reportIds.Count == 0 ? [] : await db.AnnualReports.AsNoTracking().Where(r => reportIds.Contains(r.Id)).ToListAsync(cancellationToken);
        var assigneeIds = open.Select(t => t.AssigneeId).Distinct().ToList();
        var assignees = await db.People.AsNoTracking().Where(p => assigneeIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var members = (await db.Memberships.AsNoTracking().Where(m => m.AllianceId == alliance.Id).ToListAsync(cancellationToken))
            .Where(m => m.IsCurrentMember).Select(m => m.OrganizationId).ToHashSet();

        var chosen = new Dictionary<WorkTaskId, OrganizationId>();
        foreach (var task in open)
        {
            var key = Guid.TryParse(task.WaitKey, out var k) ? k : (Guid?)null;
            var ballot = task.Kind == WorkTaskKind.Vote ? ballots.SingleOrDefault(b => b.Id.Value == key) : null;
            var report = task.Kind == WorkTaskKind.Submit ? reports.SingleOrDefault(r => r.Id.Value == key) : null;
            var roles = assignees.TryGetValue(task.AssigneeId, out var person) ? person.Roles.Where(r => r.IsActiveAt(now)).ToList() : [];
            OrganizationId? organization =
                ballot?.Voters.SingleOrDefault(v => v.PersonId == task.AssigneeId)?.OrganizationId
                ?? (report is null ? null : roles.Where(r => r.Role == Role.Liaison).Select(r => r.ScopeOrganizationId)
                    .FirstOrDefault(o => o is { } id && report.ExpectedMembers.Contains(id)))
                ?? alliance.CurrentCouncil.FirstOrDefault(s => s.PersonId == task.AssigneeId)?.OrganizationId
                ?? roles.Where(r => r.Role is Role.Liaison or Role.LegalRepresentative).Select(r => r.ScopeOrganizationId)
                    .FirstOrDefault(o => o is { } id && members.Contains(id));
            if (organization is { } found)
            {
                chosen[task.Id] = found;
            }
        }

        var ids = chosen.Values.Distinct().ToList();
        var names = await db.Organizations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        return chosen.ToDictionary(c => c.Key, c => new OrganizationReference(c.Value.Value, names.GetValueOrDefault(c.Value) ?? "?"));
    }
}
