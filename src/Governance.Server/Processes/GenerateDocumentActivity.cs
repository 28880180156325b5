using System.Text.Json.Nodes;
using Governance.Server.Features.Documents;
using Governance.Workflows.Activities;

namespace Governance.Server.Processes;

/// <summary>
/// Issues a document of the catalogue (resolution, notice, agreement, certificate, charter, report) for
/// the records the step names: the data is read from them (<see cref="DocumentModels"/>), the PDF is
/// rendered, sealed where the kind is sealed, and stored with its SHA-256 in the step's own transaction.
/// A <c>model</c> input adds to or replaces parts of that data; with no record named, the model is the data.
/// </summary>
[Activity(
    TypeName,
    Category = "Governance",
    DisplayNameZh = "生成文件",
    DisplayNameEn = "Generate document",
    Description = "Renders a document template with the records of this step into a PDF and stores it with its SHA-256.",
    Outcomes = ["Done"])]
[ActivityInput("kind", "String", Required = true, Form = InputForm.Setting,
    Description = "ApplicationReceipt, BallotResolution, AdmissionNotice, AllianceAgreement, AccessionAgreement, SignatureCertificate, Charter, AnnualReport or ExitNotice.")]
[ActivityInput("allianceId", "Guid", Required = true)]
[ActivityInput("language", "String", DefaultJson = "\"zh-CN\"", Description = "zh-CN or en.")]
[ActivityInput("ballotId", "Guid", Description = "The ballot (resolution; the decision an admission, accession, report or removal refers to).")]
[ActivityInput("agreementId", "Guid", Description = "The agreement (agreement text, signature certificate).")]
[ActivityInput("membershipId", "Guid", Description = "The membership (receipt, admission notice, exit notice).")]
[ActivityInput("charterId", "Guid", Description = "The charter version.")]
[ActivityInput("reportId", "Guid", Description = "The annual report.")]
[ActivityInput("model", "Object", Description = "Data that adds to or replaces what is read from the records.")]
[ActivityInput("resultVariable", "String", Form = InputForm.Setting, Description = "Variable to receive { documentId, number, sha256, kind }.")]
[ActivityOutput("result", "Object", Description = "{ documentId, number, sha256, kind }")]
public sealed class GenerateDocumentActivity : IActivity
{
    public const string TypeName = "Governance.GenerateDocument";

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return DomainSteps.RunAsync(context, async () =>
        {
            var kind = DomainSteps.RequiredEnum<DocumentKind>(context, "kind");
            var language = DocumentLanguages.Require(context.InputString("language") ?? DocumentLanguages.Chinese);
            var allianceId = DomainSteps.RequiredGuid(context, "allianceId");
            var subject = new DocumentSubject(
                context.InputGuid("ballotId"), context.InputGuid("agreementId"), context.InputGuid("membershipId"),
                context.InputGuid("charterId"), context.InputGuid("reportId"));
            var extra = context.Input("model") as JsonObject;
            var issued = await IssueAsync(context, kind, language, allianceId, subject, extra);
            context.Summary = $"{kind} {issued.Number} ({issued.PageCount} pages, sha256 {issued.Sha256[..12]}…)";
            if (context.InputString("resultVariable") is { Length: > 0 } variable)
            {
                context.SetVariable(variable, Describe(issued, kind));
            }

            return context.Complete("Done");
        });
    }

    public ValueTask<ActivityResult> ResumeAsync(ActivityContext context) =>
        throw new InvalidOperationException("GenerateDocument never waits.");

    /// <summary>Issues a document in the step's unit of work (shared with the signing step, which issues the agreement and certificate).</summary>
    internal static async Task<GeneratedDocument> IssueAsync(
        ActivityContext context, DocumentKind kind, string language, Guid allianceId, DocumentSubject subject, JsonObject? extra)
    {
        var models = context.Services.GetRequiredService<DocumentModels>();
        var named = subject.BallotId ?? subject.AgreementId ?? subject.MembershipId ?? subject.CharterId ?? subject.ReportId;
        JsonObject model;
        if (named is null)
        {
            model = extra?.DeepClone().AsObject()
                ?? throw new Domain.Common.DomainRuleViolation("documents.subject-missing", "Name the record the document is about, or give its model.", "model");
        }
        else
        {
            model = await models.BuildAsync(kind, language, subject, CancellationToken.None);
            foreach (var (name, value) in extra ?? [])
            {
                model[name] = value?.DeepClone();
            }
        }

        var subjectId = SubjectOf(kind, subject) ?? named;
        return await context.Services.GetRequiredService<IDocumentService>()
            .AddAsync(kind, language, model, allianceId, context.InstanceId, subjectId?.ToString(), CancellationToken.None);
    }

    internal static JsonObject Describe(GeneratedDocument issued, DocumentKind kind) => new()
    {
        ["documentId"] = issued.Id,
        ["number"] = issued.Number,
        ["sha256"] = issued.Sha256,
        ["kind"] = kind.ToString(),
    };

    // What a document is filed under: a resolution under its ballot, an agreement or certificate under
    // the agreement, a charter under its version, a report under the report, notices under the membership.
    private static Guid? SubjectOf(DocumentKind kind, DocumentSubject subject) => kind switch
    {
        DocumentKind.BallotResolution => subject.BallotId,
        DocumentKind.AllianceAgreement or DocumentKind.AccessionAgreement or DocumentKind.SignatureCertificate => subject.AgreementId,
        DocumentKind.Charter => subject.CharterId,
        DocumentKind.AnnualReport => subject.ReportId,
        _ => subject.MembershipId,
    };
}
