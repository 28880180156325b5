using Governance.Domain.Charters;
using Governance.Domain.Common;
using Governance.Domain.Tests.Builders;
using Governance.Domain.Tests.Support;

namespace Governance.Domain.Tests.Charters;

public sealed class CharterTests
{
    [Fact]
    public void Constructor_Sections_NumberedFromOneAsDraft()
    {
        var charter = Build.Charter();

        Assert.Equal(CharterStatus.Draft, charter.Status);
        Assert.Equal([1, 2], charter.Sections.Select(s => s.Number));
        Assert.Equal("总则", charter.Sections[0].Title);
    }

    [Fact]
    public void Constructor_NoSections_Rejected()
    {
        Expect.Violation(
            () => new Charter(CharterId.New(), AllianceId.New(), 1, "章程", [], [], Build.Now), "charter.sections-required", "sections");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Constructor_VersionBelowOne_Rejected(int version)
    {
        Expect.Violation(
            () => new Charter(CharterId.New(), AllianceId.New(), version, "章程", [("总则", "正文")], [], Build.Now),
            "charter.invalid-version",
            "versionNumber");
    }

    [Fact]
    public void Constructor_TwoRulesForOneMatter_Rejected()
    {
        var first = Build.Rule(matter: VotingMatter.MemberAdmission);
        var second = Build.Rule(VotingThreshold.Unanimous, matter: VotingMatter.MemberAdmission);

        Expect.Violation(() => Build.Charter(1, null, first, second), "charter.duplicate-voting-rule", "votingRules");
    }

    [Fact]
    public void RuleFor_MatterWithCharterRule_ReturnsCharterRule()
    {
        var own = Build.Rule(VotingThreshold.Unanimous, 3, 4, recuse: false, matter: VotingMatter.CharterAmendment);
        var charter = Build.Charter(1, null, own, Build.Rule(matter: VotingMatter.General));

        var rule = charter.RuleFor(VotingMatter.CharterAmendment);

        Assert.Equal(own, rule);
    }

    [Fact]
    public void RuleFor_CharterAmendmentWithoutRule_TwoThirdsOfAllEligibleWithTwoThirdsQuorum()
    {
        var charter = Build.Charter();

        var rule = charter.RuleFor(VotingMatter.CharterAmendment);

        Assert.Equal(VotingMatter.CharterAmendment, rule.Matter);
        Assert.Equal(VotingThreshold.TwoThirdsOfAllEligible, rule.Threshold);
        Assert.Equal((2, 3), (rule.Quorum.Numerator, rule.Quorum.Denominator));
        Assert.True(rule.RecuseInterestedMembers);
        Assert.Equal(VotingRule.DefaultFor(VotingMatter.CharterAmendment), rule);
    }

    [Theory]
    [InlineData(VotingMatter.CharterAmendment, VotingThreshold.TwoThirdsOfAllEligible, 2, 3)]
    [InlineData(VotingMatter.MemberRemoval, VotingThreshold.TwoThirdsOfAllEligible, 2, 3)]
    [InlineData(VotingMatter.Dissolution, VotingThreshold.TwoThirdsOfAllEligible, 2, 3)]
    [InlineData(VotingMatter.General, VotingThreshold.MajorityOfVotesCast, 1, 2)]
    [InlineData(VotingMatter.MemberAdmission, VotingThreshold.MajorityOfVotesCast, 1, 2)]
    [InlineData(VotingMatter.CouncilMemberChange, VotingThreshold.MajorityOfVotesCast, 1, 2)]
    [InlineData(VotingMatter.AnnualReport, VotingThreshold.MajorityOfVotesCast, 1, 2)]
    [InlineData(VotingMatter.EnterpriseExemption, VotingThreshold.MajorityOfVotesCast, 1, 2)]
    public void RuleFor_MatterWithoutCharterRule_Default(VotingMatter matter, VotingThreshold threshold, int numerator, int denominator)
    {
        var otherMatter = matter == VotingMatter.General ? VotingMatter.AnnualReport : VotingMatter.General;
        var charter = Build.Charter(1, null, Build.Rule(VotingThreshold.Unanimous, matter: otherMatter));

        var rule = charter.RuleFor(matter);

        Assert.Equal(matter, rule.Matter);
        Assert.Equal(threshold, rule.Threshold);
        Assert.Equal(numerator, rule.Quorum.Numerator);
        Assert.Equal(denominator, rule.Quorum.Denominator);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(3, 2)]
    [InlineData(-1, 2)]
    [InlineData(1, 0)]
    [InlineData(1, -2)]
    public void Quorum_NotAFractionBetweenZeroAndOne_Rejected(int numerator, int denominator)
    {
        Expect.Violation(() => new Quorum(numerator, denominator), "charter.invalid-quorum", "quorum");
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 3)]
    [InlineData(1, 1)]
    public void Quorum_ValidFraction_Kept(int numerator, int denominator)
    {
        var quorum = new Quorum(numerator, denominator);

        Assert.Equal($"{numerator}/{denominator}", quorum.ToString());
    }

