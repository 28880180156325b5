using System.Globalization;
using Governance.Domain.Alliances;
using Governance.Domain.Common;
using Governance.Domain.Memberships;
using Governance.Domain.Organizations;

namespace Governance.Server.Tests.Builders;

public static class TestData
{
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);
    private static int _serial;

    /// <summary>A well-formed, unique unified social credit code (correct GB 32100 check character).</summary>
    public static string CreditCode(string prefix = "91")
    {
        var serial = Interlocked.Increment(ref _serial);
        var body = (Random.Shared.Next(10_000_000, 89_999_999) + serial).ToString("D8", CultureInfo.InvariantCulture);
        var first17 = prefix + "210100" + body + "1";
        return first17 + UnifiedSocialCreditCode.CheckCharacter(first17);
    }

    public static Organization Organization(
        OrganizationKind kind = OrganizationKind.Enterprise, string? name = null, CreditStatus status = CreditStatus.Good)
    {
        var organization = new Organization(
            OrganizationId.New(), kind, name ?? $"测试单位{Guid.NewGuid():N}"[..12], UnifiedSocialCreditCode.Parse(CreditCode()),
            "沈阳市", "张三", Now);
        if (status != CreditStatus.Good)
        {
            organization.ChangeCreditStatus(status, "测试信用记录", Now);
        }

        return organization;
    }

    public static Alliance Alliance(Organization supervisor, string? name = null) =>
        new(AllianceId.New(), name ?? $"测试联盟{Guid.NewGuid():N}"[..12], "智能制造", AllianceKind.SchoolEnterpriseAlliance, supervisor, Now);

    public static Membership ActiveMember(Alliance alliance, Organization organization, MembershipRole role, List<Membership> others)
    {
        var membership = Governance.Domain.Memberships.Membership.Apply(alliance, organization, role, [], false, Now);
        membership.Admit(Now, others);
        membership.Activate(Now);
        others.Add(membership);
        return membership;
    }
}
