using Governance.Domain.Ballots;
using Governance.Domain.Charters;
using Governance.Domain.Common;
using Governance.Domain.Tests.Builders;
using Governance.Domain.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Governance.Domain.Tests.Ballots;

public sealed class BallotTests
{
    private readonly FakeTimeProvider _clock = Build.Clock();
    private readonly PersonId[] _voters = Build.People(3);

    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    public void Constructor_DeadlineNotInFuture_Rejected(int minutesFromNow)
    {
        Expect.Violation(
            () => Build.Ballot(Build.Rule(), _voters, Build.Now.AddMinutes(minutesFromNow)), "ballot.deadline-in-past", "deadline");
    }

    [Fact]
    public void Constructor_VoterListedTwice_Rejected()
    {
        Expect.Violation(
            () => Build.Ballot(Build.Rule(), [_voters[0], _voters[1], _voters[0]]), "ballot.duplicate-voter", "eligibleVoters");
    }

    [Fact]
    public void Constructor_Rule_CopiedWithMatterAndOpen()
    {
        var rule = Build.Rule(VotingThreshold.TwoThirdsOfAllEligible, 2, 3, matter: VotingMatter.MemberRemoval);

        var ballot = Build.Ballot(rule, _voters);

        Assert.Equal(BallotStatus.Open, ballot.Status);
        Assert.Equal(VotingMatter.MemberRemoval, ballot.Matter);
        Assert.Equal(rule, ballot.Rule);
        Assert.Equal(3, ballot.Voters.Count);
    }

    [Fact]
    public void Cast_VoteChangedBeforeClose_LastChoiceCountsOnce()
    {
        var ballot = Build.Ballot(Build.Rule(), _voters);
        ballot.Cast(_voters[0], VoteChoice.No, _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromHours(1));
        ballot.Cast(_voters[0], VoteChoice.Abstain, _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromHours(1));

        ballot.Cast(_voters[0], VoteChoice.Yes, _clock.GetUtcNow());

        var vote = Assert.Single(ballot.Votes);
        Assert.Equal(VoteChoice.Yes, vote.Choice);
        Assert.Equal(Build.Now, vote.CastAt);
        Assert.Equal(Build.Now.AddHours(2), vote.ChangedAt);
        var tally = ballot.Close(_clock.GetUtcNow());
        Assert.Equal((1, 0, 0), (tally.Yes, tally.No, tally.Abstain));
    }

    [Fact]
    public void Cast_AfterClose_Rejected()
    {
        var ballot = Build.Ballot(Build.Rule(), _voters);
        ballot.Cast(_voters[0], VoteChoice.Yes, _clock.GetUtcNow());
        ballot.Close(_clock.GetUtcNow());

        Expect.Violation(() => ballot.Cast(_voters[1], VoteChoice.No, _clock.GetUtcNow()), "ballot.closed");

        Assert.Single(ballot.Votes);
    }

    [Fact]
    public void Cast_ChangeAfterClose_RejectedAndResultKept()
    {
        var ballot = Build.Ballot(Build.Rule(), _voters);
        ballot.Cast(_voters[0], VoteChoice.Yes, _clock.GetUtcNow());
        ballot.Cast(_voters[1], VoteChoice.Yes, _clock.GetUtcNow());
        ballot.Close(_clock.GetUtcNow());

        Expect.Violation(() => ballot.Cast(_voters[0], VoteChoice.No, _clock.GetUtcNow()), "ballot.closed");

        Assert.All(ballot.Votes, v => Assert.Equal(VoteChoice.Yes, v.Choice));
        Assert.Equal(BallotOutcome.Approved, ballot.Result?.Outcome);
    }

    [Fact]
    public void Cast_AtDeadline_Rejected()
    {
        var ballot = Build.Ballot(Build.Rule(), _voters, Build.Now.AddDays(7));
        _clock.Advance(TimeSpan.FromDays(7));

        Expect.Violation(() => ballot.Cast(_voters[0], VoteChoice.Yes, _clock.GetUtcNow()), "ballot.deadline-passed");
    }

