using Governance.Domain.Alliances;
using Governance.Domain.Common;
using Governance.Domain.Memberships;
using Governance.Domain.Tests.Builders;
using Governance.Domain.Tests.Support;

namespace Governance.Domain.Tests.Alliances;

public sealed class CouncilSeatTests
{
    private readonly Alliance _alliance = Build.Alliance(AllianceStatus.Active);

    [Theory]
    [InlineData(MembershipStatus.Admitted)]
    [InlineData(MembershipStatus.Active)]
    [InlineData(MembershipStatus.Exiting)]
    public void SeatCouncilMember_CurrentMemberUnit_Seated(MembershipStatus status)
    {
        var membership = Build.Membership(_alliance, role: MembershipRole.CouncilMemberUnit, status: status);
        var person = PersonId.New();
        var version = _alliance.Version;

        var seat = _alliance.SeatCouncilMember(person, membership, CouncilPosition.Member, Build.Now);

        Assert.Equal(person, seat.PersonId);
        Assert.Equal(membership.OrganizationId, seat.OrganizationId);
        Assert.True(seat.IsCurrent);
        Assert.Contains(seat, _alliance.CurrentCouncil);
        Assert.Equal(version + 1, _alliance.Version);
    }

    [Theory]
    [InlineData(MembershipStatus.Applied)]
    [InlineData(MembershipStatus.Rejected)]
    [InlineData(MembershipStatus.Exited)]
    [InlineData(MembershipStatus.Removed)]
    public void SeatCouncilMember_NotCurrentMember_Rejected(MembershipStatus status)
    {
        var membership = Build.Membership(_alliance, status: status);

        Expect.Violation(
            () => _alliance.SeatCouncilMember(PersonId.New(), membership, CouncilPosition.Member, Build.Now),
            "alliance.seat-requires-member-unit",
            "organizationId");

        Assert.Empty(_alliance.CouncilSeats);
    }

    [Fact]
    public void SeatCouncilMember_MemberOfAnotherAlliance_Rejected()
    {
        var other = Build.Alliance(AllianceStatus.Active);
        var membership = Build.Membership(other);

        Expect.Violation(
            () => _alliance.SeatCouncilMember(PersonId.New(), membership, CouncilPosition.Member, Build.Now),
            "alliance.seat-requires-member-unit",
            "organizationId");
    }

    [Fact]
    public void SeatCouncilMember_InvitedMember_GetsNoSeat()
    {
        var invited = Build.Membership(_alliance, role: MembershipRole.InvitedMember);

        Expect.Violation(
            () => _alliance.SeatCouncilMember(PersonId.New(), invited, CouncilPosition.Member, Build.Now),
            "alliance.invited-member-no-council-seat",
            "organizationId");

        Assert.Empty(_alliance.CouncilSeats);
    }

    [Fact]
    public void SeatCouncilMember_PersonAlreadySeated_Rejected()
    {
        var person = PersonId.New();
        _alliance.SeatCouncilMember(person, Build.Membership(_alliance), CouncilPosition.Member, Build.Now);

        Expect.Violation(
            () => _alliance.SeatCouncilMember(person, Build.Membership(_alliance), CouncilPosition.ViceChair, Build.Now),
            "alliance.person-already-seated",
            "personId");

        Assert.Single(_alliance.CouncilSeats);
    }

    [Fact]
    public void SeatCouncilMember_PersonSeatedAgainAfterVacating_Seated()
    {
        var person = PersonId.New();
        var membership = Build.Membership(_alliance);
        _alliance.SeatCouncilMember(person, membership, CouncilPosition.Member, Build.Now);
        _alliance.VacateCouncilSeat(person, Build.Now.AddDays(1));

        _alliance.SeatCouncilMember(person, membership, CouncilPosition.ViceChair, Build.Now.AddDays(2));

        Assert.Equal(2, _alliance.CouncilSeats.Count);
        Assert.Equal(CouncilPosition.ViceChair, Assert.Single(_alliance.CurrentCouncil).Position);
    }

    [Fact]
    public void SeatCouncilMember_SecondChair_Rejected()
    {
        _alliance.SeatCouncilMember(PersonId.New(), Build.Membership(_alliance), CouncilPosition.Chair, Build.Now);

        Expect.Violation(
            () => _alliance.SeatCouncilMember(PersonId.New(), Build.Membership(_alliance), CouncilPosition.Chair, Build.Now),
            "alliance.chair-seat-taken",
            "position");
    }

    [Fact]
    public void SeatCouncilMember_ChairAfterPreviousChairVacated_Seated()
    {
        var previous = PersonId.New();
        _alliance.SeatCouncilMember(previous, Build.Membership(_alliance), CouncilPosition.Chair, Build.Now);
        _alliance.VacateCouncilSeat(previous, Build.Now.AddDays(1));

        var seat = _alliance.SeatCouncilMember(PersonId.New(), Build.Membership(_alliance), CouncilPosition.Chair, Build.Now.AddDays(1));

        Assert.Equal(seat, Assert.Single(_alliance.CurrentCouncil));
    }

