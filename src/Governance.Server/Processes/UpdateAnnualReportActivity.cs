using System.Text.Json.Nodes;
using Governance.Domain.Common;
using Governance.Server.Persistence;
using Governance.Workflows.Activities;

namespace Governance.Server.Processes;

/// <summary>
/// Moves the year's report along: the secretariat's compilation (indicator totals fixed from the
/// contributions, the summary it wrote), the council's approval, publication to the supervising department.
/// </summary>
[Activity(
    TypeName,
    Category = "Governance",
    DisplayNameZh = "更新年度报告",
    DisplayNameEn = "Update annual report",
    Description = "Compile (totals from the contributions), approve or publish the annual report.",
    Outcomes = ["Done"])]
[ActivityInput("reportId", "Guid", Required = true)]
[ActivityInput("action", "String", Required = true, Form = InputForm.Setting, Description = "Compile, Approve or Publish.")]
[ActivityInput("summary", "String", Description = "The compiled report's overall narrative (Compile).")]
[ActivityInput("resultVariable", "String", Form = InputForm.Setting, Description = "Variable to receive the totals (Compile).")]
public sealed class UpdateAnnualReportActivity : IActivity
{
    public const string TypeName = "Governance.UpdateAnnualReport";

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return DomainSteps.RunAsync(context, async () =>
        {
            var db = context.Services.GetRequiredService<GovernanceDbContext>();
            var id = new AnnualReportId(DomainSteps.RequiredGuid(context, "reportId"));
            var report = await db.AnnualReports.FindAsync(id);
            if (report is null)
            {
                return context.Fault($"There is no annual report {id.Value}.");
            }

            switch (context.InputString("action"))
            {
                case "Compile":
                    var totals = report.Compile(context.InputString("summary") is { Length: > 0 } summary ? summary : $"{report.Year}年度工作进展报告", context.Now);
                    if (context.InputString("resultVariable") is { Length: > 0 } variable)
                    {
                        context.SetVariable(variable, new JsonObject
                        {
                            ["enterprisesServed"] = totals.EnterprisesServed,
                            ["jointProjects"] = totals.JointProjects,
                            ["patentsTransferred"] = totals.PatentsTransferred,
                            ["peopleTrained"] = totals.PeopleTrained,
                            ["studentsInInternships"] = totals.StudentsInInternships,
                            ["fundsRaised"] = totals.FundsRaisedTenThousandYuan,
                        });
                    }

                    context.Summary = $"compiled {report.Contributions.Count} contributions; {report.MissingMembers.Count()} missing";
                    break;
                case "Approve":
                    report.Approve(context.Now);
                    context.Summary = "approved";
                    break;
                case "Publish":
                    report.Publish(context.Now);
                    context.Summary = "published to the supervising department";
                    break;
                default:
                    return context.Fault($"'{context.InputString("action")}' is not Compile, Approve or Publish (action).");
            }

            return context.Complete("Done");
        });
    }

    public ValueTask<ActivityResult> ResumeAsync(ActivityContext context) =>
        throw new InvalidOperationException("UpdateAnnualReport never waits.");
}
