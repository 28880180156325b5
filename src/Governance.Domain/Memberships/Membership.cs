using Governance.Domain.Alliances;
using Governance.Domain.Common;
using Governance.Domain.Organizations;

namespace Governance.Domain.Memberships;

public enum MembershipRole
{
    /// <summary>理事长单位</summary>
    ChairUnit,

    /// <summary>副理事长单位</summary>
    ViceChairUnit,

    /// <summary>理事单位</summary>
    CouncilMemberUnit,

    /// <summary>成员单位</summary>
    MemberUnit,

    /// <summary>特邀成员</summary>
    InvitedMember,
}

/// <summary>Applied → Admitted → Active → Exiting → Exited | Removed; an application can also be rejected.</summary>
public enum MembershipStatus
{
    Applied,
    Rejected,
    Admitted,
    Active,
    Exiting,
    Exited,
    Removed,
}

/// <summary>An organization's membership of one alliance.</summary>
public sealed class Membership : AggregateRoot
{
    private const string Codes = "membership";

    private Membership(
        MembershipId id, AllianceId allianceId, OrganizationId organizationId, MembershipRole role,
        bool enterpriseExemption, DateTimeOffset now)
    {
        Id = id;
        AllianceId = allianceId;
        OrganizationId = organizationId;
        Role = role;
        EnterpriseExemption = enterpriseExemption;
        Status = MembershipStatus.Applied;
        AppliedAt = now;
        StatusChangedAt = now;
        ActiveKey = KeyFor(allianceId, organizationId);
    }

    private Membership()
    {
    }

    public MembershipId Id { get; private set; }

    public AllianceId AllianceId { get; private set; }

    public OrganizationId OrganizationId { get; private set; }

    public MembershipRole Role { get; private set; }

    public MembershipStatus Status { get; private set; }

    /// <summary>The council granted this enterprise a second alliance (one-alliance rule exemption).</summary>
    public bool EnterpriseExemption { get; private set; }

    public string? StatusReason { get; private set; }

    public DateTimeOffset AppliedAt { get; private set; }

    public DateTimeOffset StatusChangedAt { get; private set; }

    /// <summary>
    /// "alliance:organization" while the membership is open, null once it has ended. A unique index
    /// on it makes a second open membership of the same pair impossible even under concurrent requests.
    /// </summary>
    public string? ActiveKey { get; private set; }

    /// <summary>Applied, Admitted, Active or Exiting: the membership has not ended.</summary>
    public bool IsOpen => Status is MembershipStatus.Applied or MembershipStatus.Admitted
        or MembershipStatus.Active or MembershipStatus.Exiting;

    /// <summary>Admitted, Active or Exiting: the organization is (still) a member unit.</summary>
    public bool IsCurrentMember => Status is MembershipStatus.Admitted or MembershipStatus.Active
        or MembershipStatus.Exiting;

    /// <summary>
    /// Opens an application after checking the rules of the source texts: a barred organization cannot
    /// apply; no second open membership of one alliance; a school may belong to several alliances, an
    /// enterprise normally to one (a second needs an exemption decided by the council).
    /// </summary>
    /// <param name="existingOfOrganization">Every membership of the applicant, in any alliance.</param>
    public static Membership Apply(
        Alliance alliance,
        Organization applicant,
        MembershipRole role,
        IReadOnlyCollection<Membership> existingOfOrganization,
        bool enterpriseExemption,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alliance);
        ArgumentNullException.ThrowIfNull(applicant);
        ArgumentNullException.ThrowIfNull(existingOfOrganization);
        Guard.Defined(role, "role", Codes);

        if (alliance.Status is AllianceStatus.Rejected or AllianceStatus.Dissolving or AllianceStatus.Dissolved
            or AllianceStatus.Suspended)
        {
            throw new DomainRuleViolation(
                "membership.alliance-not-admitting", $"The alliance is {alliance.Status} and admits no members.", "allianceId");
        }

        if (applicant.CreditStatus == CreditStatus.Barred)
        {
            throw new DomainRuleViolation(
                "membership.organization-barred",
                "The organization is barred by its credit record (信用奖惩) and cannot apply.",
                "organizationId");
        }

        if (applicant.Kind == OrganizationKind.GovernmentAgency)
        {
            throw new DomainRuleViolation(
                "membership.government-agency-not-member",
                "A government agency supervises alliances; it is not a member unit.",
                "organizationId");
        }

