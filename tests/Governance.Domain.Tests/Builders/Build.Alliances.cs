using Governance.Domain.Alliances;
using Governance.Domain.Common;
using Governance.Domain.Memberships;
using Governance.Domain.Organizations;
using MembershipAggregate = Governance.Domain.Memberships.Membership;

namespace Governance.Domain.Tests.Builders;

internal static partial class Build
{
    /// <summary>An alliance brought to <paramref name="status"/> along the legal path.</summary>
    public static Alliance Alliance(AllianceStatus status = AllianceStatus.Proposed) => AllianceWithChair(status).Alliance;

    /// <summary>
    /// An alliance brought to <paramref name="status"/>, with the active chair unit membership that lets it
    /// become Active (created while the alliance still admitted members).
    /// </summary>
    public static (Alliance Alliance, MembershipAggregate Chair) AllianceWithChair(AllianceStatus status = AllianceStatus.Founded)
    {
        var alliance = new Alliance(
            AllianceId.New(), "福州软件产教联盟", "软件与信息服务", AllianceKind.IndustryEducationAlliance, GovernmentAgency(), Now);
        var chair = Membership(alliance, School(), MembershipRole.ChairUnit);
        foreach (var step in PathTo(status))
        {
            alliance.MoveTo(step, "理事会决议", Now, [chair]);
        }

        return (alliance, chair);
    }

    /// <summary>A membership of <paramref name="alliance"/> brought to <paramref name="status"/> along the legal path.</summary>
    public static MembershipAggregate Membership(
        Alliance alliance,
        Organization? organization = null,
        MembershipRole role = MembershipRole.MemberUnit,
        MembershipStatus status = MembershipStatus.Active)
    {
        var membership = MembershipAggregate.Apply(alliance, organization ?? Enterprise(), role, [], false, Now);
        switch (status)
        {
            case MembershipStatus.Applied:
                break;
            case MembershipStatus.Rejected:
                membership.Reject("材料不全", Now);
                break;
            case MembershipStatus.Admitted:
                membership.Admit(Now, []);
                break;
            case MembershipStatus.Active:
                membership.Admit(Now, []);
                membership.Activate(Now);
                break;
            case MembershipStatus.Exiting:
                membership.Admit(Now, []);
                membership.Activate(Now);
                membership.StartExit("主动退出", Now);
                break;
            case MembershipStatus.Exited:
                membership.Admit(Now, []);
                membership.Activate(Now);
                membership.StartExit("主动退出", Now);
                membership.CompleteExit(Now);
                break;
            case MembershipStatus.Removed:
                membership.Admit(Now, []);
                membership.Activate(Now);
                membership.Remove("严重违反章程", Now);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown membership status.");
        }

        return membership;
    }

    private static AllianceStatus[] PathTo(AllianceStatus status) => status switch
    {
        AllianceStatus.Proposed => [],
        AllianceStatus.UnderReview => [AllianceStatus.UnderReview],
        AllianceStatus.Rejected => [AllianceStatus.UnderReview, AllianceStatus.Rejected],
        AllianceStatus.Founded => [AllianceStatus.UnderReview, AllianceStatus.Founded],
        AllianceStatus.Active => [AllianceStatus.UnderReview, AllianceStatus.Founded, AllianceStatus.Active],
        AllianceStatus.Suspended =>
            [AllianceStatus.UnderReview, AllianceStatus.Founded, AllianceStatus.Active, AllianceStatus.Suspended],
        AllianceStatus.Dissolving => [AllianceStatus.UnderReview, AllianceStatus.Founded, AllianceStatus.Dissolving],
        AllianceStatus.Dissolved =>
            [AllianceStatus.UnderReview, AllianceStatus.Founded, AllianceStatus.Dissolving, AllianceStatus.Dissolved],
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown alliance status."),
    };
}
