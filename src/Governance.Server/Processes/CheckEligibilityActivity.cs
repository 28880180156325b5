using System.Text.Json.Nodes;
using Governance.Domain.Common;
using Governance.Domain.Memberships;
using Governance.Domain.Organizations;
using Governance.Server.Persistence;
using Governance.Workflows.Activities;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Processes;

/// <summary>
/// Checks an application against the rules of the source texts at the time of the step: a barred
/// organization or a government agency is ineligible, so is a second open membership of the same
/// alliance; an enterprise already in another alliance needs the council's exemption (NeedsReview
/// when it asked for one, Ineligible otherwise); a warned credit record sends it to review.
/// </summary>
[Activity(
    "Governance.CheckEligibility",
    Category = "Governance",
    DisplayNameZh = "资格审查",
    DisplayNameEn = "Check eligibility",
    Description = "Credit status, the one-alliance rule for enterprises, duplicate memberships.",
    Outcomes = ["Eligible", "NeedsReview", "Ineligible"])]
[ActivityInput("membershipId", "Guid", Required = true, Description = "The application (an Applied membership).")]
[ActivityInput("resultVariable", "String", Form = InputForm.Setting, Description = "Variable to receive { outcome, reasons }.")]
[ActivityOutput("result", "Object", Description = "{ outcome, reasons: [rule codes] }")]
public sealed class CheckEligibilityActivity : IActivity
{
    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var db = context.Services.GetRequiredService<GovernanceDbContext>();
        var id = new MembershipId(DomainSteps.RequiredGuid(context, "membershipId"));
        var application = await db.Memberships.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id);
        if (application is null)
        {
            return context.Fault($"Membership {id.Value} does not exist.");
        }

        var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == application.OrganizationId);
        var others = await db.Memberships.AsNoTracking()
            .Where(m => m.OrganizationId == organization.Id && m.Id != id)
            .ToListAsync();

        var ineligible = new List<string>();
        var review = new List<string>();
        if (organization.CreditStatus == CreditStatus.Barred)
        {
            ineligible.Add("membership.organization-barred");
        }
        else if (organization.CreditStatus == CreditStatus.Warned)
        {
            review.Add("membership.organization-warned");
        }

        if (organization.Kind == OrganizationKind.GovernmentAgency)
        {
            ineligible.Add("membership.government-agency-not-member");
        }

        if (others.Any(m => m.AllianceId == application.AllianceId && m.IsOpen))
        {
            ineligible.Add("membership.duplicate");
        }

        if (organization.Kind == OrganizationKind.Enterprise && others.Any(m => m.AllianceId != application.AllianceId && m.IsOpen))
        {
            (application.EnterpriseExemption ? review : ineligible).Add("membership.enterprise-already-in-alliance");
        }

        var outcome = ineligible.Count > 0 ? "Ineligible" : review.Count > 0 ? "NeedsReview" : "Eligible";
        var reasons = ineligible.Concat(review).ToList();
        context.Summary = reasons.Count == 0 ? outcome : $"{outcome}: {string.Join(", ", reasons)}";
        if (context.InputString("resultVariable") is { Length: > 0 } variable)
        {
            context.SetVariable(variable, new JsonObject
            {
                ["outcome"] = outcome,
                ["reasons"] = new JsonArray(reasons.Select(r => (JsonNode)r).ToArray()),
            });
        }

        return context.Complete(outcome);
    }
}
