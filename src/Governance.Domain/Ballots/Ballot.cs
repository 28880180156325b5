using Governance.Domain.Charters;
using Governance.Domain.Common;

namespace Governance.Domain.Ballots;

public enum BallotStatus
{
    Open,
    Closed,
}

public sealed class Vote
{
    internal Vote(PersonId voterId, VoteChoice choice, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        VoterId = voterId;
        Choice = choice;
        CastAt = at;
        ChangedAt = at;
    }

    private Vote()
    {
    }

    public Guid Id { get; private set; }

    public PersonId VoterId { get; private set; }

    public VoteChoice Choice { get; private set; }

    public DateTimeOffset CastAt { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }

    internal void Change(VoteChoice choice, DateTimeOffset at)
    {
        Choice = choice;
        ChangedAt = at;
    }
}

public sealed class BallotVoter
{
    internal BallotVoter(PersonId personId, OrganizationId? organizationId)
    {
        PersonId = personId;
        OrganizationId = organizationId;
    }

    private BallotVoter()
    {
    }

    public PersonId PersonId { get; private set; }

    /// <summary>The member unit the voter sits for (a recusal follows the unit's interest).</summary>
    public OrganizationId? OrganizationId { get; private set; }

    public bool Recused { get; private set; }

    public string? RecusalReason { get; private set; }

    internal void Recuse(string reason)
    {
        Recused = true;
        RecusalReason = reason;
    }
}

/// <summary>
/// 表决: a council ballot on one matter under the charter's rule for it. One vote per eligible voter,
/// changeable until the ballot closes; recused voters leave the eligible set.
/// </summary>
public sealed class Ballot : AggregateRoot
{
    private const string Codes = "ballot";

    // Above this many outstanding voters an early decision is not searched for (the ballot runs to its deadline or the last vote).
    private const int MaxOutstandingForEarlyDecision = 60;
    private readonly List<BallotVoter> _voters = [];
    private readonly List<Vote> _votes = [];

    public Ballot(
        BallotId id,
        AllianceId allianceId,
        string subject,
        VotingRule rule,
        IEnumerable<(PersonId Person, OrganizationId? Organization)> eligibleVoters,
        DateTimeOffset deadline,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(eligibleVoters);
        if (deadline <= now)
        {
            throw new DomainRuleViolation("ballot.deadline-in-past", "The ballot deadline must be in the future.", "deadline");
        }

        Id = id;
        AllianceId = allianceId;
        Subject = Guard.Text(subject, "subject", 500, Codes);
        Rule = rule;
        foreach (var (person, organization) in eligibleVoters)
        {
            if (_voters.Any(v => v.PersonId == person))
            {
                throw new DomainRuleViolation("ballot.duplicate-voter", "A voter is listed twice.", "eligibleVoters");
            }

            _voters.Add(new BallotVoter(person, organization));
        }

        Deadline = Guard.Utc(deadline);
        OpenedAt = Guard.Utc(now);
        Status = BallotStatus.Open;
    }

    private Ballot()
    {
        Subject = string.Empty;
        Rule = null!;
    }

    public BallotId Id { get; private set; }

    public AllianceId AllianceId { get; private set; }

    public string Subject { get; private set; }

    public VotingMatter Matter => Rule.Matter;

    /// <summary>A copy of the charter's rule at the time the ballot opened.</summary>
    public VotingRule Rule { get; private set; }