    [Fact]
    public void SeatCouncilMember_SeveralViceChairs_AllSeated()
    {
        _alliance.SeatCouncilMember(PersonId.New(), Build.Membership(_alliance), CouncilPosition.ViceChair, Build.Now);
        _alliance.SeatCouncilMember(PersonId.New(), Build.Membership(_alliance), CouncilPosition.ViceChair, Build.Now);

        Assert.Equal(2, _alliance.CurrentCouncil.Count());
    }

    [Theory]
    [InlineData(AllianceStatus.Proposed)]
    [InlineData(AllianceStatus.UnderReview)]
    public void SeatCouncilMember_AllianceNotOperating_Rejected(AllianceStatus status)
    {
        var alliance = Build.Alliance(status);
        var membership = Build.Membership(alliance);

        Expect.Violation(
            () => alliance.SeatCouncilMember(PersonId.New(), membership, CouncilPosition.Member, Build.Now), "alliance.not-operating");
    }

    [Fact]
    public void VacateSeatsOf_OrganizationWithCouncilAndExpertSeats_VacatesBothOnly()
    {
        var leaving = Build.Membership(_alliance);
        var staying = Build.Membership(_alliance);
        var councillor = _alliance.SeatCouncilMember(PersonId.New(), leaving, CouncilPosition.Member, Build.Now);
        var expert = _alliance.AppointExpert(PersonId.New(), leaving.OrganizationId, "智能制造", Build.Now);
        var otherCouncillor = _alliance.SeatCouncilMember(PersonId.New(), staying, CouncilPosition.Member, Build.Now);
        var otherExpert = _alliance.AppointExpert(PersonId.New(), staying.OrganizationId, "职业教育", Build.Now);
        var version = _alliance.Version;
        var at = Build.Now.AddMonths(1);

        var vacated = _alliance.VacateSeatsOf(leaving.OrganizationId, at);

        Assert.Equal(2, vacated);
        Assert.False(councillor.IsCurrent);
        Assert.Equal(at, councillor.Until);
        Assert.False(expert.IsCurrent);
        Assert.Equal(at, expert.Until);
        Assert.True(otherCouncillor.IsCurrent);
        Assert.True(otherExpert.IsCurrent);
        Assert.Equal(version + 1, _alliance.Version);
    }

    [Fact]
    public void VacateSeatsOf_OrganizationWithOneSeat_VacatedAndVersionBumped()
    {
        var membership = Build.Membership(_alliance);
        var seat = _alliance.SeatCouncilMember(PersonId.New(), membership, CouncilPosition.Member, Build.Now);
        var version = _alliance.Version;

        var vacated = _alliance.VacateSeatsOf(membership.OrganizationId, Build.Now.AddDays(1));

        Assert.Equal(1, vacated);
        Assert.False(seat.IsCurrent);
        Assert.Empty(_alliance.CurrentCouncil);
        Assert.Equal(version + 1, _alliance.Version);
    }

    [Fact]
    public void VacateSeatsOf_OrganizationWithoutSeats_NothingChanges()
    {
        _alliance.SeatCouncilMember(PersonId.New(), Build.Membership(_alliance), CouncilPosition.Member, Build.Now);
        var version = _alliance.Version;

        var vacated = _alliance.VacateSeatsOf(OrganizationId.New(), Build.Now);

        Assert.Equal(0, vacated);
        Assert.Equal(version, _alliance.Version);
    }

    [Fact]
    public void VacateCouncilSeat_PersonWithoutSeat_Rejected()
    {
        Expect.Violation(() => _alliance.VacateCouncilSeat(PersonId.New(), Build.Now), "alliance.seat-not-found", "personId");
    }

    [Fact]
    public void AppointExpert_PersonAlreadyOnCommittee_Rejected()
    {
        var person = PersonId.New();
        _alliance.AppointExpert(person, null, "智能制造", Build.Now);

        Expect.Violation(
            () => _alliance.AppointExpert(person, null, "新能源", Build.Now), "alliance.expert-already-appointed", "personId");
    }

    [Fact]
    public void AppointExpert_CouncillorAlsoExpert_BothSeatsHeld()
    {
        var person = PersonId.New();
        var membership = Build.Membership(_alliance);
        _alliance.SeatCouncilMember(person, membership, CouncilPosition.Member, Build.Now);

        var expert = _alliance.AppointExpert(person, membership.OrganizationId, "智能制造", Build.Now);

        Assert.True(expert.IsCurrent);
        Assert.Single(_alliance.CurrentCouncil);
    }
}
