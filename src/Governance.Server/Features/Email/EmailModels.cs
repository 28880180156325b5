using Governance.Domain.Common;

namespace Governance.Server.Features.Email;

/// <summary>The catalogue of messages. Each has a template per language in Templates/ named after it (<c>task-assigned.zh-CN.liquid</c>).</summary>
public enum EmailKind
{
    TaskAssigned,
    TaskReminder,
    TaskOverdue,
    TaskEscalation,
    BallotOpened,
    BallotResult,
    SignatureRequested,
    SignatureCompleted,
    SignatureDeclined,
    MembershipDecision,
    AnnualReportCall,
    AnnualReportReminder,
    Digest,
    DocumentIssued,
}

public static class EmailKinds
{
    /// <summary>The kebab-case name used for template files and the outbox's Kind column.</summary>
    public static string Name(EmailKind kind) => kind switch
    {
        EmailKind.TaskAssigned => "task-assigned",
        EmailKind.TaskReminder => "task-reminder",
        EmailKind.TaskOverdue => "task-overdue",
        EmailKind.TaskEscalation => "task-escalation",
        EmailKind.BallotOpened => "ballot-opened",
        EmailKind.BallotResult => "ballot-result",
        EmailKind.SignatureRequested => "signature-requested",
        EmailKind.SignatureCompleted => "signature-completed",
        EmailKind.SignatureDeclined => "signature-declined",
        EmailKind.MembershipDecision => "membership-decision",
        EmailKind.AnnualReportCall => "annual-report-call",
        EmailKind.AnnualReportReminder => "annual-report-reminder",
        EmailKind.Digest => "digest",
        EmailKind.DocumentIssued => "document-issued",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown email kind."),
    };
}

/// <summary>A file to send with a message (e.g. the step's generated PDF).</summary>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>
/// What a message says, typed per kind. The composer turns it into template values (dates become local
/// text in the recipient's language) and a deep link into the web UI.
/// </summary>
public abstract record EmailModel
{
    public abstract EmailKind Kind { get; }

    /// <summary>The page of the web UI the message points to, relative to the configured base URL.</summary>
    public abstract string LinkPath { get; }

    public virtual AllianceId? Alliance => null;

    public virtual WorkTaskId? Task => null;

    /// <summary>Values the templates see, by snake_case name. Strings are user text: the HTML part encodes them.</summary>
    internal abstract IEnumerable<KeyValuePair<string, object?>> TemplateValues();

    protected static KeyValuePair<string, object?> Value(string name, object? value) => new(name, value);
}

public sealed record TaskAssignedEmail(
    WorkTaskId TaskId, string TaskTitle, string? AllianceName, AllianceId? AllianceId, DateTimeOffset? DueAt, string? InitiatorName) : EmailModel
{
    public override EmailKind Kind => EmailKind.TaskAssigned;

    public override string LinkPath => $"tasks/{TaskId.Value}";

    public override AllianceId? Alliance => AllianceId;

    public override WorkTaskId? Task => TaskId;

    internal override IEnumerable<KeyValuePair<string, object?>> TemplateValues() =>
        [Value("task_title", TaskTitle), Value("alliance_name", AllianceName), Value("due_at", DueAt), Value("initiator_name", InitiatorName)];
}

public sealed record TaskReminderEmail(
    WorkTaskId TaskId, string TaskTitle, string? AllianceName, AllianceId? AllianceId, DateTimeOffset DueAt, int DaysLeft) : EmailModel
{
    public override EmailKind Kind => EmailKind.TaskReminder;

    public override string LinkPath => $"tasks/{TaskId.Value}";

    public override AllianceId? Alliance => AllianceId;

    public override WorkTaskId? Task => TaskId;

    internal override IEnumerable<KeyValuePair<string, object?>> TemplateValues() =>
        [Value("task_title", TaskTitle), Value("alliance_name", AllianceName), Value("due_at", DueAt), Value("days_left", DaysLeft)];
}

public sealed record TaskOverdueEmail(
    WorkTaskId TaskId, string TaskTitle, string? AllianceName, AllianceId? AllianceId, DateTimeOffset DueAt) : EmailModel
{
    public override EmailKind Kind => EmailKind.TaskOverdue;

    public override string LinkPath => $"tasks/{TaskId.Value}";

    public override AllianceId? Alliance => AllianceId;

    public override WorkTaskId? Task => TaskId;

    internal override IEnumerable<KeyValuePair<string, object?>> TemplateValues() =>
        [Value("task_title", TaskTitle), Value("alliance_name", AllianceName), Value("due_at", DueAt)];
}

public sealed record TaskEscalationEmail(
    WorkTaskId TaskId, string TaskTitle, string? AllianceName, AllianceId? AllianceId, DateTimeOffset DueAt, string AssigneeName) : EmailModel
{
    public override EmailKind Kind => EmailKind.TaskEscalation;

    public override string LinkPath => $"tasks/{TaskId.Value}";

    public override AllianceId? Alliance => AllianceId;

    public override WorkTaskId? Task => TaskId;

    internal override IEnumerable<KeyValuePair<string, object?>> TemplateValues() =>
        [Value("task_title", TaskTitle), Value("alliance_name", AllianceName), Value("due_at", DueAt), Value("assignee_name", AssigneeName)];
}

public sealed record BallotOpenedEmail(
    BallotId BallotId, string Motion, string AllianceName, AllianceId AllianceId, DateTimeOffset ClosesAt) : EmailModel
{
    public override EmailKind Kind => EmailKind.BallotOpened;

    public override string LinkPath => $"ballots/{BallotId.Value}";

    public override AllianceId? Alliance => AllianceId;

    internal override IEnumerable<KeyValuePair<string, object?>> TemplateValues() =>
        [Value("motion", Motion), Value("alliance_name", AllianceName), Value("closes_at", ClosesAt)];
}

