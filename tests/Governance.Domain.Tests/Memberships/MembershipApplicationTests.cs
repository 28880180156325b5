using Governance.Domain.Alliances;
using Governance.Domain.Memberships;
using Governance.Domain.Organizations;
using Governance.Domain.Tests.Builders;
using Governance.Domain.Tests.Support;

namespace Governance.Domain.Tests.Memberships;

public sealed class MembershipApplicationTests
{
    private readonly Alliance _alliance = Build.Alliance(AllianceStatus.Active);
    private readonly Alliance _otherAlliance = Build.Alliance(AllianceStatus.Active);

    [Fact]
    public void Apply_EligibleOrganization_OpensApplication()
    {
        var applicant = Build.Enterprise();

        var membership = Membership.Apply(_alliance, applicant, MembershipRole.MemberUnit, [], false, Build.Now);

        Assert.Equal(MembershipStatus.Applied, membership.Status);
        Assert.Equal(_alliance.Id, membership.AllianceId);
        Assert.Equal(applicant.Id, membership.OrganizationId);
        Assert.Equal(MembershipRole.MemberUnit, membership.Role);
        Assert.Equal($"{_alliance.Id.Value:N}:{applicant.Id.Value:N}", membership.ActiveKey);
        Assert.Equal(Build.Now, membership.AppliedAt);
    }

    [Fact]
    public void Apply_SchoolAlreadyActiveElsewhere_Accepted()
    {
        var school = Build.School();
        var existing = Build.Membership(_otherAlliance, school);

        var membership = Membership.Apply(_alliance, school, MembershipRole.MemberUnit, [existing], false, Build.Now);

        Assert.Equal(MembershipStatus.Applied, membership.Status);
        Assert.False(membership.EnterpriseExemption);
    }

    [Fact]
    public void Apply_UniversityInThreeAlliances_Accepted()
    {
        var university = Build.Organization(OrganizationKind.University);
        var first = Build.Membership(Build.Alliance(AllianceStatus.Active), university);
        var second = Build.Membership(_otherAlliance, university);

        var third = Membership.Apply(_alliance, university, MembershipRole.CouncilMemberUnit, [first, second], false, Build.Now);

        Assert.Equal(MembershipStatus.Applied, third.Status);
    }

    [Theory]
    [InlineData(MembershipStatus.Applied)]
    [InlineData(MembershipStatus.Admitted)]
    [InlineData(MembershipStatus.Active)]
    [InlineData(MembershipStatus.Exiting)]
    public void Apply_EnterpriseOpenElsewhere_Rejected(MembershipStatus existingStatus)
    {
        var enterprise = Build.Enterprise();
        var existing = Build.Membership(_otherAlliance, enterprise, status: existingStatus);

        Expect.Violation(
            () => Membership.Apply(_alliance, enterprise, MembershipRole.MemberUnit, [existing], false, Build.Now),
            "membership.enterprise-already-in-alliance",
            "organizationId");
    }

    [Fact]
    public void Apply_EnterpriseOpenElsewhereWithExemption_AcceptedAndExemptionRecorded()
    {
        var enterprise = Build.Enterprise();
        var existing = Build.Membership(_otherAlliance, enterprise);

        var membership = Membership.Apply(_alliance, enterprise, MembershipRole.MemberUnit, [existing], true, Build.Now);

        Assert.Equal(MembershipStatus.Applied, membership.Status);
        Assert.True(membership.EnterpriseExemption);
    }

    [Fact]
    public void Apply_SchoolWithExemptionFlag_NoExemptionRecorded()
    {
        var membership = Membership.Apply(_alliance, Build.School(), MembershipRole.MemberUnit, [], true, Build.Now);

        Assert.False(membership.EnterpriseExemption);
    }

    [Theory]
    [InlineData(MembershipStatus.Exited)]
    [InlineData(MembershipStatus.Removed)]
    [InlineData(MembershipStatus.Rejected)]
    public void Apply_EnterpriseWhosePreviousMembershipEnded_Accepted(MembershipStatus endedStatus)
    {
        var enterprise = Build.Enterprise();
        var previous = Build.Membership(_otherAlliance, enterprise, status: endedStatus);

        var membership = Membership.Apply(_alliance, enterprise, MembershipRole.MemberUnit, [previous], false, Build.Now);

        Assert.Equal(MembershipStatus.Applied, membership.Status);
    }

    [Fact]
    public void Apply_BarredOrganization_Rejected()
    {
        var barred = Build.Organization(creditStatus: CreditStatus.Barred);

        Expect.Violation(
            () => Membership.Apply(_alliance, barred, MembershipRole.MemberUnit, [], false, Build.Now),
            "membership.organization-barred",
            "organizationId");
    }

