using Governance.Domain.Common;

namespace Governance.Domain.Charters;

public enum CharterStatus
{
    Draft,
    Adopted,
    InForce,
    Superseded,
}

public sealed class CharterSection
{
    internal CharterSection(int number, string title, string body)
    {
        Number = number;
        Title = title;
        Body = body;
    }

    private CharterSection()
    {
        Title = string.Empty;
        Body = string.Empty;
    }

    public int Number { get; private set; }

    public string Title { get; private set; }

    public string Body { get; private set; }
}

/// <summary>
/// 章程: one version of an alliance's charter. A version takes effect only after the council adopted
/// it by vote and the council member units signed it.
/// </summary>
public sealed class Charter : AggregateRoot
{
    private const string Codes = "charter";
    private readonly List<CharterSection> _sections = [];
    private readonly List<VotingRule> _votingRules = [];

    public Charter(
        CharterId id,
        AllianceId allianceId,
        int versionNumber,
        string title,
        IEnumerable<(string Title, string Body)> sections,
        IEnumerable<VotingRule> votingRules,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(sections);
        ArgumentNullException.ThrowIfNull(votingRules);
        if (versionNumber < 1)
        {
            throw new DomainRuleViolation("charter.invalid-version", "Charter versions start at 1.", "versionNumber");
        }

        Id = id;
        AllianceId = allianceId;
        VersionNumber = versionNumber;
        Title = Guard.Text(title, "title", 200, Codes);
        var number = 1;
        foreach (var (sectionTitle, body) in sections)
        {
            _sections.Add(new CharterSection(
                number++, Guard.Text(sectionTitle, "sectionTitle", 200, Codes), Guard.Text(body, "sectionBody", 20_000, Codes)));
        }

        if (_sections.Count == 0)
        {
            throw new DomainRuleViolation("charter.sections-required", "A charter needs at least one section.", "sections");
        }

        foreach (var rule in votingRules)
        {
            if (_votingRules.Any(r => r.Matter == rule.Matter))
            {
                throw new DomainRuleViolation(
                    "charter.duplicate-voting-rule", $"The charter has two voting rules for {rule.Matter}.", "votingRules");
            }

            _votingRules.Add(rule);
        }

        Status = CharterStatus.Draft;
        CreatedAt = Guard.Utc(now);
    }

    private Charter()
    {
        Title = string.Empty;
    }

    public CharterId Id { get; private set; }

    public AllianceId AllianceId { get; private set; }

    public int VersionNumber { get; private set; }

    public string Title { get; private set; }

    public CharterStatus Status { get; private set; }

    public BallotId? AdoptedByBallotId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? AdoptedAt { get; private set; }

    public DateTimeOffset? InForceFrom { get; private set; }

    public DateTimeOffset? SupersededAt { get; private set; }

    public IReadOnlyList<CharterSection> Sections => _sections;

    public IReadOnlyList<VotingRule> VotingRules => _votingRules;

    /// <summary>The charter's rule for a matter, or the default when it says nothing.</summary>
    public VotingRule RuleFor(VotingMatter matter) =>
        _votingRules.FirstOrDefault(r => r.Matter == matter) ?? VotingRule.DefaultFor(matter);

    public void MarkAdopted(BallotId ballot, DateTimeOffset now)
    {
        if (Status != CharterStatus.Draft)
        {
            throw new DomainRuleViolation("charter.not-draft", $"Only a draft can be adopted; this version is {Status}.");
        }

        Status = CharterStatus.Adopted;
        AdoptedByBallotId = ballot;
        AdoptedAt = Guard.Utc(now);
        MarkChanged();
    }

    /// <summary>Puts an adopted (and signed) version in force and supersedes the one before it.</summary>
    public void PutInForce(Charter? previous, DateTimeOffset now)
    {
        if (Status != CharterStatus.Adopted)
        {
            throw new DomainRuleViolation(
                "charter.not-adopted", "A charter version takes effect only after adoption by vote and signing.");
        }

        if (previous is not null)
        {
            if (previous.AllianceId != AllianceId || previous.Status != CharterStatus.InForce)
            {
                throw new DomainRuleViolation("charter.previous-not-in-force", "Only the version in force can be superseded.");
            }

            previous.Status = CharterStatus.Superseded;
            previous.SupersededAt = Guard.Utc(now);
            previous.MarkChanged();
        }

        Status = CharterStatus.InForce;
        InForceFrom = Guard.Utc(now);
        MarkChanged();
    }

    /// <summary>The founding charter comes into force with the alliance itself (approved at founding).</summary>
    public void PutInForceAtFounding(DateTimeOffset now)
    {
        if (Status != CharterStatus.Draft || VersionNumber != 1)
        {
            throw new DomainRuleViolation("charter.not-founding-draft", "Only the draft of version 1 comes into force at founding.");
        }

        Status = CharterStatus.InForce;
        AdoptedAt = Guard.Utc(now);
        InForceFrom = AdoptedAt;
        MarkChanged();
    }
}