        if (existingOfOrganization.Any(m => m.OrganizationId != applicant.Id))
        {
            throw new ArgumentException("Only the applicant's memberships may be passed.", nameof(existingOfOrganization));
        }

        if (existingOfOrganization.Any(m => m.AllianceId == alliance.Id && m.IsOpen))
        {
            throw new DomainRuleViolation(
                "membership.duplicate", "The organization already has an open membership of this alliance.", "organizationId");
        }

        if (applicant.Kind == OrganizationKind.Enterprise && !enterpriseExemption
            && existingOfOrganization.Any(m => m.AllianceId != alliance.Id && m.IsOpen))
        {
            throw new DomainRuleViolation(
                "membership.enterprise-already-in-alliance",
                "An enterprise normally belongs to one alliance; a second needs an exemption decided by the council.",
                "organizationId");
        }

        return new Membership(
            MembershipId.New(), alliance.Id, applicant.Id, role,
            enterpriseExemption && applicant.Kind == OrganizationKind.Enterprise, Guard.Utc(now));
    }

    public void Admit(DateTimeOffset now, IReadOnlyCollection<Membership> allianceMemberships)
    {
        if (Status == MembershipStatus.Applied && Role == MembershipRole.ChairUnit)
        {
            ChairUnitRule.EnsureNoOtherChair(this, allianceMemberships);
        }

        Move(MembershipStatus.Applied, MembershipStatus.Admitted, null, now);
    }

    public void Reject(string reason, DateTimeOffset now) =>
        Move(MembershipStatus.Applied, MembershipStatus.Rejected, RequireReason(reason), now);

    /// <summary>Takes effect once the accession agreement is signed.</summary>
    public void Activate(DateTimeOffset now) => Move(MembershipStatus.Admitted, MembershipStatus.Active, null, now);

    public void StartExit(string reason, DateTimeOffset now)
    {
        if (Status is not (MembershipStatus.Active or MembershipStatus.Admitted))
        {
            throw Invalid(MembershipStatus.Exiting);
        }

        Set(MembershipStatus.Exiting, RequireReason(reason), now);
    }

    public void CompleteExit(DateTimeOffset now) => Move(MembershipStatus.Exiting, MembershipStatus.Exited, StatusReason, now);

    /// <summary>罢免 / removal, decided by the council or forced by a credit downgrade.</summary>
    public void Remove(string reason, DateTimeOffset now)
    {
        if (!IsCurrentMember)
        {
            throw Invalid(MembershipStatus.Removed);
        }

        Set(MembershipStatus.Removed, RequireReason(reason), now);
    }

    public void ChangeRole(MembershipRole role, IReadOnlyCollection<Membership> allianceMemberships, DateTimeOffset now)
    {
        Guard.Defined(role, "role", Codes);
        if (!IsCurrentMember)
        {
            throw new DomainRuleViolation("membership.not-current", "Only a current member's role can change.", "role");
        }

        if (role == MembershipRole.ChairUnit && Role != MembershipRole.ChairUnit)
        {
            ChairUnitRule.EnsureNoOtherChair(this, allianceMemberships);
        }

        Role = role;
        StatusChangedAt = Guard.Utc(now);
        MarkChanged();
    }

    internal static string KeyFor(AllianceId alliance, OrganizationId organization) => $"{alliance.Value:N}:{organization.Value:N}";

    private static string RequireReason(string reason) =>
        string.IsNullOrWhiteSpace(reason)
            ? throw new DomainRuleViolation("membership.reason-required", "A reason is required.", "reason")
            : Guard.Text(reason, "reason", 1000, Codes);

    private void Move(MembershipStatus from, MembershipStatus to, string? reason, DateTimeOffset now)
    {
        if (Status != from)
        {
            throw Invalid(to);
        }

        Set(to, reason, now);
    }

    private void Set(MembershipStatus to, string? reason, DateTimeOffset now)
    {
        // Check everything before changing anything: a rejected request leaves the membership as it was.
        var checkedReason = reason is null ? null : Guard.Text(reason, "reason", 1000, Codes);
        Status = to;
        StatusReason = checkedReason;
        StatusChangedAt = Guard.Utc(now);
        ActiveKey = IsOpen ? KeyFor(AllianceId, OrganizationId) : null;
        MarkChanged();
    }

    private DomainRuleViolation Invalid(MembershipStatus to) =>
        new("membership.invalid-status-transition", $"A membership cannot move from {Status} to {to}.", "status");
}
