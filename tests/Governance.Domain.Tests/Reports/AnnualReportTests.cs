using Governance.Domain.Common;
using Governance.Domain.Reports;
using Governance.Domain.Tests.Builders;
using Governance.Domain.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Governance.Domain.Tests.Reports;

public sealed class AnnualReportTests
{
    private readonly FakeTimeProvider _clock = Build.Clock();
    private readonly OrganizationId[] _members = [OrganizationId.New(), OrganizationId.New(), OrganizationId.New()];
    private readonly PersonId _liaison = PersonId.New();
    private readonly DateTimeOffset _deadline = Build.Now.AddDays(30);

    [Fact]
    public void Constructor_DuplicateExpectedMembers_KeptOnce()
    {
        var report = NewReport([_members[0], _members[0], _members[1]]);

        Assert.Equal([_members[0], _members[1]], report.ExpectedMembers);
        Assert.Equal(AnnualReportStatus.Collecting, report.Status);
    }

    [Fact]
    public void Constructor_DeadlineNotInFuture_Rejected()
    {
        Expect.Violation(
            () => new AnnualReport(AnnualReportId.New(), AllianceId.New(), 2024, _members, Build.Now, Build.Now),
            "report.deadline-in-past",
            "deadline");
    }

    [Theory]
    [InlineData(1999)]
    [InlineData(2101)]
    public void Constructor_YearOutOfRange_Rejected(int year)
    {
        Expect.Violation(
            () => new AnnualReport(AnnualReportId.New(), AllianceId.New(), year, _members, _deadline, Build.Now),
            "report.invalid-year",
            "year");
    }

    [Fact]
    public void Submit_BeforeDeadline_Recorded()
    {
        var report = NewReport();
        var indicators = new ContributionIndicators(12, 3, 1, 240, 35, 18.5m);

        report.Submit(_members[0], _liaison, indicators, " 共建实训基地两个 ", _clock.GetUtcNow());

        var contribution = Assert.Single(report.Contributions);
        Assert.Equal(_members[0], contribution.OrganizationId);
        Assert.Equal(_liaison, contribution.SubmittedById);
        Assert.Equal(indicators, contribution.Indicators);
        Assert.Equal("共建实训基地两个", contribution.Narrative);
        Assert.Equal([_members[1], _members[2]], report.MissingMembers);
    }

    [Fact]
    public void Submit_RevisedBeforeDeadline_ReplacesContribution()
    {
        var report = NewReport();
        report.Submit(_members[0], _liaison, new ContributionIndicators(1, 1, 1, 1, 1, 1m), "初稿", _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromDays(29));
        var reviser = PersonId.New();
        var revised = new ContributionIndicators(2, 2, 2, 2, 2, 2.25m);

        report.Submit(_members[0], reviser, revised, "修订稿", _clock.GetUtcNow());

        var contribution = Assert.Single(report.Contributions);
        Assert.Equal(revised, contribution.Indicators);
        Assert.Equal("修订稿", contribution.Narrative);
        Assert.Equal(reviser, contribution.SubmittedById);
        Assert.Equal(Build.Now.AddDays(29), contribution.SubmittedAt);
    }

    [Fact]
    public void Submit_AtDeadline_Rejected()
    {
        var report = NewReport();
        _clock.Advance(TimeSpan.FromDays(30));

        Expect.Violation(
            () => report.Submit(_members[0], _liaison, ContributionIndicators.Zero, "说明", _clock.GetUtcNow()), "report.deadline-passed");

        Assert.Empty(report.Contributions);
    }

    [Fact]
    public void Submit_RevisionAfterDeadline_RejectedAndOriginalKept()
    {
        var report = NewReport();
        var original = new ContributionIndicators(5, 0, 0, 0, 0, 0m);
        report.Submit(_members[0], _liaison, original, "初稿", _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromDays(31));

        Expect.Violation(
            () => report.Submit(_members[0], _liaison, ContributionIndicators.Zero, "改稿", _clock.GetUtcNow()), "report.deadline-passed");

        Assert.Equal(original, Assert.Single(report.Contributions).Indicators);
    }