    [Fact]
    public void Apply_BarredSchool_Rejected()
    {
        var barred = Build.Organization(OrganizationKind.VocationalSchool, CreditStatus.Barred);

        Expect.Violation(
            () => Membership.Apply(_alliance, barred, MembershipRole.MemberUnit, [], false, Build.Now),
            "membership.organization-barred",
            "organizationId");
    }

    [Fact]
    public void Apply_WarnedOrganization_Accepted()
    {
        var warned = Build.Organization(creditStatus: CreditStatus.Warned);

        var membership = Membership.Apply(_alliance, warned, MembershipRole.MemberUnit, [], false, Build.Now);

        Assert.Equal(MembershipStatus.Applied, membership.Status);
    }

    [Theory]
    [InlineData(MembershipStatus.Applied)]
    [InlineData(MembershipStatus.Admitted)]
    [InlineData(MembershipStatus.Active)]
    [InlineData(MembershipStatus.Exiting)]
    public void Apply_OpenMembershipOfSameAlliance_Duplicate(MembershipStatus existingStatus)
    {
        var school = Build.School();
        var existing = Build.Membership(_alliance, school, status: existingStatus);

        Expect.Violation(
            () => Membership.Apply(_alliance, school, MembershipRole.MemberUnit, [existing], false, Build.Now),
            "membership.duplicate",
            "organizationId");
    }

    [Fact]
    public void Apply_EnterpriseOpenInSameAlliance_DuplicateEvenWithExemption()
    {
        var enterprise = Build.Enterprise();
        var existing = Build.Membership(_alliance, enterprise);

        Expect.Violation(
            () => Membership.Apply(_alliance, enterprise, MembershipRole.MemberUnit, [existing], true, Build.Now),
            "membership.duplicate",
            "organizationId");
    }

    [Fact]
    public void Apply_SameAllianceAfterExit_Accepted()
    {
        var enterprise = Build.Enterprise();
        var previous = Build.Membership(_alliance, enterprise, status: MembershipStatus.Exited);

        var membership = Membership.Apply(_alliance, enterprise, MembershipRole.MemberUnit, [previous], false, Build.Now);

        Assert.Equal(MembershipStatus.Applied, membership.Status);
        Assert.NotEqual(previous.Id, membership.Id);
        Assert.Null(previous.ActiveKey);
        Assert.Equal($"{_alliance.Id.Value:N}:{enterprise.Id.Value:N}", membership.ActiveKey);
    }

    [Fact]
    public void Apply_GovernmentAgency_Rejected()
    {
        Expect.Violation(
            () => Membership.Apply(_alliance, Build.GovernmentAgency(), MembershipRole.MemberUnit, [], false, Build.Now),
            "membership.government-agency-not-member",
            "organizationId");
    }

    [Theory]
    [InlineData(AllianceStatus.Suspended)]
    [InlineData(AllianceStatus.Dissolving)]
    [InlineData(AllianceStatus.Dissolved)]
    [InlineData(AllianceStatus.Rejected)]
    public void Apply_AllianceNotAdmitting_Rejected(AllianceStatus status)
    {
        var alliance = Build.Alliance(status);

        Expect.Violation(
            () => Membership.Apply(alliance, Build.School(), MembershipRole.MemberUnit, [], false, Build.Now),
            "membership.alliance-not-admitting",
            "allianceId");
    }

    [Theory]
    [InlineData(AllianceStatus.Proposed)]
    [InlineData(AllianceStatus.UnderReview)]
    [InlineData(AllianceStatus.Founded)]
    [InlineData(AllianceStatus.Active)]
    public void Apply_AllianceAdmitting_Accepted(AllianceStatus status)
    {
        var alliance = Build.Alliance(status);

        var membership = Membership.Apply(alliance, Build.School(), MembershipRole.MemberUnit, [], false, Build.Now);

        Assert.Equal(alliance.Id, membership.AllianceId);
    }

    [Fact]
    public void Apply_MembershipsOfAnotherOrganizationPassed_Throws()
    {
        var stranger = Build.Membership(_otherAlliance, Build.Enterprise());

        Assert.Throws<ArgumentException>(
            () => Membership.Apply(_alliance, Build.Enterprise(), MembershipRole.MemberUnit, [stranger], false, Build.Now));
    }

    [Fact]
    public void Apply_UndefinedRole_Rejected()
    {
        Expect.Violation(
            () => Membership.Apply(_alliance, Build.School(), (MembershipRole)9, [], false, Build.Now),
            "membership.invalid-role",
            "role");
    }
}
