using Governance.Domain.Charters;
using Governance.Domain.Common;
using Governance.Server.Persistence;
using Governance.Workflows.Activities;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Processes;

public enum CharterStep
{
    Adopt,
    PutInForce,
}

/// <summary>
/// The two steps that make a charter version real: adoption by the council's ballot, then (after every
/// council member unit signed) entry into force, which supersedes the version in force before it.
/// </summary>
[Activity(
    "Governance.AdoptCharter",
    Category = "Governance",
    DisplayNameZh = "通过章程",
    DisplayNameEn = "Adopt charter",
    Description = "Marks a draft charter adopted by a ballot, or puts an adopted version in force.")]
[ActivityInput("charterId", "Guid", Required = true)]
[ActivityInput("step", "String", Required = true, Form = InputForm.Setting, Description = "Adopt or PutInForce.")]
[ActivityInput("ballotId", "Guid", Description = "The ballot that adopted it (for Adopt).")]
public sealed class AdoptCharterActivity : IActivity
{
    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return DomainSteps.RunAsync(context, async () =>
        {
            var db = context.Services.GetRequiredService<GovernanceDbContext>();
            var id = new CharterId(DomainSteps.RequiredGuid(context, "charterId"));
            var charter = await db.Charters.SingleOrDefaultAsync(c => c.Id == id);
            if (charter is null)
            {
                return context.Fault($"Charter {id.Value} does not exist.");
            }

            if (DomainSteps.RequiredEnum<CharterStep>(context, "step") == CharterStep.Adopt)
            {
                var ballot = new BallotId(DomainSteps.RequiredGuid(context, "ballotId"));
                charter.MarkAdopted(ballot, context.Now);
                context.Summary = $"version {charter.VersionNumber} adopted by ballot {ballot.Value}";
            }
            else
            {
                var previous = await db.Charters
                    .SingleOrDefaultAsync(c => c.AllianceId == charter.AllianceId && c.Status == CharterStatus.InForce);
                charter.PutInForce(previous, context.Now);
                context.Summary = $"version {charter.VersionNumber} in force"
                    + (previous is null ? string.Empty : $", version {previous.VersionNumber} superseded");
            }

            return context.Complete("Done");
        });
    }
}