    [Fact]
    public void Submit_NotExpectedMember_Rejected()
    {
        var report = NewReport();

        Expect.Violation(
            () => report.Submit(OrganizationId.New(), _liaison, ContributionIndicators.Zero, "说明", _clock.GetUtcNow()),
            "report.not-expected-member",
            "organizationId");
    }

    [Theory]
    [InlineData("enterprisesServed")]
    [InlineData("jointProjects")]
    [InlineData("patentsTransferred")]
    [InlineData("peopleTrained")]
    [InlineData("studentsInInternships")]
    [InlineData("fundsRaisedTenThousandYuan")]
    public void Submit_NegativeIndicator_RejectedNamingField(string field)
    {
        var report = NewReport();
        var indicators = field switch
        {
            "enterprisesServed" => ContributionIndicators.Zero with { EnterprisesServed = -1 },
            "jointProjects" => ContributionIndicators.Zero with { JointProjects = -1 },
            "patentsTransferred" => ContributionIndicators.Zero with { PatentsTransferred = -1 },
            "peopleTrained" => ContributionIndicators.Zero with { PeopleTrained = -1 },
            "studentsInInternships" => ContributionIndicators.Zero with { StudentsInInternships = -1 },
            _ => ContributionIndicators.Zero with { FundsRaisedTenThousandYuan = -0.01m },
        };

        Expect.Violation(
            () => report.Submit(_members[0], _liaison, indicators, "说明", _clock.GetUtcNow()), "report.invalid-indicator", field);

        Assert.Empty(report.Contributions);
    }

    [Fact]
    public void Submit_FundsWithMoreThanFourDecimals_Rejected()
    {
        var report = NewReport();
        var indicators = ContributionIndicators.Zero with { FundsRaisedTenThousandYuan = 1.23456m };

        Expect.Violation(
            () => report.Submit(_members[0], _liaison, indicators, "说明", _clock.GetUtcNow()),
            "report.invalid-indicator",
            "fundsRaisedTenThousandYuan");
    }

    [Fact]
    public void Submit_WithoutNarrative_Rejected()
    {
        var report = NewReport();

        Expect.Violation(
            () => report.Submit(_members[0], _liaison, ContributionIndicators.Zero, "  ", _clock.GetUtcNow()),
            "report.narrative-required",
            "narrative");
    }

    [Fact]
    public void Compile_BeforeDeadlineWithMembersMissing_Rejected()
    {
        var report = NewReport();
        report.Submit(_members[0], _liaison, ContributionIndicators.Zero, "说明", _clock.GetUtcNow());

        Expect.Violation(() => report.Compile("年度总结", _clock.GetUtcNow()), "report.members-outstanding");

        Assert.Equal(AnnualReportStatus.Collecting, report.Status);
        Assert.Null(report.Totals);
    }

    [Fact]
    public void Compile_BeforeDeadlineEveryoneSubmitted_Compiled()
    {
        var report = NewReport();
        foreach (var member in _members)
        {
            report.Submit(member, _liaison, ContributionIndicators.Zero with { JointProjects = 1 }, "说明", _clock.GetUtcNow());
        }

        var totals = report.Compile("年度总结", _clock.GetUtcNow());

        Assert.Equal(3, totals.JointProjects);
        Assert.Equal(AnnualReportStatus.Compiled, report.Status);
    }

    [Fact]
    public void Compile_AfterDeadlineWithMembersMissing_CompiledListingMissing()
    {
        var report = NewReport();
        report.Submit(_members[1], _liaison, ContributionIndicators.Zero, "说明", _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromDays(31));

        report.Compile(" 年度总结 ", _clock.GetUtcNow());

        Assert.Equal(AnnualReportStatus.Compiled, report.Status);
        Assert.Equal([_members[0], _members[2]], report.MissingMembers);
        Assert.Equal("年度总结", report.Summary);
        Assert.Equal(Build.Now.AddDays(31), report.CompiledAt);
    }

