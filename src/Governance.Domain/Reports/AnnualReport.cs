using Governance.Domain.Common;

namespace Governance.Domain.Reports;

/// <summary>
/// The indicators a member reports each year (from the provincial targets: enterprises served,
/// joint projects, patents transferred, people trained, students placed, funds raised in 万元).
/// </summary>
public sealed record ContributionIndicators(
    int EnterprisesServed,
    int JointProjects,
    int PatentsTransferred,
    int PeopleTrained,
    int StudentsInInternships,
    decimal FundsRaisedTenThousandYuan)
{
    public static ContributionIndicators Zero => new(0, 0, 0, 0, 0, 0m);

    public ContributionIndicators Validated()
    {
        Check(EnterprisesServed, "enterprisesServed");
        Check(JointProjects, "jointProjects");
        Check(PatentsTransferred, "patentsTransferred");
        Check(PeopleTrained, "peopleTrained");
        Check(StudentsInInternships, "studentsInInternships");
        if (FundsRaisedTenThousandYuan < 0 || decimal.Round(FundsRaisedTenThousandYuan, 4) != FundsRaisedTenThousandYuan)
        {
            throw new DomainRuleViolation(
                "report.invalid-indicator", "Funds raised must be zero or more, with at most 4 decimals.", "fundsRaisedTenThousandYuan");
        }

        return this;
    }

    public ContributionIndicators Plus(ContributionIndicators other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(
            checked(EnterprisesServed + other.EnterprisesServed),
            checked(JointProjects + other.JointProjects),
            checked(PatentsTransferred + other.PatentsTransferred),
            checked(PeopleTrained + other.PeopleTrained),
            checked(StudentsInInternships + other.StudentsInInternships),
            FundsRaisedTenThousandYuan + other.FundsRaisedTenThousandYuan);
    }

    private static void Check(int value, string field)
    {
        if (value < 0)
        {
            throw new DomainRuleViolation("report.invalid-indicator", $"{field} cannot be negative.", field);
        }
    }
}

public sealed class MemberContribution
{
    internal MemberContribution(OrganizationId organizationId, PersonId submittedBy, ContributionIndicators indicators, string narrative, DateTimeOffset at)
    {
        OrganizationId = organizationId;
        Update(submittedBy, indicators, narrative, at);
    }

    private MemberContribution()
    {
        Indicators = ContributionIndicators.Zero;
        Narrative = string.Empty;
    }

    public OrganizationId OrganizationId { get; private set; }

    public PersonId SubmittedById { get; private set; }

    public ContributionIndicators Indicators { get; private set; } = ContributionIndicators.Zero;

    public string Narrative { get; private set; } = string.Empty;

    public DateTimeOffset SubmittedAt { get; private set; }

    internal void Update(PersonId submittedBy, ContributionIndicators indicators, string narrative, DateTimeOffset at)
    {
        SubmittedById = submittedBy;
        Indicators = indicators;
        Narrative = narrative;
        SubmittedAt = at;
    }
}

public enum AnnualReportStatus
{
    Collecting,
    Compiled,
    Approved,
    Published,
}

/// <summary>年度工作进展报告: collected from every member, compiled by the secretariat, approved by the council.</summary>
public sealed class AnnualReport : AggregateRoot
{
    private const string Codes = "report";
    private readonly List<MemberContribution> _contributions = [];
    private readonly List<OrganizationId> _expectedMembers = [];

    public AnnualReport(
        AnnualReportId id, AllianceId allianceId, int year, IEnumerable<OrganizationId> expectedMembers,
        DateTimeOffset deadline, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(expectedMembers);
        if (year is < 2000 or > 2100)
        {
            throw new DomainRuleViolation("report.invalid-year", $"{year} is not a reporting year.", "year");
        }

        if (deadline <= now)
        {
            throw new DomainRuleViolation("report.deadline-in-past", "The submission deadline must be in the future.", "deadline");
        }

        Id = id;
        AllianceId = allianceId;
        Year = year;
        _expectedMembers.AddRange(expectedMembers.Distinct());
        Deadline = Guard.Utc(deadline);
        OpenedAt = Guard.Utc(now);
        Status = AnnualReportStatus.Collecting;
    }

