using Governance.Domain.Alliances;
using Governance.Domain.Common;
using Governance.Domain.Memberships;
using Governance.Domain.Tasks;
using Governance.Server.Persistence;
using Governance.Workflows.Activities;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Processes;

public enum MembershipChange
{
    Admit,
    Activate,
    Reject,
    StartExit,
    CompleteExit,
    Remove,
}

/// <summary>
/// Makes a membership decision real. When an organization leaves (exit completed or removal), its
/// council and expert seats in the alliance are vacated and the open tasks of the people who held
/// them there are cancelled.
/// </summary>
[Activity(
    "Governance.ApplyMembershipChange",
    Category = "Governance",
    DisplayNameZh = "变更成员资格",
    DisplayNameEn = "Apply membership change",
    Description = "Admit, activate, reject, start or complete an exit, or remove a member unit.")]
[ActivityInput("membershipId", "Guid", Required = true)]
[ActivityInput("change", "String", Required = true, Form = InputForm.Setting,
    Description = "Admit, Activate, Reject, StartExit, CompleteExit or Remove.")]
[ActivityInput("reason", "String", Description = "Why (required for reject, exit and removal).")]
public sealed class ApplyMembershipChangeActivity : IActivity
{
    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return DomainSteps.RunAsync(context, async () =>
        {
            var db = context.Services.GetRequiredService<GovernanceDbContext>();
            var id = new MembershipId(DomainSteps.RequiredGuid(context, "membershipId"));
            var change = DomainSteps.RequiredEnum<MembershipChange>(context, "change");
            var membership = await db.Memberships.SingleOrDefaultAsync(m => m.Id == id);
            if (membership is null)
            {
                return context.Fault($"Membership {id.Value} does not exist.");
            }

            var reason = context.InputString("reason") ?? string.Empty;
            var now = context.Now;
            switch (change)
            {
                case MembershipChange.Admit:
                    membership.Admit(now, await db.Memberships.Where(m => m.AllianceId == membership.AllianceId).ToListAsync());
                    break;
                case MembershipChange.Activate:
                    membership.Activate(now);
                    break;
                case MembershipChange.Reject:
                    membership.Reject(reason, now);
                    break;
                case MembershipChange.StartExit:
                    membership.StartExit(reason, now);
                    break;
                case MembershipChange.CompleteExit:
                    membership.CompleteExit(now);
                    break;
                case MembershipChange.Remove:
                    membership.Remove(reason, now);
                    break;
            }

            context.Summary = $"{change}: membership {id.Value} now {membership.Status}";
            if (change is MembershipChange.CompleteExit or MembershipChange.Remove)
            {
                context.Summary += await LeaveAsync(db, membership, now);
            }

            return context.Complete("Done");
        });
    }

    private static async Task<string> LeaveAsync(GovernanceDbContext db, Membership membership, DateTimeOffset now)
    {
        var alliance = await db.Alliances.SingleAsync(a => a.Id == membership.AllianceId);
        var representatives = alliance.CouncilSeats.Where(s => s.OrganizationId == membership.OrganizationId && s.IsCurrent)
            .Select(s => s.PersonId)
            .Concat(alliance.ExpertSeats.Where(s => s.OrganizationId == membership.OrganizationId && s.IsCurrent).Select(s => s.PersonId))
            .Distinct()
            .ToList();
        var vacated = alliance.VacateSeatsOf(membership.OrganizationId, now);
        var open = await db.Tasks
            .Where(t => t.AllianceId == membership.AllianceId && t.Status == WorkTaskStatus.Open && representatives.Contains(t.AssigneeId))
            .ToListAsync();
        foreach (var task in open)
        {
            task.Cancel("所在单位已退出联盟", now);
        }

        return $"; {vacated} seat(s) vacated, {open.Count} open task(s) cancelled";
    }
}