    [Fact]
    public void Compile_Contributions_TotalsAreTheSums()
    {
        var report = NewReport();
        report.Submit(_members[0], _liaison, new ContributionIndicators(10, 2, 1, 100, 20, 12.5m), "一", _clock.GetUtcNow());
        report.Submit(_members[1], _liaison, new ContributionIndicators(5, 0, 3, 40, 0, 0.25m), "二", _clock.GetUtcNow());
        report.Submit(_members[2], _liaison, new ContributionIndicators(0, 7, 0, 0, 16, 3.0001m), "三", _clock.GetUtcNow());

        var totals = report.Compile("年度总结", _clock.GetUtcNow());

        Assert.Equal(new ContributionIndicators(15, 9, 4, 140, 36, 15.7501m), totals);
        Assert.Equal(totals, report.Totals);
    }

    [Fact]
    public void Compile_RevisedContribution_CountsOnlyLatest()
    {
        var report = NewReport([_members[0]]);
        report.Submit(_members[0], _liaison, new ContributionIndicators(100, 0, 0, 0, 0, 100m), "初稿", _clock.GetUtcNow());
        report.Submit(_members[0], _liaison, new ContributionIndicators(1, 0, 0, 0, 0, 1.5m), "修订", _clock.GetUtcNow());

        var totals = report.Compile("年度总结", _clock.GetUtcNow());

        Assert.Equal(1, totals.EnterprisesServed);
        Assert.Equal(1.5m, totals.FundsRaisedTenThousandYuan);
    }

    [Fact]
    public void Submit_AfterCompile_Rejected()
    {
        var report = NewReport([_members[0]]);
        report.Submit(_members[0], _liaison, ContributionIndicators.Zero, "说明", _clock.GetUtcNow());
        report.Compile("年度总结", _clock.GetUtcNow());

        Expect.Violation(
            () => report.Submit(_members[0], _liaison, ContributionIndicators.Zero, "改", _clock.GetUtcNow()), "report.not-collecting");
    }

    [Fact]
    public void ApproveThenPublish_Compiled_Published()
    {
        var report = CompiledReport();

        report.Approve(Build.Now.AddDays(40));
        report.Publish(Build.Now.AddDays(41));

        Assert.Equal(AnnualReportStatus.Published, report.Status);
        Assert.Equal(Build.Now.AddDays(40), report.ApprovedAt);
        Assert.Equal(Build.Now.AddDays(41), report.PublishedAt);
    }

    [Fact]
    public void Approve_StillCollecting_Rejected()
    {
        var report = NewReport();

        Expect.Violation(() => report.Approve(_clock.GetUtcNow()), "report.invalid-status-transition");

        Assert.Null(report.ApprovedAt);
    }

    [Fact]
    public void Publish_NotApproved_Rejected()
    {
        var report = CompiledReport();

        Expect.Violation(() => report.Publish(_clock.GetUtcNow()), "report.invalid-status-transition");

        Assert.Equal(AnnualReportStatus.Compiled, report.Status);
        Assert.Null(report.PublishedAt);
    }

    [Fact]
    public void Approve_Twice_Rejected()
    {
        var report = CompiledReport();
        report.Approve(_clock.GetUtcNow());

        Expect.Violation(() => report.Approve(_clock.GetUtcNow()), "report.invalid-status-transition");
    }

    [Fact]
    public void Compile_Twice_Rejected()
    {
        var report = CompiledReport();

        Expect.Violation(() => report.Compile("再次汇总", _clock.GetUtcNow()), "report.not-collecting");
    }

    private AnnualReport NewReport(IEnumerable<OrganizationId>? expected = null) =>
        new(AnnualReportId.New(), AllianceId.New(), 2024, expected ?? _members, _deadline, Build.Now);

    private AnnualReport CompiledReport()
    {
        var report = NewReport([_members[0]]);
        report.Submit(_members[0], _liaison, ContributionIndicators.Zero, "说明", _clock.GetUtcNow());
        report.Compile("年度总结", _clock.GetUtcNow());
        return report;
    }
}