public sealed record BallotResultEmail(
    BallotId BallotId, string Motion, string AllianceName, AllianceId AllianceId, bool Passed, int VotesFor, int VotesAgainst, int Abstentions) : EmailModel
{
    public override EmailKind Kind => EmailKind.BallotResult;

    public override string LinkPath => $"ballots/{BallotId.Value}";

    public override AllianceId? Alliance => AllianceId;

    internal override IEnumerable<KeyValuePair<string, object?>> TemplateValues() =>
        [Value("motion", Motion), Value("alliance_name", AllianceName), Value("passed", Passed),
         Value("votes_for", VotesFor), Value("votes_against", VotesAgainst), Value("abstentions", Abstentions)];
}

public sealed record SignatureRequestedEmail(
    AgreementId AgreementId, string AgreementTitle, string AllianceName, AllianceId AllianceId, DateTimeOffset? DueAt) : EmailModel
{
    public override EmailKind Kind => EmailKind.SignatureRequested;

    public override string LinkPath => $"agreements/{AgreementId.Value}";

    public override AllianceId? Alliance => AllianceId;

    internal override IEnumerable<KeyValuePair<string, object?>> TemplateValues() =>
        [Value("agreement_title", AgreementTitle), Value("alliance_name", AllianceName), Value("due_at", DueAt)];
}

public sealed record SignatureCompletedEmail(
    AgreementId AgreementId, string AgreementTitle, string AllianceName, AllianceId AllianceId) : EmailModel
{
    public override EmailKind Kind => EmailKind.SignatureCompleted;

    public override string LinkPath => $"agreements/{AgreementId.Value}";

    public override AllianceId? Alliance => AllianceId;

    internal override IEnumerable<KeyValuePair<string, object?>> TemplateValues() =>
        [Value("agreement_title", AgreementTitle), Value("alliance_name", AllianceName)];
}

public sealed record SignatureDeclinedEmail(
    AgreementId AgreementId, string AgreementTitle, string AllianceName, AllianceId AllianceId, string DeclinedBy, string Reason) : EmailModel
{
    public override EmailKind Kind => EmailKind.SignatureDeclined;

    public override string LinkPath => $"agreements/{AgreementId.Value}";

    public override AllianceId? Alliance => AllianceId;

    internal override IEnumerable<KeyValuePair<string, object?>> TemplateValues() =>
        [Value("agreement_title", AgreementTitle), Value("alliance_name", AllianceName), Value("declined_by", DeclinedBy), Value("reason", Reason)];
}

public sealed record MembershipDecisionEmail(
    MembershipId MembershipId, string OrganizationName, string AllianceName, AllianceId AllianceId, bool Approved, string? Reason) : EmailModel
{
    public override EmailKind Kind => EmailKind.MembershipDecision;

    public override string LinkPath => $"memberships/{MembershipId.Value}";

    public override AllianceId? Alliance => AllianceId;

    internal override IEnumerable<KeyValuePair<string, object?>> TemplateValues() =>
        [Value("organization_name", OrganizationName), Value("alliance_name", AllianceName), Value("approved", Approved), Value("reason", Reason)];
}

public sealed record AnnualReportCallEmail(
    AnnualReportId ReportId, int Year, string OrganizationName, string AllianceName, AllianceId AllianceId, DateTimeOffset DueAt) : EmailModel
{
    public override EmailKind Kind => EmailKind.AnnualReportCall;

    public override string LinkPath => $"reports/{ReportId.Value}";

    public override AllianceId? Alliance => AllianceId;

    internal override IEnumerable<KeyValuePair<string, object?>> TemplateValues() =>
        [Value("year", Year), Value("organization_name", OrganizationName), Value("alliance_name", AllianceName), Value("due_at", DueAt)];
}

public sealed record AnnualReportReminderEmail(
    AnnualReportId ReportId, int Year, string OrganizationName, string AllianceName, AllianceId AllianceId, DateTimeOffset DueAt) : EmailModel
{
    public override EmailKind Kind => EmailKind.AnnualReportReminder;

    public override string LinkPath => $"reports/{ReportId.Value}";

    public override AllianceId? Alliance => AllianceId;

    internal override IEnumerable<KeyValuePair<string, object?>> TemplateValues() =>
        [Value("year", Year), Value("organization_name", OrganizationName), Value("alliance_name", AllianceName), Value("due_at", DueAt)];
}

/// <summary>A document a step issued, sent to the people concerned with the PDF attached (e.g. the annual report to the supervising department).</summary>
public sealed record DocumentIssuedEmail(
    Guid DocumentId, string DocumentTitle, string DocumentNumber, string AllianceName, AllianceId AllianceId, string? Note) : EmailModel
{
    public override EmailKind Kind => EmailKind.DocumentIssued;

    public override string LinkPath => $"documents/{DocumentId}";

    public override AllianceId? Alliance => AllianceId;

    internal override IEnumerable<KeyValuePair<string, object?>> TemplateValues() =>
        [Value("document_title", DocumentTitle), Value("document_number", DocumentNumber), Value("alliance_name", AllianceName), Value("note", Note)];
}

/// <summary>One held notification listed in a digest.</summary>
public sealed record DigestItem(string Subject, string? Link, DateTimeOffset At);

public sealed record DigestEmail(DateOnly Day, IReadOnlyList<DigestItem> Items) : EmailModel
{
    public override EmailKind Kind => EmailKind.Digest;

    public override string LinkPath => "inbox";

    internal override IEnumerable<KeyValuePair<string, object?>> TemplateValues() =>
        [Value("day", Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), Value("count", Items.Count), Value("items", Items)];
}
