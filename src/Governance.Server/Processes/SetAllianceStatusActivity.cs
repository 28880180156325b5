using Governance.Domain.Alliances;
using Governance.Domain.Common;
using Governance.Server.Persistence;
using Governance.Workflows.Activities;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Processes;

/// <summary>Moves an alliance through its status machine (founded, active, suspended, dissolving, ...).</summary>
[Activity(
    "Governance.SetAllianceStatus",
    Category = "Governance",
    DisplayNameZh = "变更联盟状态",
    DisplayNameEn = "Set alliance status",
    Description = "Moves the alliance to a status its status machine allows; a reason is required where the domain asks for one.")]
[ActivityInput("allianceId", "Guid", Required = true)]
[ActivityInput("status", "String", Required = true, Form = InputForm.Setting,
    Description = "Proposed, UnderReview, Founded, Active, Suspended, Dissolving, Dissolved or Rejected.")]
[ActivityInput("reason", "String", Description = "Why (required for rejection, suspension, dissolution).")]
public sealed class SetAllianceStatusActivity : IActivity
{
    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return DomainSteps.RunAsync(context, async () =>
        {
            var db = context.Services.GetRequiredService<GovernanceDbContext>();
            var id = new AllianceId(DomainSteps.RequiredGuid(context, "allianceId"));
            var target = DomainSteps.RequiredEnum<AllianceStatus>(context, "status");
            var alliance = await db.Alliances.SingleOrDefaultAsync(a => a.Id == id);
            if (alliance is null)
            {
                return context.Fault($"Alliance {id.Value} does not exist.");
            }

            var memberships = await db.Memberships.Where(m => m.AllianceId == id).ToListAsync();
            var from = alliance.Status;
            alliance.MoveTo(target, context.InputString("reason"), context.Now, memberships);
            context.Summary = $"{from} → {target}";
            return context.Complete("Done");
        });
    }
}
