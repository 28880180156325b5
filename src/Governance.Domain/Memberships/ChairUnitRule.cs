using Governance.Domain.Common;

namespace Governance.Domain.Memberships;

/// <summary>An operating alliance has exactly one chair unit (理事长单位), which convenes the council.</summary>
public static class ChairUnitRule
{
    public static void EnsureExactlyOneChair(AllianceId alliance, IReadOnlyCollection<Membership> memberships)
    {
        ArgumentNullException.ThrowIfNull(memberships);
        var chairs = memberships.Count(m => m.AllianceId == alliance && m.Role == MembershipRole.ChairUnit
            && m.Status == MembershipStatus.Active);
        if (chairs != 1)
        {
            throw new DomainRuleViolation(
                "alliance.chair-unit-required",
                $"An active alliance needs exactly one active chair unit; it has {chairs}.");
        }
    }

    public static void EnsureNoOtherChair(Membership candidate, IReadOnlyCollection<Membership> memberships)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(memberships);
        if (memberships.Any(m => m.Id != candidate.Id && m.AllianceId == candidate.AllianceId
            && m.Role == MembershipRole.ChairUnit && m.IsCurrentMember))
        {
            throw new DomainRuleViolation(
                "membership.chair-unit-exists", "The alliance already has a chair unit.", "role");
        }
    }
}
