using Governance.Domain.Memberships;

namespace Governance.Server.Features.Memberships;

public sealed record MembershipResponse(
    Guid Id,
    Guid AllianceId,
    Guid OrganizationId,
    string? OrganizationName,
    MembershipRole Role,
    MembershipStatus Status,
    bool EnterpriseExemption,
    string? StatusReason,
    DateTimeOffset AppliedAt,
    DateTimeOffset StatusChangedAt,
    int Version)
{
    public static MembershipResponse From(Membership membership) => From(membership, null);

    public static MembershipResponse From(Membership membership, string? organizationName)
    {
        ArgumentNullException.ThrowIfNull(membership);
        return new(
            membership.Id.Value,
            membership.AllianceId.Value,
            membership.OrganizationId.Value,
            organizationName,
            membership.Role,
            membership.Status,
            membership.EnterpriseExemption,
            membership.StatusReason,
            membership.AppliedAt,
            membership.StatusChangedAt,
            membership.Version);
    }
}
