using Governance.Domain.Charters;

namespace Governance.Domain.Ballots;

public enum VoteChoice
{
    Yes,
    No,
    Abstain,
}

public enum BallotOutcome
{
    Approved,
    Rejected,
    NoQuorum,
}

/// <summary>The counted result of a ballot, kept with it so the resolution can cite it.</summary>
public sealed record BallotTally(
    int Eligible,
    int Recused,
    int Yes,
    int No,
    int Abstain,
    bool QuorumMet,
    BallotOutcome Outcome)
{
    public int Participants => Yes + No + Abstain;

    /// <summary>
    /// Counts votes under a rule. Recused voters have already left the eligible set; abstentions
    /// count toward the quorum only; with nobody eligible there is no quorum.
    /// </summary>
    /// <param name="rule">The charter's rule for the matter.</param>
    /// <param name="eligibleCount">Eligible voters after recusals.</param>
    /// <param name="recusedCount">Voters recused for a conflict of interest (reported, not counted).</param>
    /// <param name="choices">One choice per eligible voter who voted.</param>
    public static BallotTally Count(VotingRule rule, int eligibleCount, int recusedCount, IEnumerable<VoteChoice> choices)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(choices);
        ArgumentOutOfRangeException.ThrowIfNegative(eligibleCount);
        ArgumentOutOfRangeException.ThrowIfNegative(recusedCount);

        int yes = 0, no = 0, abstain = 0;
        foreach (var choice in choices)
        {
            switch (choice)
            {
                case VoteChoice.Yes: yes++; break;
                case VoteChoice.No: no++; break;
                case VoteChoice.Abstain: abstain++; break;
                default: throw new ArgumentOutOfRangeException(nameof(choices), choice, "Unknown vote choice.");
            }
        }

        if (yes + no + abstain > eligibleCount)
        {
            throw new ArgumentException("More votes than eligible voters.", nameof(choices));
        }

        var quorumMet = rule.Quorum.IsMetBy(yes + no + abstain, eligibleCount);
        return new BallotTally(eligibleCount, recusedCount, yes, no, abstain, quorumMet, OutcomeOf(rule, eligibleCount, yes, no, abstain));
    }

    /// <summary>The outcome of these counts under the rule (no quorum, approved or rejected).</summary>
    public static BallotOutcome OutcomeOf(VotingRule rule, int eligibleCount, int yes, int no, int abstain)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return !rule.Quorum.IsMetBy(yes + no + abstain, eligibleCount)
            ? BallotOutcome.NoQuorum
            : Passes(rule.Threshold, eligibleCount, yes, no) ? BallotOutcome.Approved : BallotOutcome.Rejected;
    }

    private static bool Passes(VotingThreshold threshold, int eligible, int yes, int no) => threshold switch
    {
        VotingThreshold.MajorityOfVotesCast => yes > no,
        VotingThreshold.MajorityOfAllEligible => 2L * yes > eligible,
        VotingThreshold.TwoThirdsOfAllEligible => 3L * yes >= 2L * eligible,
        VotingThreshold.Unanimous => yes == eligible,
        _ => throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "Unknown threshold."),
    };
}
