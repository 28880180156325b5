using Governance.Domain.Alliances;
using Governance.Domain.Common;
using Governance.Domain.Memberships;
using Governance.Domain.Organizations;
using Governance.Domain.Tests.Builders;
using Governance.Domain.Tests.Support;

namespace Governance.Domain.Tests.Alliances;

public sealed class AllianceTests
{
    [Fact]
    public void Constructor_GovernmentSupervisor_ProposedUnderThatDepartment()
    {
        var department = Build.GovernmentAgency();

        var alliance = new Alliance(
            AllianceId.New(), " 闽江产教联盟 ", "先进制造", AllianceKind.SchoolEnterpriseAlliance, department, Build.Now);

        Assert.Equal(AllianceStatus.Proposed, alliance.Status);
        Assert.Equal(department.Id, alliance.SupervisingDepartmentId);
        Assert.Equal("闽江产教联盟", alliance.Name);
        Assert.Equal(0, alliance.Version);
    }

    [Theory]
    [InlineData(OrganizationKind.University)]
    [InlineData(OrganizationKind.VocationalSchool)]
    [InlineData(OrganizationKind.Enterprise)]
    [InlineData(OrganizationKind.ResearchInstitute)]
    [InlineData(OrganizationKind.IndustryAssociation)]
    [InlineData(OrganizationKind.Other)]
    public void Constructor_SupervisorNotGovernmentAgency_Rejected(OrganizationKind kind)
    {
        var supervisor = Build.Organization(kind);

        Expect.Violation(
            () => new Alliance(AllianceId.New(), "联盟", "先进制造", AllianceKind.SchoolEnterpriseAlliance, supervisor, Build.Now),
            "alliance.supervisor-not-government",
            "supervisingDepartmentId");
    }

    [Fact]
    public void MoveToActive_NoMemberships_ChairUnitRequired()
    {
        var alliance = Build.Alliance(AllianceStatus.Founded);

        Expect.Violation(() => alliance.MoveTo(AllianceStatus.Active, null, Build.Now, []), "alliance.chair-unit-required");

        Assert.Equal(AllianceStatus.Founded, alliance.Status);
    }

    [Fact]
    public void MoveToActive_MembershipsOmitted_ChairUnitRequired()
    {
        var alliance = Build.Alliance(AllianceStatus.Founded);

        Expect.Violation(() => alliance.MoveTo(AllianceStatus.Active, null, Build.Now), "alliance.chair-unit-required");
    }

    [Fact]
    public void MoveToActive_OnlyOrdinaryActiveMembers_ChairUnitRequired()
    {
        var alliance = Build.Alliance(AllianceStatus.Founded);
        var members = new[]
        {
            Build.Membership(alliance, role: MembershipRole.ViceChairUnit),
            Build.Membership(alliance, role: MembershipRole.CouncilMemberUnit),
        };

        Expect.Violation(() => alliance.MoveTo(AllianceStatus.Active, null, Build.Now, members), "alliance.chair-unit-required");
    }

    [Fact]
    public void MoveToActive_ExactlyOneActiveChair_Activates()
    {
        var alliance = Build.Alliance(AllianceStatus.Founded);
        var members = new[]
        {
            Build.Membership(alliance, Build.School(), MembershipRole.ChairUnit),
            Build.Membership(alliance, role: MembershipRole.MemberUnit),
        };

        alliance.MoveTo(AllianceStatus.Active, null, Build.Now, members);

        Assert.Equal(AllianceStatus.Active, alliance.Status);
    }

    [Fact]
    public void MoveToActive_TwoActiveChairs_ChairUnitRequired()
    {
        var alliance = Build.Alliance(AllianceStatus.Founded);
        var members = new[]
        {
            Build.Membership(alliance, Build.School(), MembershipRole.ChairUnit),
            Build.Membership(alliance, Build.School(), MembershipRole.ChairUnit),
        };

        Expect.Violation(() => alliance.MoveTo(AllianceStatus.Active, null, Build.Now, members), "alliance.chair-unit-required");
    }

    [Theory]
    [InlineData(MembershipStatus.Applied)]
    [InlineData(MembershipStatus.Admitted)]
    [InlineData(MembershipStatus.Exiting)]
    [InlineData(MembershipStatus.Exited)]
    [InlineData(MembershipStatus.Removed)]
    public void MoveToActive_ChairNotActive_ChairUnitRequired(MembershipStatus chairStatus)
    {
        var alliance = Build.Alliance(AllianceStatus.Founded);
        var chair = Build.Membership(alliance, Build.School(), MembershipRole.ChairUnit, chairStatus);

        Expect.Violation(() => alliance.MoveTo(AllianceStatus.Active, null, Build.Now, [chair]), "alliance.chair-unit-required");
    }

    [Fact]
    public void MoveToActive_ChairOfAnotherAlliance_ChairUnitRequired()
    {
        var alliance = Build.Alliance(AllianceStatus.Founded);
        var (_, otherChair) = Build.AllianceWithChair(AllianceStatus.Founded);

        Expect.Violation(() => alliance.MoveTo(AllianceStatus.Active, null, Build.Now, [otherChair]), "alliance.chair-unit-required");
    }

    [Fact]
    public void MoveToActive_FromSuspendedWithoutChair_ChairUnitRequired()
    {
        var alliance = Build.Alliance(AllianceStatus.Suspended);

        Expect.Violation(() => alliance.MoveTo(AllianceStatus.Active, null, Build.Now, []), "alliance.chair-unit-required");

        Assert.Equal(AllianceStatus.Suspended, alliance.Status);
    }

    [Fact]
    public void Rename_OperatingAlliance_ChangesNameAndVersion()
    {
        var alliance = Build.Alliance(AllianceStatus.Active);
        var version = alliance.Version;

        alliance.Rename("海峡产教联盟", "数字经济");

        Assert.Equal("海峡产教联盟", alliance.Name);
        Assert.Equal("数字经济", alliance.IndustryField);
        Assert.Equal(version + 1, alliance.Version);
    }

    [Theory]
    [InlineData(AllianceStatus.Dissolved)]
    [InlineData(AllianceStatus.Rejected)]
    public void Rename_ClosedAlliance_Rejected(AllianceStatus status)
    {
        var alliance = Build.Alliance(status);

        Expect.Violation(() => alliance.Rename("新名称", "数字经济"), "alliance.closed");
    }
}