    [Theory]
    [InlineData(6, 9, true)]
    [InlineData(5, 9, false)]
    [InlineData(2, 3, true)]
    [InlineData(1, 3, false)]
    [InlineData(0, 0, false)]
    public void QuorumIsMetBy_TwoThirds_AtLeastTwoThirdsOfEligible(int participants, int eligible, bool expected)
    {
        Assert.Equal(expected, Quorum.TwoThirds.IsMetBy(participants, eligible));
    }

    [Fact]
    public void MarkAdopted_Draft_AdoptedWithBallot()
    {
        var charter = Build.Charter(2);
        var ballot = BallotId.New();

        charter.MarkAdopted(ballot, Build.Now);

        Assert.Equal(CharterStatus.Adopted, charter.Status);
        Assert.Equal(ballot, charter.AdoptedByBallotId);
        Assert.Equal(Build.Now, charter.AdoptedAt);
        Assert.Equal(1, charter.Version);
    }

    [Fact]
    public void MarkAdopted_AlreadyAdopted_Rejected()
    {
        var charter = Build.Charter(2);
        charter.MarkAdopted(BallotId.New(), Build.Now);

        Expect.Violation(() => charter.MarkAdopted(BallotId.New(), Build.Now), "charter.not-draft");
    }

    [Fact]
    public void PutInForce_AdoptedAmendment_SupersedesVersionInForce()
    {
        var alliance = AllianceId.New();
        var founding = Build.Charter(1, alliance);
        founding.PutInForceAtFounding(Build.Now);
        var amendment = Build.Charter(2, alliance);
        amendment.MarkAdopted(BallotId.New(), Build.Now.AddDays(1));
        var foundingVersion = founding.Version;
        var at = Build.Now.AddDays(5);

        amendment.PutInForce(founding, at);

        Assert.Equal(CharterStatus.InForce, amendment.Status);
        Assert.Equal(at, amendment.InForceFrom);
        Assert.Equal(CharterStatus.Superseded, founding.Status);
        Assert.Equal(at, founding.SupersededAt);
        Assert.Equal(foundingVersion + 1, founding.Version);
    }

    [Fact]
    public void PutInForce_AdoptedWithoutPrevious_InForce()
    {
        var charter = Build.Charter(1);
        charter.MarkAdopted(BallotId.New(), Build.Now);

        charter.PutInForce(null, Build.Now);

        Assert.Equal(CharterStatus.InForce, charter.Status);
    }

    [Fact]
    public void PutInForce_Draft_RejectedAndPreviousUntouched()
    {
        var alliance = AllianceId.New();
        var founding = Build.Charter(1, alliance);
        founding.PutInForceAtFounding(Build.Now);
        var draft = Build.Charter(2, alliance);

        Expect.Violation(() => draft.PutInForce(founding, Build.Now), "charter.not-adopted");

        Assert.Equal(CharterStatus.Draft, draft.Status);
        Assert.Equal(CharterStatus.InForce, founding.Status);
    }

    [Fact]
    public void PutInForce_PreviousNotInForce_Rejected()
    {
        var alliance = AllianceId.New();
        var previous = Build.Charter(1, alliance);
        var amendment = Build.Charter(2, alliance);
        amendment.MarkAdopted(BallotId.New(), Build.Now);

        Expect.Violation(() => amendment.PutInForce(previous, Build.Now), "charter.previous-not-in-force");

        Assert.Equal(CharterStatus.Adopted, amendment.Status);
    }

    [Fact]
    public void PutInForce_PreviousOfAnotherAlliance_Rejected()
    {
        var other = Build.Charter(1);
        other.PutInForceAtFounding(Build.Now);
        var amendment = Build.Charter(2);
        amendment.MarkAdopted(BallotId.New(), Build.Now);

        Expect.Violation(() => amendment.PutInForce(other, Build.Now), "charter.previous-not-in-force");

        Assert.Equal(CharterStatus.InForce, other.Status);
    }

    [Fact]
    public void PutInForceAtFounding_VersionOneDraft_InForce()
    {
        var charter = Build.Charter(1);

        charter.PutInForceAtFounding(Build.Now);

        Assert.Equal(CharterStatus.InForce, charter.Status);
        Assert.Equal(Build.Now, charter.InForceFrom);
        Assert.Equal(Build.Now, charter.AdoptedAt);
    }

    [Fact]
    public void PutInForceAtFounding_LaterVersion_Rejected()
    {
        var charter = Build.Charter(2);

        Expect.Violation(() => charter.PutInForceAtFounding(Build.Now), "charter.not-founding-draft");

        Assert.Equal(CharterStatus.Draft, charter.Status);
    }

    [Fact]
    public void PutInForceAtFounding_VersionOneAlreadyAdopted_Rejected()
    {
        var charter = Build.Charter(1);
        charter.MarkAdopted(BallotId.New(), Build.Now);

        Expect.Violation(() => charter.PutInForceAtFounding(Build.Now), "charter.not-founding-draft");
    }
}
