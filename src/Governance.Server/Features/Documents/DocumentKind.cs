namespace Governance.Server.Features.Documents;

/// <summary>Every document a governance step issues. The template file is <c>{TemplateName}.{language}.md.liquid</c>.</summary>
public enum DocumentKind
{
    ApplicationReceipt,
    BallotResolution,
    AdmissionNotice,
    AllianceAgreement,
    AccessionAgreement,
    SignatureCertificate,
    Charter,
    AnnualReport,
    ExitNotice,
}

/// <summary>What the platform knows about each kind: template name, number prefix, names, whether it is sealed.</summary>
public sealed record DocumentKindInfo(DocumentKind Kind, string TemplateName, string NumberPrefix, string NameZh, string NameEn, bool Sealed)
{
    public string Name(string language) => language == DocumentLanguages.English ? NameEn : NameZh;
}

public static class DocumentKinds
{
    public static readonly IReadOnlyList<DocumentKindInfo> All =
    [
        new(DocumentKind.ApplicationReceipt, "application-receipt", "AR", "入盟申请受理回执", "Application receipt", false),
        new(DocumentKind.BallotResolution, "ballot-resolution", "BR", "表决决议", "Ballot resolution", false),
        new(DocumentKind.AdmissionNotice, "admission-notice", "AN", "入盟通知书", "Admission notice", false),
        new(DocumentKind.AllianceAgreement, "alliance-agreement", "AA", "联盟协议", "Alliance agreement", true),
        new(DocumentKind.AccessionAgreement, "accession-agreement", "AC", "入盟协议", "Accession agreement", true),
        new(DocumentKind.SignatureCertificate, "signature-certificate", "SC", "签署证书", "Signature certificate", false),
        new(DocumentKind.Charter, "charter", "CH", "联盟章程", "Charter", true),
        new(DocumentKind.AnnualReport, "annual-report", "RP", "年度工作进展报告", "Annual report", false),
        new(DocumentKind.ExitNotice, "exit-notice", "EX", "退出联盟通知书", "Exit notice", false),
    ];

    public static DocumentKindInfo Of(DocumentKind kind) => All.Single(k => k.Kind == kind);

    public static DocumentKindInfo? ByTemplateName(string name) => All.SingleOrDefault(k => k.TemplateName == name);
}

public static class DocumentLanguages
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    public static readonly IReadOnlyList<string> All = [Chinese, English];

    public static string Require(string? language, string field = "language") =>
        All.Contains(language ?? "")
            ? language!
            : throw new Domain.Common.DomainRuleViolation("documents.language-unsupported",
                $"Documents are available in {string.Join(" and ", All)}; '{language}' is not one of them.", field);
}
