using Governance.Domain.Alliances;
using Governance.Domain.Memberships;
using Governance.Domain.Tests.Builders;
using Governance.Domain.Tests.Support;

namespace Governance.Domain.Tests.Memberships;

public sealed class ChairUnitTests
{
    private readonly Alliance _alliance = Build.Alliance(AllianceStatus.Founded);

    [Fact]
    public void Admit_FirstChairUnit_Admitted()
    {
        var candidate = Build.Membership(_alliance, Build.School(), MembershipRole.ChairUnit, MembershipStatus.Applied);
        var ordinary = Build.Membership(_alliance);

        candidate.Admit(Build.Now, [candidate, ordinary]);

        Assert.Equal(MembershipStatus.Admitted, candidate.Status);
    }

    [Theory]
    [InlineData(MembershipStatus.Admitted)]
    [InlineData(MembershipStatus.Active)]
    [InlineData(MembershipStatus.Exiting)]
    public void Admit_SecondChairUnit_Rejected(MembershipStatus existingChairStatus)
    {
        var existingChair = Build.Membership(_alliance, Build.School(), MembershipRole.ChairUnit, existingChairStatus);
        var candidate = Build.Membership(_alliance, Build.School(), MembershipRole.ChairUnit, MembershipStatus.Applied);

        Expect.Violation(() => candidate.Admit(Build.Now, [existingChair, candidate]), "membership.chair-unit-exists", "role");
    }

    [Fact]
    public void Admit_SecondChairUnit_LeavesApplicationApplied()
    {
        var existingChair = Build.Membership(_alliance, Build.School(), MembershipRole.ChairUnit);
        var candidate = Build.Membership(_alliance, Build.School(), MembershipRole.ChairUnit, MembershipStatus.Applied);
        var version = candidate.Version;

        Expect.Violation(() => candidate.Admit(Build.Now, [existingChair, candidate]), "membership.chair-unit-exists", "role");

        // A rule violation must leave the aggregate as it was: still an application, same version.
        Assert.Equal(MembershipStatus.Applied, candidate.Status);
        Assert.Equal(version, candidate.Version);
    }

    [Theory]
    [InlineData(MembershipStatus.Exited)]
    [InlineData(MembershipStatus.Removed)]
    [InlineData(MembershipStatus.Applied)]
    public void Admit_ChairUnitWhenOtherChairNotCurrent_Admitted(MembershipStatus otherChairStatus)
    {
        var formerChair = Build.Membership(_alliance, Build.School(), MembershipRole.ChairUnit, otherChairStatus);
        var candidate = Build.Membership(_alliance, Build.School(), MembershipRole.ChairUnit, MembershipStatus.Applied);

        candidate.Admit(Build.Now, [formerChair, candidate]);

        Assert.Equal(MembershipStatus.Admitted, candidate.Status);
    }

    [Fact]
    public void Admit_ChairUnitWhileAnotherAllianceHasChair_Admitted()
    {
        var (_, otherChair) = Build.AllianceWithChair(AllianceStatus.Active);
        var candidate = Build.Membership(_alliance, Build.School(), MembershipRole.ChairUnit, MembershipStatus.Applied);

        candidate.Admit(Build.Now, [otherChair, candidate]);

        Assert.Equal(MembershipStatus.Admitted, candidate.Status);
    }

    [Fact]
    public void ChangeRole_ToChairWhileAnotherChairCurrent_RejectedAndRoleUnchanged()
    {
        var chair = Build.Membership(_alliance, Build.School(), MembershipRole.ChairUnit);
        var vice = Build.Membership(_alliance, Build.School(), MembershipRole.ViceChairUnit);
        var version = vice.Version;

        Expect.Violation(
            () => vice.ChangeRole(MembershipRole.ChairUnit, [chair, vice], Build.Now), "membership.chair-unit-exists", "role");

        Assert.Equal(MembershipRole.ViceChairUnit, vice.Role);
        Assert.Equal(version, vice.Version);
    }

    [Fact]
    public void ChangeRole_ToChairAfterChairStepsDown_Changed()
    {
        var chair = Build.Membership(_alliance, Build.School(), MembershipRole.ChairUnit);
        var vice = Build.Membership(_alliance, Build.School(), MembershipRole.ViceChairUnit);
        chair.ChangeRole(MembershipRole.ViceChairUnit, [chair, vice], Build.Now);
        var version = vice.Version;

        vice.ChangeRole(MembershipRole.ChairUnit, [chair, vice], Build.Now.AddDays(1));

        Assert.Equal(MembershipRole.ChairUnit, vice.Role);
        Assert.Equal(Build.Now.AddDays(1), vice.StatusChangedAt);
        Assert.Equal(version + 1, vice.Version);
    }

    [Fact]
    public void ChangeRole_ChairKeepsChairRole_Accepted()
    {
        var chair = Build.Membership(_alliance, Build.School(), MembershipRole.ChairUnit);

        chair.ChangeRole(MembershipRole.ChairUnit, [chair], Build.Now);

        Assert.Equal(MembershipRole.ChairUnit, chair.Role);
    }

    [Theory]
    [InlineData(MembershipStatus.Applied)]
    [InlineData(MembershipStatus.Exited)]
    [InlineData(MembershipStatus.Removed)]
    public void ChangeRole_NotCurrentMember_Rejected(MembershipStatus status)
    {
        var membership = Build.Membership(_alliance, status: status);

        Expect.Violation(
            () => membership.ChangeRole(MembershipRole.CouncilMemberUnit, [membership], Build.Now), "membership.not-current", "role");

        Assert.Equal(MembershipRole.MemberUnit, membership.Role);
    }

    [Fact]
    public void EnsureExactlyOneChair_OneActiveChair_Passes()
    {
        var chair = Build.Membership(_alliance, Build.School(), MembershipRole.ChairUnit);
        var other = Build.Membership(_alliance);

        var exception = Record.Exception(() => ChairUnitRule.EnsureExactlyOneChair(_alliance.Id, [chair, other]));

        Assert.Null(exception);
    }

    [Fact]
    public void EnsureExactlyOneChair_NoChair_Rejected()
    {
        var other = Build.Membership(_alliance);

        Expect.Violation(() => ChairUnitRule.EnsureExactlyOneChair(_alliance.Id, [other]), "alliance.chair-unit-required");
    }
}
