using Governance.Domain.Ballots;
using Governance.Domain.Charters;
using Governance.Domain.Tests.Builders;

namespace Governance.Domain.Tests.Ballots;

public sealed class BallotTallyTests
{
    [Theory]
    [InlineData(3, 2, 0, BallotOutcome.Approved)]
    [InlineData(2, 3, 0, BallotOutcome.Rejected)]
    [InlineData(2, 2, 1, BallotOutcome.Rejected)]
    [InlineData(1, 0, 4, BallotOutcome.Approved)]
    [InlineData(0, 0, 5, BallotOutcome.Rejected)]
    public void Count_MajorityOfVotesCast_MoreYesThanNo(int yes, int no, int abstain, BallotOutcome expected)
    {
        var tally = Count(VotingThreshold.MajorityOfVotesCast, eligible: 5, yes, no, abstain);

        Assert.Equal(expected, tally.Outcome);
    }

    [Fact]
    public void Count_MajorityOfVotesCastTie_Rejected()
    {
        var tally = Count(VotingThreshold.MajorityOfVotesCast, eligible: 6, yes: 3, no: 3);

        Assert.True(tally.QuorumMet);
        Assert.Equal(BallotOutcome.Rejected, tally.Outcome);
    }

    [Theory]
    [InlineData(5, 9, BallotOutcome.Approved)]
    [InlineData(4, 9, BallotOutcome.Rejected)]
    [InlineData(4, 7, BallotOutcome.Approved)]
    public void Count_MajorityOfAllEligible_MoreThanHalfOfEligibleSayYes(int yes, int eligible, BallotOutcome expected)
    {
        var tally = Count(VotingThreshold.MajorityOfAllEligible, eligible, yes, no: 0, abstain: eligible - yes);

        Assert.Equal(expected, tally.Outcome);
    }

    [Fact]
    public void Count_MajorityOfAllEligibleExactlyHalf_Rejected()
    {
        // 2 × yes == eligible is not "more than half".
        var tally = Count(VotingThreshold.MajorityOfAllEligible, eligible: 8, yes: 4, no: 0, abstain: 4);

        Assert.Equal(BallotOutcome.Rejected, tally.Outcome);
    }

    [Fact]
    public void Count_MajorityOfAllEligibleYesOutnumbersNoButNotHalfOfEligible_Rejected()
    {
        var tally = Count(VotingThreshold.MajorityOfAllEligible, eligible: 10, yes: 4, no: 1, abstain: 3);

        Assert.True(tally.QuorumMet);
        Assert.Equal(BallotOutcome.Rejected, tally.Outcome);
    }

    [Fact]
    public void Count_TwoThirdsOfAllEligibleExactlyTwoThirds_Approved()
    {
        var tally = Count(VotingThreshold.TwoThirdsOfAllEligible, eligible: 9, yes: 6, no: 3);

        Assert.Equal(BallotOutcome.Approved, tally.Outcome);
    }

    [Fact]
    public void Count_TwoThirdsOfAllEligibleOneShort_Rejected()
    {
        var tally = Count(VotingThreshold.TwoThirdsOfAllEligible, eligible: 9, yes: 5, no: 0, abstain: 4);

        Assert.True(tally.QuorumMet);
        Assert.Equal(BallotOutcome.Rejected, tally.Outcome);
    }

    [Theory]
    [InlineData(7, 10, BallotOutcome.Approved)]
    [InlineData(6, 10, BallotOutcome.Rejected)]
    [InlineData(2, 3, BallotOutcome.Approved)]
    public void Count_TwoThirdsOfAllEligible_AtLeastTwoThirdsSayYes(int yes, int eligible, BallotOutcome expected)
    {
        var tally = Count(VotingThreshold.TwoThirdsOfAllEligible, eligible, yes, no: eligible - yes);

        Assert.Equal(expected, tally.Outcome);
    }

    [Fact]
    public void Count_UnanimousEveryoneYes_Approved()
    {
        var tally = Count(VotingThreshold.Unanimous, eligible: 5, yes: 5);

        Assert.Equal(BallotOutcome.Approved, tally.Outcome);
    }

    [Theory]
    [InlineData(4, 1, 0)]
    [InlineData(4, 0, 1)]
    [InlineData(4, 0, 0)]
    public void Count_UnanimousAnyoneNotYes_Rejected(int yes, int no, int abstain)
    {
        var tally = Count(VotingThreshold.Unanimous, eligible: 5, yes, no, abstain);

        Assert.True(tally.QuorumMet);
        Assert.Equal(BallotOutcome.Rejected, tally.Outcome);
    }

