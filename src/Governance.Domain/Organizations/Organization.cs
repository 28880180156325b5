using Governance.Domain.Common;

namespace Governance.Domain.Organizations;

public enum OrganizationKind
{
    University,
    VocationalSchool,
    Enterprise,
    ResearchInstitute,
    IndustryAssociation,
    GovernmentAgency,
    Other,
}

/// <summary>信用状态: a barred organization cannot apply to an alliance (信用奖惩).</summary>
public enum CreditStatus
{
    Good,
    Warned,
    Barred,
}

/// <summary>单位: an independent legal person that can join alliances.</summary>
public sealed class Organization : AggregateRoot
{
    private const string Codes = "organization";

    public Organization(
        OrganizationId id,
        OrganizationKind kind,
        string name,
        UnifiedSocialCreditCode creditCode,
        string region,
        string legalRepresentativeName,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(creditCode);
        Guard.Defined(kind, "kind", Codes);
        Id = id;
        Kind = kind;
        Name = Guard.Text(name, "name", 200, Codes);
        CreditCode = creditCode;
        Region = Guard.Text(region, "region", 100, Codes);
        LegalRepresentativeName = Guard.Text(legalRepresentativeName, "legalRepresentativeName", 100, Codes);
        CreditStatus = CreditStatus.Good;
        CreatedAt = Guard.Utc(now);
        UpdatedAt = CreatedAt;
    }

    private Organization()
    {
        Name = string.Empty;
        CreditCode = null!;
        Region = string.Empty;
        LegalRepresentativeName = string.Empty;
    }

    public OrganizationId Id { get; private set; }

    public OrganizationKind Kind { get; private set; }

    public string Name { get; private set; }

    public UnifiedSocialCreditCode CreditCode { get; private set; }

    public string Region { get; private set; }

    /// <summary>The legal representative's name as registered (法定代表人).</summary>
    public string LegalRepresentativeName { get; private set; }

    /// <summary>The platform account of the legal representative, once known.</summary>
    public PersonId? LegalRepresentativeId { get; private set; }

    /// <summary>联络员: submits applications and annual contributions for this organization.</summary>
    public PersonId? LiaisonId { get; private set; }

    public CreditStatus CreditStatus { get; private set; }

    public string? CreditStatusReason { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public bool IsSchool => Kind is OrganizationKind.University or OrganizationKind.VocationalSchool;

    public void Rename(string name, string region, DateTimeOffset now)
    {
        Name = Guard.Text(name, "name", 200, Codes);
        Region = Guard.Text(region, "region", 100, Codes);
        Touch(now);
    }

    public void AssignLegalRepresentative(string name, PersonId? person, DateTimeOffset now)
    {
        LegalRepresentativeName = Guard.Text(name, "legalRepresentativeName", 100, Codes);
        LegalRepresentativeId = person;
        Touch(now);
    }

    public void AssignLiaison(PersonId? person, DateTimeOffset now)
    {
        LiaisonId = person;
        Touch(now);
    }

    /// <summary>Records a credit decision; a downgrade needs a reason that later documents can cite.</summary>
    public void ChangeCreditStatus(CreditStatus status, string? reason, DateTimeOffset now)
    {
        Guard.Defined(status, "creditStatus", Codes);
        if (status != CreditStatus.Good && string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainRuleViolation(
                "organization.credit-reason-required", "A credit downgrade needs a reason.", "reason");
        }

        CreditStatus = status;
        CreditStatusReason = Guard.OptionalText(reason, "reason", 500, Codes);
        Touch(now);
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = Guard.Utc(now);
        MarkChanged();
    }
}
