using Governance.Domain.Common;

namespace Governance.Domain.Charters;

/// <summary>The matters a council decides by ballot; the charter sets a rule for each.</summary>
public enum VotingMatter
{
    General,
    MemberAdmission,
    MemberRemoval,
    CharterAmendment,
    CouncilMemberChange,
    AnnualReport,
    EnterpriseExemption,
    Dissolution,
}

public enum VotingThreshold
{
    /// <summary>More yes than no among the votes cast (abstentions excluded).</summary>
    MajorityOfVotesCast,

    /// <summary>More than half of all eligible voters vote yes.</summary>
    MajorityOfAllEligible,

    /// <summary>At least two-thirds of all eligible voters vote yes.</summary>
    TwoThirdsOfAllEligible,

    /// <summary>Every eligible voter votes yes.</summary>
    Unanimous,
}

/// <summary>A fraction of the eligible voters who must take part (yes, no or abstain) for a result.</summary>
public readonly record struct Quorum
{
    public Quorum(int numerator, int denominator)
    {
        if (denominator <= 0 || numerator < 0 || numerator > denominator)
        {
            throw new DomainRuleViolation(
                "charter.invalid-quorum", $"A quorum must be a fraction between 0 and 1; {numerator}/{denominator} is not.", "quorum");
        }

        Numerator = numerator;
        Denominator = denominator;
    }

    public static Quorum Half => new(1, 2);

    public static Quorum TwoThirds => new(2, 3);

    public int Numerator { get; }

    public int Denominator { get; }

    /// <summary>Whether <paramref name="participants"/> out of <paramref name="eligible"/> meets the quorum.</summary>
    public bool IsMetBy(int participants, int eligible) =>
        eligible > 0 && (long)participants * Denominator >= (long)Numerator * eligible;

    public override string ToString() => $"{Numerator}/{Denominator}";
}

/// <summary>How the council decides one matter.</summary>
public sealed record VotingRule(VotingMatter Matter, Quorum Quorum, VotingThreshold Threshold, bool RecuseInterestedMembers)
{
    // default(Quorum) is 0/0 and never went through the Quorum constructor's check.
    public Quorum Quorum { get; init; } = Quorum.Denominator > 0
        ? Quorum
        : throw new DomainRuleViolation("charter.invalid-quorum", "A voting rule needs a quorum.", "quorum");

    /// <summary>The rule when a charter says nothing about a matter.</summary>
    public static VotingRule DefaultFor(VotingMatter matter) => matter switch
    {
        VotingMatter.CharterAmendment or VotingMatter.MemberRemoval or VotingMatter.Dissolution =>
            new VotingRule(matter, Quorum.TwoThirds, VotingThreshold.TwoThirdsOfAllEligible, true),
        _ => new VotingRule(matter, Quorum.Half, VotingThreshold.MajorityOfVotesCast, true),
    };
}
