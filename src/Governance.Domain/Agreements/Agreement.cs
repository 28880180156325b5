using Governance.Domain.Common;

namespace Governance.Domain.Agreements;

public enum AgreementKind
{
    /// <summary>联盟协议: signed by every member unit's legal representative.</summary>
    AllianceAgreement,

    /// <summary>入盟协议: the applicant and the chair unit.</summary>
    AccessionAgreement,

    /// <summary>章程签署: the council member units sign an adopted charter version.</summary>
    CharterSigning,
}

public enum AgreementStatus
{
    Draft,
    Signing,
    InForce,
    Declined,
    Expired,
}

public enum SigningOrder
{
    Parallel,
    Sequential,
}

/// <summary>A party whose legal representative must sign.</summary>
public sealed class AgreementParty
{
    internal AgreementParty(OrganizationId organizationId, int order)
    {
        OrganizationId = organizationId;
        Order = order;
    }

    private AgreementParty()
    {
    }

    public OrganizationId OrganizationId { get; private set; }

    /// <summary>Position in a sequential signing round (1-based).</summary>
    public int Order { get; private set; }
}

/// <summary>
/// 联盟协议 and accession agreements: legally binding only once the legal representatives of all
/// required parties have signed the same document (same SHA-256).
/// </summary>
public sealed class Agreement : AggregateRoot
{
    private const string Codes = "agreement";
    private readonly List<AgreementParty> _parties = [];
    private readonly List<Signature> _signatures = [];

    public Agreement(
        AgreementId id,
        AllianceId allianceId,
        AgreementKind kind,
        string title,
        IEnumerable<OrganizationId> parties,
        SigningOrder order,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(parties);
        Guard.Defined(kind, "kind", Codes);
        Guard.Defined(order, "order", Codes);
        Id = id;
        AllianceId = allianceId;
        Kind = kind;
        Title = Guard.Text(title, "title", 300, Codes);
        Order = order;
        var position = 1;
        foreach (var party in parties)
        {
            if (_parties.Any(p => p.OrganizationId == party))
            {
                throw new DomainRuleViolation("agreement.duplicate-party", "A party is listed twice.", "parties");
            }

            _parties.Add(new AgreementParty(party, position++));
        }

        if (_parties.Count == 0)
        {
            throw new DomainRuleViolation("agreement.parties-required", "An agreement needs at least one party.", "parties");
        }

        Status = AgreementStatus.Draft;
        CreatedAt = Guard.Utc(now);
    }

    private Agreement()
    {
        Title = string.Empty;
    }

    public AgreementId Id { get; private set; }

    public AllianceId AllianceId { get; private set; }

    public AgreementKind Kind { get; private set; }

    public string Title { get; private set; }

    public SigningOrder Order { get; private set; }

    public AgreementStatus Status { get; private set; }

    /// <summary>SHA-256 (lower-case hex) of the generated document every party signs.</summary>
    public string? DocumentSha256 { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? SigningDeadline { get; private set; }

    public DateTimeOffset? InForceFrom { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public IReadOnlyList<AgreementParty> Parties => _parties;

    public IReadOnlyList<Signature> Signatures => _signatures;

    public IEnumerable<OrganizationId> OutstandingParties =>
        _parties.Where(p => !_signatures.Any(s => s.OrganizationId == p.OrganizationId && s.Outcome == SignatureOutcome.Signed))
            .OrderBy(p => p.Order)
            .Select(p => p.OrganizationId);

    /// <summary>Freezes the document and opens signing until <paramref name="deadline"/>.</summary>
    public void OpenForSigning(string documentSha256, DateTimeOffset deadline, DateTimeOffset now)
    {
        if (Status != AgreementStatus.Draft)
        {
            throw new DomainRuleViolation("agreement.not-draft", $"Signing opens from Draft; the agreement is {Status}.");
        }

        if (deadline <= now)
        {
            throw new DomainRuleViolation("agreement.deadline-in-past", "The signing deadline must be in the future.", "deadline");
        }

        DocumentSha256 = Sha256Hex.Require(documentSha256, "documentSha256", Codes);
        SigningDeadline = Guard.Utc(deadline);
        Status = AgreementStatus.Signing;
        MarkChanged();
    }

    public Signature Sign(SigningRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var party = EnsureCanAct(request.OrganizationId, now);
        EnsureSameDocument(request);

        if (Order == SigningOrder.Sequential && OutstandingParties.First() != party.OrganizationId)
        {
            throw new DomainRuleViolation(
                "agreement.not-your-turn", "This agreement is signed in order; an earlier party has not signed yet.", "organizationId");
        }

        var signature = Signature.Signed(request, Guard.Utc(now));
        _signatures.Add(signature);
        if (!OutstandingParties.Any())
        {
            Status = AgreementStatus.InForce;
            InForceFrom = signature.At;
            ClosedAt = signature.At;
        }

        MarkChanged();
        return signature;
    }

    /// <summary>A legal representative refuses to sign; the round ends as Declined, with the reason kept.</summary>
    public Signature Decline(SigningRequest request, string reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        EnsureCanAct(request.OrganizationId, now);
        EnsureSameDocument(request);
        var signature = Signature.Declined(request, Guard.Text(reason, "reason", 1000, Codes), Guard.Utc(now));
        _signatures.Add(signature);
        Status = AgreementStatus.Declined;
        ClosedAt = signature.At;
        MarkChanged();
        return signature;
    }

    public void Expire(DateTimeOffset now)
    {
        if (Status != AgreementStatus.Signing)
        {
            throw new DomainRuleViolation("agreement.not-signing", $"Only an agreement being signed can expire; it is {Status}.");
        }

        if (now < SigningDeadline)
        {
            throw new DomainRuleViolation("agreement.deadline-not-reached", "The signing deadline has not passed.");
        }

        Status = AgreementStatus.Expired;
        ClosedAt = Guard.Utc(now);
        MarkChanged();
    }

    // A signature or a refusal is about one exact document: the one whose hash the agreement froze.
    private void EnsureSameDocument(SigningRequest request)
    {
        if (!string.Equals(Sha256Hex.Require(request.DocumentSha256, "documentSha256", Codes), DocumentSha256, StringComparison.Ordinal))
        {
            throw new DomainRuleViolation(
                "agreement.document-mismatch", "The document is not the document of this agreement.", "documentSha256");
        }
    }

    private AgreementParty EnsureCanAct(OrganizationId organization, DateTimeOffset now)
    {
        if (Status != AgreementStatus.Signing)
        {
            throw new DomainRuleViolation("agreement.not-signing", $"The agreement is {Status}; it cannot be signed now.");
        }

        if (now >= SigningDeadline)
        {
            throw new DomainRuleViolation("agreement.deadline-passed", "The signing deadline has passed.");
        }

        var party = _parties.SingleOrDefault(p => p.OrganizationId == organization)
            ?? throw new DomainRuleViolation("agreement.not-a-party", "This organization is not a party to the agreement.", "organizationId");
        if (_signatures.Any(s => s.OrganizationId == organization && s.Outcome == SignatureOutcome.Signed))
        {
            throw new DomainRuleViolation("agreement.already-signed", "This party has already signed.", "organizationId");
        }

        return party;
    }
}
