using Governance.Domain.Alliances;
using Governance.Domain.Common;
using Governance.Domain.Memberships;
using Governance.Domain.Organizations;
using Governance.Domain.People;
using Governance.Server.Tests.Builders;
using Governance.Server.Tests.Infrastructure;

namespace Governance.Server.Tests.Access;

/// <summary>
/// Two alliances under two departments, each with a chair unit and a member enterprise, stored
/// directly; and a department's alliance under review. The people of the tests are made per test.
/// </summary>
public sealed record TwoAlliances(
    Organization DepartmentA, Organization DepartmentB, Alliance A, Alliance B, Alliance UnderReview,
    Organization ChairUnitA, Organization MemberA, Organization ChairUnitB, Organization MemberB, Organization Unaffiliated,
    Membership MembershipA, Membership MembershipB)
{
    public static async Task<TwoAlliances> SeedAsync(GovernanceApiFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var departmentA = TestData.Organization(OrganizationKind.GovernmentAgency, "甲省教育厅");
        var departmentB = TestData.Organization(OrganizationKind.GovernmentAgency, "乙省教育厅");
        var chairA = TestData.Organization(OrganizationKind.University, "甲大学");
        var memberA = TestData.Organization(OrganizationKind.Enterprise, "甲企业");
        var chairB = TestData.Organization(OrganizationKind.University, "乙大学");
        var memberB = TestData.Organization(OrganizationKind.Enterprise, "乙企业");
        var unaffiliated = TestData.Organization(OrganizationKind.Enterprise, "丙企业");
        var a = TestData.Alliance(departmentA, "甲联盟");
        var b = TestData.Alliance(departmentB, "乙联盟");
        var underReview = TestData.Alliance(departmentA, "甲省待审联盟");
        underReview.MoveTo(AllianceStatus.UnderReview, null, TestData.Now);
        var membershipsA = new List<Membership>();
        var membershipsB = new List<Membership>();
        foreach (var alliance in new[] { a, b })
        {
            alliance.MoveTo(AllianceStatus.UnderReview, null, TestData.Now);
            alliance.MoveTo(AllianceStatus.Founded, null, TestData.Now);
        }

        TestData.ActiveMember(a, chairA, MembershipRole.ChairUnit, membershipsA);
        var membershipA = TestData.ActiveMember(a, memberA, MembershipRole.MemberUnit, membershipsA);
        TestData.ActiveMember(b, chairB, MembershipRole.ChairUnit, membershipsB);
        var membershipB = TestData.ActiveMember(b, memberB, MembershipRole.MemberUnit, membershipsB);

        await using var scope = factory.Scope();
        var db = GovernanceApiFactory.Db(scope);
        db.Organizations.AddRange(departmentA, departmentB, chairA, memberA, chairB, memberB, unaffiliated);
        db.Alliances.AddRange(a, b, underReview);
        db.Memberships.AddRange(membershipsA.Concat(membershipsB));
        await db.SaveChangesAsync();
        return new TwoAlliances(departmentA, departmentB, a, b, underReview, chairA, memberA, chairB, memberB, unaffiliated, membershipA, membershipB);
    }

    public static (Role, RoleScope, DateTimeOffset?) In(AllianceId alliance, Role role, DateTimeOffset? until = null) =>
        (role, RoleScope.Alliance(alliance), until);

    public static (Role, RoleScope, DateTimeOffset?) For(OrganizationId organization, Role role, DateTimeOffset? until = null) =>
        (role, RoleScope.Organization(organization), until);
}