    private AnnualReport()
    {
    }

    public AnnualReportId Id { get; private set; }

    public AllianceId AllianceId { get; private set; }

    public int Year { get; private set; }

    public AnnualReportStatus Status { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    public DateTimeOffset Deadline { get; private set; }

    public string? Summary { get; private set; }

    /// <summary>Indicator totals over all submitted contributions, fixed when compiled.</summary>
    public ContributionIndicators? Totals { get; private set; }

    public DateTimeOffset? CompiledAt { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    public IReadOnlyList<OrganizationId> ExpectedMembers => _expectedMembers;

    public IReadOnlyList<MemberContribution> Contributions => _contributions;

    public IEnumerable<OrganizationId> MissingMembers =>
        _expectedMembers.Where(m => _contributions.All(c => c.OrganizationId != m));

    /// <summary>A member submits (or, until the deadline, revises) its contribution.</summary>
    public void Submit(OrganizationId member, PersonId submittedBy, ContributionIndicators indicators, string narrative, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        if (Status != AnnualReportStatus.Collecting)
        {
            throw new DomainRuleViolation("report.not-collecting", "Contributions are no longer collected for this report.");
        }

        if (now >= Deadline)
        {
            throw new DomainRuleViolation("report.deadline-passed", "The submission deadline has passed.");
        }

        if (!_expectedMembers.Contains(member))
        {
            throw new DomainRuleViolation("report.not-expected-member", "This organization is not asked to report this year.", "organizationId");
        }

        var validated = indicators.Validated();
        var text = Guard.Text(narrative, "narrative", 20_000, Codes);
        var existing = _contributions.SingleOrDefault(c => c.OrganizationId == member);
        if (existing is null)
        {
            _contributions.Add(new MemberContribution(member, submittedBy, validated, text, Guard.Utc(now)));
        }
        else
        {
            existing.Update(submittedBy, validated, text, Guard.Utc(now));
        }

        MarkChanged();
    }

    /// <summary>The secretariat compiles after the deadline (or once everyone submitted); totals are computed here.</summary>
    public ContributionIndicators Compile(string summary, DateTimeOffset now)
    {
        if (Status != AnnualReportStatus.Collecting)
        {
            throw new DomainRuleViolation("report.not-collecting", "The report is already compiled.");
        }

        if (now < Deadline && MissingMembers.Any())
        {
            throw new DomainRuleViolation(
                "report.members-outstanding", "Members are still due to submit and the deadline has not passed.");
        }

        Summary = Guard.Text(summary, "summary", 50_000, Codes);
        Totals = _contributions.Aggregate(ContributionIndicators.Zero, (sum, c) => sum.Plus(c.Indicators));
        Status = AnnualReportStatus.Compiled;
        CompiledAt = Guard.Utc(now);
        MarkChanged();
        return Totals;
    }

    public void Approve(DateTimeOffset now)
    {
        Move(AnnualReportStatus.Compiled, AnnualReportStatus.Approved);
        ApprovedAt = Guard.Utc(now);
    }

    /// <summary>Sent to the supervising department.</summary>
    public void Publish(DateTimeOffset now)
    {
        Move(AnnualReportStatus.Approved, AnnualReportStatus.Published);
        PublishedAt = Guard.Utc(now);
    }

    private void Move(AnnualReportStatus from, AnnualReportStatus to)
    {
        if (Status != from)
        {
            throw new DomainRuleViolation("report.invalid-status-transition", $"A report cannot move from {Status} to {to}.");
        }

        Status = to;
        MarkChanged();
    }
}
