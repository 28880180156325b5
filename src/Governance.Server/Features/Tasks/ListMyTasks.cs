using Governance.Domain.Common;
using Governance.Domain.Tasks;
using Governance.Server.Api;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Tasks;

/// <summary>
/// The inbox: <c>todo</c> (待办, open tasks assigned to me: overdue first, then the nearest due, then
/// those without a deadline), <c>done</c> (已办: closed tasks that were mine, and tasks I handed on;
/// most recent first), <c>initiated</c> (我发起的: tasks of the processes I started, and tasks outside
/// a workflow that I created; newest first), <c>cc</c> (抄送我; newest first).
/// </summary>
public sealed record ListMyTasksQuery(
    string? Tab, Guid? AllianceId, WorkTaskKind? Kind, bool? Overdue, string? Search, string? Lang, int? Page, int? PageSize);

public sealed class ListMyTasksHandler(
    GovernanceDbContext db, TaskAccess access, TaskPresentation presentation, RequestLanguage languages, TimeProvider clock)
{
    public const string Todo = "todo";
    public const string Done = "done";
    public const string Initiated = "initiated";
    public const string Cc = "cc";

    public async Task<Page<TaskSummaryResponse>> HandleAsync(ListMyTasksQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var me = access.Person();
        var now = clock.GetUtcNow();
        var tab = string.IsNullOrWhiteSpace(query.Tab) ? Todo : query.Tab.Trim().ToLowerInvariant();
        var (page, size) = Paging.Normalize(query.Page, query.PageSize);
        var language = await languages.ResolveAsync(query.Lang, cancellationToken);
        var tasks = db.Tasks.AsNoTracking();
        tasks = tab switch
        {
            Todo => tasks.Where(t => t.AssigneeId == me && t.Status == WorkTaskStatus.Open),
            Done => tasks.Where(t => (t.AssigneeId == me && t.Status != WorkTaskStatus.Open)
                || t.History.Any(h => h.Action == "Transferred" && h.ActorId == me)),
            Initiated => InitiatedBy(tasks, me),
            Cc => tasks.Where(t => t.Cc.Any(c => c.PersonId == me)),
            _ => throw new DomainRuleViolation("task.invalid-tab", "tab is todo, done, initiated or cc.", "tab"),
        };

        if (query.AllianceId is { } alliance)
        {
            tasks = tasks.Where(t => t.AllianceId == new AllianceId(alliance));
        }

        if (query.Kind is { } kind)
        {
            tasks = tasks.Where(t => t.Kind == kind);
        }

        if (query.Overdue is { } overdue)
        {
            tasks = overdue
                ? tasks.Where(t => t.Status == WorkTaskStatus.Open && t.DueAt != null && t.DueAt < now)
                : tasks.Where(t => !(t.Status == WorkTaskStatus.Open && t.DueAt != null && t.DueAt < now));
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim();
            tasks = tasks.Where(t => t.Title.Contains(search) || db.Alliances.Any(a => a.Id == t.AllianceId && a.Name.Contains(search)));
        }

        var ordered = tab switch
        {
            // Overdue tasks have the earliest deadlines, so "overdue first, then nearest due" is one order.
            Todo => tasks.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.CreatedAt).ThenBy(t => t.Id),
            Done => tasks.OrderByDescending(t => t.ClosedAt ?? t.CreatedAt).ThenBy(t => t.Id),
            _ => tasks.OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Id),
        };
        var total = await ordered.CountAsync(cancellationToken);
        var items = await ordered.Skip((page - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new Page<TaskSummaryResponse>(await presentation.SummariesAsync(items, language, cancellationToken), page, size, total);
    }

    private IQueryable<WorkTask> InitiatedBy(IQueryable<WorkTask> tasks, PersonId me)
    {
        var starter = me.Value.ToString();
        // A workflow's task belongs to whoever started the process (its initiator is whoever moved the
        // flow to that step); a task outside a workflow to whoever created it.
        return tasks.Where(t => (t.InstanceId == null && t.InitiatorId == me)
            || (t.InstanceId != null && db.WorkflowInstances.Any(i => i.Id == t.InstanceId && i.StartedBy == starter)));
    }
}