    [Fact]
    public void Count_QuorumMetOnlyThanksToAbstentions_CountedButAbstentionsAddNoYes()
    {
        // 10 eligible, half needed: 2 yes + 1 no alone would be 3, short; 3 abstentions make 6.
        var tally = Count(VotingThreshold.MajorityOfAllEligible, eligible: 10, yes: 2, no: 1, abstain: 3);

        Assert.True(tally.QuorumMet);
        Assert.Equal(6, tally.Participants);
        Assert.Equal(2, tally.Yes);
        Assert.Equal(BallotOutcome.Rejected, tally.Outcome);
    }

    [Fact]
    public void Count_SameVotesWithoutAbstentions_NoQuorum()
    {
        var tally = Count(VotingThreshold.MajorityOfVotesCast, eligible: 10, yes: 2, no: 1);

        Assert.False(tally.QuorumMet);
        Assert.Equal(BallotOutcome.NoQuorum, tally.Outcome);
    }

    [Fact]
    public void Count_QuorumMetThroughAbstentions_MajorityOfVotesCastDecidesOnYesAndNo()
    {
        var tally = Count(VotingThreshold.MajorityOfVotesCast, eligible: 10, yes: 2, no: 1, abstain: 3);

        Assert.Equal(BallotOutcome.Approved, tally.Outcome);
    }

    [Fact]
    public void Count_TwoThirdsQuorumExactlyMet_QuorumMet()
    {
        var tally = Count(VotingThreshold.MajorityOfVotesCast, eligible: 9, yes: 4, no: 2, quorumNumerator: 2, quorumDenominator: 3);

        Assert.True(tally.QuorumMet);
        Assert.Equal(BallotOutcome.Approved, tally.Outcome);
    }

    [Fact]
    public void Count_TwoThirdsQuorumOneShort_NoQuorum()
    {
        var tally = Count(VotingThreshold.MajorityOfVotesCast, eligible: 9, yes: 5, no: 0, quorumNumerator: 2, quorumDenominator: 3);

        Assert.False(tally.QuorumMet);
        Assert.Equal(BallotOutcome.NoQuorum, tally.Outcome);
    }

    [Theory]
    [InlineData(VotingThreshold.MajorityOfVotesCast)]
    [InlineData(VotingThreshold.MajorityOfAllEligible)]
    [InlineData(VotingThreshold.TwoThirdsOfAllEligible)]
    [InlineData(VotingThreshold.Unanimous)]
    public void Count_ZeroEligible_NoQuorum(VotingThreshold threshold)
    {
        var tally = Count(threshold, eligible: 0, quorumNumerator: 0, quorumDenominator: 1);

        Assert.False(tally.QuorumMet);
        Assert.Equal(BallotOutcome.NoQuorum, tally.Outcome);
    }

    [Fact]
    public void Count_AllRecused_NoQuorumWithRecusalsReported()
    {
        var tally = BallotTally.Count(Build.Rule(VotingThreshold.Unanimous), 0, 4, []);

        Assert.Equal(BallotOutcome.NoQuorum, tally.Outcome);
        Assert.Equal(4, tally.Recused);
        Assert.Equal(0, tally.Eligible);
    }

    [Fact]
    public void Count_Votes_ReportsEachChoice()
    {
        var tally = Count(VotingThreshold.MajorityOfVotesCast, eligible: 9, yes: 4, no: 3, abstain: 1);

        Assert.Equal((9, 4, 3, 1, 8), (tally.Eligible, tally.Yes, tally.No, tally.Abstain, tally.Participants));
    }

    [Fact]
    public void Count_MoreVotesThanEligible_Throws()
    {
        Assert.Throws<ArgumentException>(
            () => BallotTally.Count(Build.Rule(), 2, 0, [VoteChoice.Yes, VoteChoice.Yes, VoteChoice.No]));
    }

    private static BallotTally Count(
        VotingThreshold threshold, int eligible, int yes = 0, int no = 0, int abstain = 0, int quorumNumerator = 1, int quorumDenominator = 2)
    {
        var choices = Enumerable.Repeat(VoteChoice.Yes, yes)
            .Concat(Enumerable.Repeat(VoteChoice.No, no))
            .Concat(Enumerable.Repeat(VoteChoice.Abstain, abstain));
        return BallotTally.Count(Build.Rule(threshold, quorumNumerator, quorumDenominator), eligible, 0, choices);
    }
}
