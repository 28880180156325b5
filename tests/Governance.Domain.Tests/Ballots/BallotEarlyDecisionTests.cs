using Governance.Domain.Ballots;
using Governance.Domain.Charters;
using Governance.Domain.Common;
using Governance.Domain.Tests.Builders;

namespace Governance.Domain.Tests.Ballots;

public sealed class BallotEarlyDecisionTests
{
    private static readonly DateTimeOffset Now = Build.Now;

    [Fact]
    public void TwoThirdsOfSeven_FiveYes_DecidedApprovedWhateverTheOtherTwoDo()
    {
        var voters = Build.People(7);
        var ballot = Build.Ballot(Build.Rule(VotingThreshold.TwoThirdsOfAllEligible, 2, 3), voters);
        CastYes(ballot, voters[..4]);
        Assert.Null(ballot.DecidedOutcome());

        ballot.Cast(voters[4], VoteChoice.Yes, Now);

        Assert.Equal(BallotOutcome.Approved, ballot.DecidedOutcome());
    }

    [Fact]
    public void TwoThirds_WithRecusalAllowed_FourYesOfSevenIsNotDecided_BecauseRecusalsShrinkTheBase()
    {
        // 4 of 7 is short of two-thirds, but 4 of 6 (one recusal) is enough, and 4 of 7 can still reach 5.
        var voters = Build.People(7);
        var ballot = Build.Ballot(Build.Rule(VotingThreshold.TwoThirdsOfAllEligible, 2, 3, recuse: true), voters);
        CastYes(ballot, voters[..4]);
        ballot.Cast(voters[4], VoteChoice.No, Now);
        ballot.Cast(voters[5], VoteChoice.No, Now);

        // One outstanding voter: a yes gives 5/7 (approved), a recusal gives 4/6 (approved), a no gives 4/7 (rejected).
        Assert.Null(ballot.DecidedOutcome());
        ballot.Cast(voters[6], VoteChoice.No, Now);
        Assert.Equal(BallotOutcome.Rejected, ballot.DecidedOutcome());
    }

    [Fact]
    public void MajorityOfVotesCast_QuorumNotYetReached_IsNotDecided()
    {
        var voters = Build.People(5);
        var ballot = Build.Ballot(Build.Rule(VotingThreshold.MajorityOfVotesCast, 1, 2), voters);
        CastYes(ballot, voters[..2]);

        // Two of five is below the quorum: silence would mean no quorum, more votes could still approve.
        Assert.Null(ballot.DecidedOutcome());
        ballot.Cast(voters[2], VoteChoice.Yes, Now);

        // Three yes of five: quorum met whatever happens, and no cannot outnumber yes with two voters left.
        Assert.Equal(BallotOutcome.Approved, ballot.DecidedOutcome());
    }

    [Fact]
    public void Unanimous_QuorumMetAndOneNo_DecidedRejectedAtOnce()
    {
        var voters = Build.People(9);
        var ballot = Build.Ballot(Build.Rule(VotingThreshold.Unanimous, 1, 2), voters);
        CastYes(ballot, voters[..5]);
        Assert.Null(ballot.DecidedOutcome());

        ballot.Cast(voters[5], VoteChoice.No, Now);

        Assert.Equal(BallotOutcome.Rejected, ballot.DecidedOutcome());
    }

    [Fact]
    public void EverybodyVoted_DecidedAsCounted()
    {
        var voters = Build.People(3);
        var ballot = Build.Ballot(Build.Rule(VotingThreshold.MajorityOfVotesCast, 1, 2), voters);
        ballot.Cast(voters[0], VoteChoice.Yes, Now);
        ballot.Cast(voters[1], VoteChoice.No, Now);
        ballot.Cast(voters[2], VoteChoice.Abstain, Now);

        Assert.Equal(BallotOutcome.Rejected, ballot.DecidedOutcome());
        Assert.Equal(BallotOutcome.Rejected, ballot.Close(Now).Outcome);
    }

    [Fact]
    public void DecidedOutcome_AgreesWithClose_ForEveryWayTheRemainingVotersCouldVote()
    {
        // Whenever a ballot says it is decided, closing it after any further votes gives that outcome.
        var rules = new[]
        {
            Build.Rule(VotingThreshold.MajorityOfVotesCast, 1, 2),
            Build.Rule(VotingThreshold.MajorityOfAllEligible, 1, 2),
            Build.Rule(VotingThreshold.TwoThirdsOfAllEligible, 2, 3, recuse: true),
            Build.Rule(VotingThreshold.Unanimous, 2, 3),
        };
        var choices = new[] { VoteChoice.Yes, VoteChoice.No, VoteChoice.Abstain };
        var decidedEarly = 0;
        foreach (var rule in rules)
        {
            for (var seed = 0; seed < 200; seed++)
            {
                var random = new Random(seed);
                var voters = Build.People(5);
                var ballot = Build.Ballot(rule, voters);
                var cast = random.Next(0, 6);
                foreach (var voter in voters[..cast])
                {
                    ballot.Cast(voter, choices[random.Next(3)], Now);
                }

                if (ballot.DecidedOutcome() is not { } decided)
                {
                    continue;
                }

                foreach (var voter in voters[cast..])
                {
                    var action = random.Next(5);
                    if (action < 3)
                    {
                        ballot.Cast(voter, choices[action], Now);
                    }
                    else if (action == 3 && rule.RecuseInterestedMembers)
                    {
                        ballot.Recuse(voter, "利益相关", Now);
                    }
                }

                decidedEarly += cast < voters.Length ? 1 : 0;
                Assert.Equal(decided, ballot.Close(Now).Outcome);
            }
        }

        // The check is only worth something if many ballots were decided with voters still outstanding.
        Assert.True(decidedEarly > 100, $"only {decidedEarly} early decisions were exercised");
    }

    private static void CastYes(Ballot ballot, IEnumerable<PersonId> voters)
    {
        foreach (var voter in voters)
        {
            ballot.Cast(voter, VoteChoice.Yes, Now);
        }
    }
}