    public BallotStatus Status { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    public DateTimeOffset Deadline { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public BallotTally? Result { get; private set; }

    public IReadOnlyList<BallotVoter> Voters => _voters;

    public IReadOnlyList<Vote> Votes => _votes;

    public void Cast(PersonId voter, VoteChoice choice, DateTimeOffset now)
    {
        Guard.Defined(choice, "choice", Codes);
        EnsureOpen(now);
        var entry = EligibleVoter(voter);
        if (entry.Recused)
        {
            throw new DomainRuleViolation("ballot.voter-recused", "A recused voter cannot vote on this matter.", "voter");
        }

        var existing = _votes.SingleOrDefault(v => v.VoterId == voter);
        if (existing is null)
        {
            _votes.Add(new Vote(voter, choice, Guard.Utc(now)));
        }
        else
        {
            existing.Change(choice, Guard.Utc(now));
        }

        MarkChanged();
    }

    /// <summary>A voter declares a conflict of interest; any vote already cast is withdrawn.</summary>
    public void Recuse(PersonId voter, string reason, DateTimeOffset now)
    {
        EnsureOpen(now);
        var entry = EligibleVoter(voter);
        if (entry.Recused)
        {
            return;
        }

        if (!Rule.RecuseInterestedMembers)
        {
            throw new DomainRuleViolation(
                "ballot.recusal-not-allowed", "The charter's rule for this matter has no recusal.", "voter");
        }

        entry.Recuse(Guard.Text(reason, "reason", 500, Codes));
        _votes.RemoveAll(v => v.VoterId == voter);
        MarkChanged();
    }

    /// <summary>Counts the votes under the rule and closes the ballot; its result cannot change after.</summary>
    public BallotTally Close(DateTimeOffset now)
    {
        if (Status == BallotStatus.Closed)
        {
            throw new DomainRuleViolation("ballot.closed", "The ballot is already closed.");
        }

        var eligible = _voters.Count(v => !v.Recused);
        var recused = _voters.Count - eligible;
        Result = BallotTally.Count(Rule, eligible, recused, _votes.Select(v => v.Choice));
        Status = BallotStatus.Closed;
        ClosedAt = Guard.Utc(now);
        MarkChanged();
        return Result;
    }

    public bool IsPastDeadline(DateTimeOffset now) => now >= Deadline;

    /// <summary>
    /// The outcome, if nothing the outstanding voters can still do (vote yes, no or abstain, stay
    /// silent, or declare a conflict where the rule allows it) could change it; otherwise null. An open
    /// ballot whose result is decided may be closed before its deadline. Votes already cast count as
    /// they stand (they can be changed only until the ballot closes).
    /// </summary>
    public BallotOutcome? DecidedOutcome()
    {
        var eligible = _voters.Where(v => !v.Recused).ToList();
        var outstanding = eligible.Count(v => _votes.All(vote => vote.VoterId != v.PersonId));
        int yes = _votes.Count(v => v.Choice == VoteChoice.Yes), no = _votes.Count(v => v.Choice == VoteChoice.No);
        var abstain = _votes.Count - yes - no;
        var current = BallotTally.OutcomeOf(Rule, eligible.Count, yes, no, abstain);
        if (outstanding == 0)
        {
            return current;
        }

        if (outstanding > MaxOutstandingForEarlyDecision)
        {
            return null;
        }

        // Every split of the outstanding voters into yes / no / abstain / recused / silent.
        var mayRecuse = Rule.RecuseInterestedMembers;
        for (var y = 0; y <= outstanding; y++)
        {
            for (var n = 0; n <= outstanding - y; n++)
            {
                for (var a = 0; a <= outstanding - y - n; a++)
                {
                    for (var r = 0; r <= (mayRecuse ? outstanding - y - n - a : 0); r++)
                    {
                        if (BallotTally.OutcomeOf(Rule, eligible.Count - r, yes + y, no + n, abstain + a) != current)
                        {
                            return null;
                        }
                    }
                }
            }
        }

        return current;
    }

    private void EnsureOpen(DateTimeOffset now)
    {
        if (Status == BallotStatus.Closed)
        {
            throw new DomainRuleViolation("ballot.closed", "The ballot is closed.");
        }

        if (IsPastDeadline(now))
        {
            throw new DomainRuleViolation("ballot.deadline-passed", "The ballot's deadline has passed.");
        }
    }

    private BallotVoter EligibleVoter(PersonId voter) =>
        _voters.SingleOrDefault(v => v.PersonId == voter)
        ?? throw new DomainRuleViolation("ballot.not-eligible", "This person is not an eligible voter of the ballot.", "voter");
}
