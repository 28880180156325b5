using System.Globalization;
using Governance.Domain.Common;
using Governance.Domain.Tasks;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Governance.Server.Features.Email;

/// <summary>
/// Decides which deadline emails are due for open tasks and queues each at most once (its deduplication
/// key names the task, the deadline and the offset, so a moved deadline gets reminders of its own):
/// <list type="bullet">
/// <item>a reminder at each configured offset before the deadline (only the latest one reached, and only
/// offsets that fall after the task was created: a late planner sends one reminder, not a burst);</item>
/// <item>an overdue notice to the assignee once the deadline has passed;</item>
/// <item>an escalation to the alliance's secretariat <see cref="EmailOptions.EscalateAfter"/> after the deadline.</item>
/// </list>
/// </summary>
public sealed partial class ReminderPlanner(
    GovernanceDbContext db, EmailComposer composer, IOptions<EmailOptions> options, TimeProvider clock, ILogger<ReminderPlanner> logger)
{
    /// <summary>Queues what is due now and commits it; returns how many messages were queued.</summary>
    public async Task<int> PlanAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var offsets = settings.EffectiveReminderOffsets.OrderBy(o => o).ToList();
        var horizon = now + offsets[^1];
        var tasks = await db.Tasks.AsNoTracking()
            .Where(t => t.Status == WorkTaskStatus.Open && t.DueAt != null && t.DueAt <= horizon)
            .OrderBy(t => t.DueAt)
            .ToListAsync(cancellationToken);
        if (tasks.Count == 0)
        {
            return 0;
        }

        var allianceIds = tasks.Select(t => t.AllianceId).OfType<AllianceId>().Distinct().ToList();
        var alliances = await db.Alliances.AsNoTracking().Where(a => allianceIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var assigneeIds = tasks.Select(t => t.AssigneeId).Distinct().ToList();
        var assignees = await db.People.AsNoTracking().Where(p => assigneeIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);

        var queued = 0;
        foreach (var task in tasks)
        {
            var due = task.DueAt!.Value;
            var allianceName = task.AllianceId is { } a ? alliances.GetValueOrDefault(a) : null;
            var deadline = due.UtcTicks.ToString(CultureInfo.InvariantCulture);
            try
            {
                if (now < due)
                {
                    var reached = offsets.Where(o => now >= due - o && due - o > task.CreatedAt).ToList();
                    if (reached.Count > 0)
                    {
                        var offset = reached[0];
                        var daysLeft = (int)Math.Ceiling((due - now).TotalDays);
                        queued += (await composer.ComposeAsync(
                            RecipientSpec.Person(task.AssigneeId),
                            await ReportReminderAsync(task, allianceName, due, cancellationToken)
                                ?? new TaskReminderEmail(task.Id, task.Title, allianceName, task.AllianceId, due, daysLeft),
                            deduplicationKey: $"task-reminder:{task.Id.Value:N}:{deadline}:{(long)offset.TotalMinutes}",
                            cancellationToken: cancellationToken)).Count;
                    }
                }
                else
                {
                    queued += (await composer.ComposeAsync(
                        RecipientSpec.Person(task.AssigneeId),
                        new TaskOverdueEmail(task.Id, task.Title, allianceName, task.AllianceId, due),
                        deduplicationKey: $"task-overdue:{task.Id.Value:N}:{deadline}",
                        cancellationToken: cancellationToken)).Count;
                    if (now >= due + settings.EscalateAfter && task.AllianceId is { } alliance)
                    {
                        queued += (await composer.ComposeAsync(
                            RecipientSpec.Secretariat(alliance),
                            new TaskEscalationEmail(task.Id, task.Title, allianceName, alliance, due, assignees.GetValueOrDefault(task.AssigneeId) ?? "?"),
                            deduplicationKey: $"task-escalation:{task.Id.Value:N}:{deadline}",
                            cancellationToken: cancellationToken)).Count;
                    }
                }
            }
            catch (DomainRuleViolation violation) when (violation.Code == "email.no-recipients")
            {
                // Nobody to tell (no secretariat appointed yet): the others' reminders still go out.
                LogNobody(logger, task.Id.Value, violation.Message);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return queued;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No recipient for a deadline email of task {TaskId}: {Reason}")]
    private static partial void LogNobody(ILogger logger, Guid taskId, string reason);

    /// <summary>A liaison's submission task is reminded as the annual-report reminder of the catalogue (the report, the year, its unit).</summary>
    private async Task<EmailModel?> ReportReminderAsync(WorkTask task, string? allianceName, DateTimeOffset due, CancellationToken cancellationToken)
    {
        if (task.Kind != WorkTaskKind.Submit || task.AllianceId is not { } alliance || !Guid.TryParse(task.WaitKey, out var reportKey))
        {
            return null;
        }

        var report = await db.AnnualReports.AsNoTracking().Where(r => r.Id == new AnnualReportId(reportKey))
            .Select(r => new { r.Id, r.Year }).SingleOrDefaultAsync(cancellationToken);
        var unit = await db.People.AsNoTracking().Where(p => p.Id == task.AssigneeId)
            .SelectMany(p => p.Roles).Where(r => r.Role == Domain.People.Role.Liaison && r.ScopeOrganizationId != null)
            .Select(r => r.ScopeOrganizationId).FirstOrDefaultAsync(cancellationToken);
        var unitName = unit is { } organization
            ? await db.Organizations.AsNoTracking().Where(o => o.Id == organization).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
        return report is null ? null : new AnnualReportReminderEmail(report.Id, report.Year, unitName ?? string.Empty, allianceName ?? string.Empty, alliance, due);
    }
}