    [Fact]
    public void Cast_JustBeforeDeadline_Recorded()
    {
        var ballot = Build.Ballot(Build.Rule(), _voters, Build.Now.AddDays(7));
        _clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));

        ballot.Cast(_voters[0], VoteChoice.Yes, _clock.GetUtcNow());

        Assert.Single(ballot.Votes);
        Assert.False(ballot.IsPastDeadline(_clock.GetUtcNow()));
    }

    [Fact]
    public void Cast_AfterDeadline_Rejected()
    {
        var ballot = Build.Ballot(Build.Rule(), _voters, Build.Now.AddDays(7));
        _clock.Advance(TimeSpan.FromDays(8));

        Expect.Violation(() => ballot.Cast(_voters[0], VoteChoice.Yes, _clock.GetUtcNow()), "ballot.deadline-passed");

        Assert.Empty(ballot.Votes);
        Assert.True(ballot.IsPastDeadline(_clock.GetUtcNow()));
    }

    [Fact]
    public void Cast_NotEligible_Rejected()
    {
        var ballot = Build.Ballot(Build.Rule(), _voters);

        Expect.Violation(() => ballot.Cast(PersonId.New(), VoteChoice.Yes, _clock.GetUtcNow()), "ballot.not-eligible", "voter");

        Assert.Empty(ballot.Votes);
    }

    [Fact]
    public void Cast_UndefinedChoice_Rejected()
    {
        var ballot = Build.Ballot(Build.Rule(), _voters);

        Expect.Violation(() => ballot.Cast(_voters[0], (VoteChoice)5, _clock.GetUtcNow()), "ballot.invalid-choice", "choice");
    }

    [Fact]
    public void Recuse_AfterVoting_WithdrawsVoteAndShrinksEligible()
    {
        var ballot = Build.Ballot(Build.Rule(), _voters);
        ballot.Cast(_voters[0], VoteChoice.Yes, _clock.GetUtcNow());
        ballot.Cast(_voters[1], VoteChoice.No, _clock.GetUtcNow());

        ballot.Recuse(_voters[0], "本单位为被审议对象", _clock.GetUtcNow());

        Assert.DoesNotContain(ballot.Votes, v => v.VoterId == _voters[0]);
        var voter = Assert.Single(ballot.Voters, v => v.PersonId == _voters[0]);
        Assert.True(voter.Recused);
        Assert.Equal("本单位为被审议对象", voter.RecusalReason);
        var tally = ballot.Close(_clock.GetUtcNow());
        Assert.Equal((2, 1, 0, 1), (tally.Eligible, tally.Recused, tally.Yes, tally.No));
        Assert.Equal(BallotOutcome.Rejected, tally.Outcome);
    }

    [Fact]
    public void Cast_RecusedVoter_Rejected()
    {
        var ballot = Build.Ballot(Build.Rule(), _voters);
        ballot.Recuse(_voters[0], "利益相关", _clock.GetUtcNow());

        Expect.Violation(() => ballot.Cast(_voters[0], VoteChoice.Yes, _clock.GetUtcNow()), "ballot.voter-recused", "voter");

        Assert.Empty(ballot.Votes);
    }

    [Fact]
    public void Recuse_RuleWithoutRecusal_RejectedAndVoteKept()
    {
        var ballot = Build.Ballot(Build.Rule(recuse: false), _voters);
        ballot.Cast(_voters[0], VoteChoice.Yes, _clock.GetUtcNow());

        Expect.Violation(() => ballot.Recuse(_voters[0], "利益相关", _clock.GetUtcNow()), "ballot.recusal-not-allowed", "voter");

        Assert.Single(ballot.Votes);
        Assert.All(ballot.Voters, v => Assert.False(v.Recused));
    }

    [Fact]
    public void Recuse_WithoutReason_Rejected()
    {
        var ballot = Build.Ballot(Build.Rule(), _voters);

        Expect.Violation(() => ballot.Recuse(_voters[0], " ", _clock.GetUtcNow()), "ballot.reason-required", "reason");
    }

    [Fact]
    public void Recuse_NotEligible_Rejected()
    {
        var ballot = Build.Ballot(Build.Rule(), _voters);

        Expect.Violation(() => ballot.Recuse(PersonId.New(), "利益相关", _clock.GetUtcNow()), "ballot.not-eligible", "voter");
    }

    [Fact]
    public void Close_EveryoneRecused_NoQuorum()
    {
        var ballot = Build.Ballot(Build.Rule(), _voters);
        foreach (var voter in _voters)
        {
            ballot.Recuse(voter, "利益相关", _clock.GetUtcNow());
        }

        var tally = ballot.Close(_clock.GetUtcNow());

        Assert.Equal(BallotOutcome.NoQuorum, tally.Outcome);
        Assert.Equal(3, tally.Recused);
    }

    [Fact]
    public void Close_TwoThirdsRuleSixOfNineYes_Approved()
    {
        var voters = Build.People(9);
        var ballot = Build.Ballot(VotingRule.DefaultFor(VotingMatter.CharterAmendment), voters);
        foreach (var voter in voters.Take(6))
        {
            ballot.Cast(voter, VoteChoice.Yes, _clock.GetUtcNow());
        }

        var tally = ballot.Close(_clock.GetUtcNow());

        Assert.Equal(BallotOutcome.Approved, tally.Outcome);
    }

    [Fact]
    public void Close_TwoThirdsRuleFiveOfNineYes_Rejected()
    {
        var voters = Build.People(9);
        var ballot = Build.Ballot(VotingRule.DefaultFor(VotingMatter.CharterAmendment), voters);
        foreach (var voter in voters.Take(5))
        {
            ballot.Cast(voter, VoteChoice.Yes, _clock.GetUtcNow());
        }

        ballot.Cast(voters[5], VoteChoice.Abstain, _clock.GetUtcNow());

        var tally = ballot.Close(_clock.GetUtcNow());

        Assert.True(tally.QuorumMet);
        Assert.Equal(BallotOutcome.Rejected, tally.Outcome);
    }

    [Fact]
    public void Close_TwoThirdsQuorumFiveOfNineTakePart_NoQuorum()
    {
        var voters = Build.People(9);
        var ballot = Build.Ballot(VotingRule.DefaultFor(VotingMatter.CharterAmendment), voters);
        foreach (var voter in voters.Take(5))
        {
            ballot.Cast(voter, VoteChoice.Yes, _clock.GetUtcNow());
        }

        var tally = ballot.Close(_clock.GetUtcNow());

        Assert.False(tally.QuorumMet);
        Assert.Equal(BallotOutcome.NoQuorum, tally.Outcome);
    }

    [Fact]
    public void Close_AfterDeadline_ClosedWithResult()
    {
        var ballot = Build.Ballot(Build.Rule(), _voters, Build.Now.AddDays(1));
        ballot.Cast(_voters[0], VoteChoice.Yes, _clock.GetUtcNow());
        ballot.Cast(_voters[1], VoteChoice.Yes, _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromDays(2));
        var version = ballot.Version;

        var tally = ballot.Close(_clock.GetUtcNow());

        Assert.Equal(BallotStatus.Closed, ballot.Status);
        Assert.Equal(Build.Now.AddDays(2), ballot.ClosedAt);
        Assert.Same(tally, ballot.Result);
        Assert.Equal(BallotOutcome.Approved, tally.Outcome);
        Assert.Equal(version + 1, ballot.Version);
    }

    [Fact]
    public void Close_Twice_RejectedAndFirstResultKept()
    {
        var ballot = Build.Ballot(Build.Rule(), _voters);
        ballot.Cast(_voters[0], VoteChoice.Yes, _clock.GetUtcNow());
        ballot.Cast(_voters[1], VoteChoice.Yes, _clock.GetUtcNow());
        var first = ballot.Close(_clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromHours(1));

        Expect.Violation(() => ballot.Close(_clock.GetUtcNow()), "ballot.closed");

        Assert.Same(first, ballot.Result);
        Assert.Equal(Build.Now, ballot.ClosedAt);
    }
}
