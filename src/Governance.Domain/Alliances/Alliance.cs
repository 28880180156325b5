using Governance.Domain.Common;
using Governance.Domain.Memberships;
using Governance.Domain.Organizations;

namespace Governance.Domain.Alliances;

/// <summary>联盟: a school–enterprise or industry–education alliance under a supervising department.</summary>
public sealed class Alliance : AggregateRoot
{
    private const string Codes = "alliance";
    private readonly List<CouncilSeat> _councilSeats = [];
    private readonly List<ExpertSeat> _expertSeats = [];

    public Alliance(
        AllianceId id,
        string name,
        string industryField,
        AllianceKind kind,
        Organization supervisingDepartment,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(supervisingDepartment);
        Guard.Defined(kind, "kind", Codes);
        if (supervisingDepartment.Kind != OrganizationKind.GovernmentAgency)
        {
            throw new DomainRuleViolation(
                "alliance.supervisor-not-government",
                "The supervising department (主管部门) must be a government agency.",
                "supervisingDepartmentId");
        }

        Id = id;
        Name = Guard.Text(name, "name", 200, Codes);
        IndustryField = Guard.Text(industryField, "industryField", 100, Codes);
        Kind = kind;
        SupervisingDepartmentId = supervisingDepartment.Id;
        Status = AllianceStatus.Proposed;
        CreatedAt = Guard.Utc(now);
        StatusChangedAt = CreatedAt;
    }

    private Alliance()
    {
        Name = string.Empty;
        IndustryField = string.Empty;
    }

    public AllianceId Id { get; private set; }

    public string Name { get; private set; }

    public string IndustryField { get; private set; }

    public AllianceKind Kind { get; private set; }

    public OrganizationId SupervisingDepartmentId { get; private set; }

    public AllianceStatus Status { get; private set; }

    public string? StatusReason { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset StatusChangedAt { get; private set; }

    public IReadOnlyList<CouncilSeat> CouncilSeats => _councilSeats;

    public IReadOnlyList<ExpertSeat> ExpertSeats => _expertSeats;

    public IEnumerable<CouncilSeat> CurrentCouncil => _councilSeats.Where(s => s.IsCurrent);

    /// <summary>
    /// Moves the alliance along its status machine. Activation needs the alliance's memberships to
    /// prove there is exactly one active chair unit.
    /// </summary>
    public void MoveTo(AllianceStatus target, string? reason, DateTimeOffset now, IReadOnlyCollection<Membership>? memberships = null)
    {
        Guard.Defined(target, "status", Codes);
        if (!AllianceStatusMachine.CanMove(Status, target))
        {
            throw new DomainRuleViolation(
                "alliance.invalid-status-transition",
                $"An alliance cannot move from {Status} to {target}.",
                "status");
        }

        if (target is AllianceStatus.Rejected or AllianceStatus.Suspended or AllianceStatus.Dissolving
            || (Status == AllianceStatus.UnderReview && target == AllianceStatus.Proposed))
        {
            if (string.IsNullOrWhiteSpace(reason))
            {
                throw new DomainRuleViolation(
                    "alliance.reason-required", $"Moving an alliance to {target} needs a reason.", "reason");
            }
        }

        if (target == AllianceStatus.Active)
        {
            ChairUnitRule.EnsureExactlyOneChair(Id, memberships ?? []);
        }

        var checkedReason = Guard.OptionalText(reason, "reason", 1000, Codes);
        Status = target;
        StatusReason = checkedReason;
        StatusChangedAt = Guard.Utc(now);
        MarkChanged();
    }

    public void Rename(string name, string industryField)
    {
        if (Status is AllianceStatus.Dissolved or AllianceStatus.Rejected)
        {
            throw new DomainRuleViolation("alliance.closed", "A dissolved or rejected alliance cannot change.");
        }

        Name = Guard.Text(name, "name", 200, Codes);
        IndustryField = Guard.Text(industryField, "industryField", 100, Codes);
        MarkChanged();
    }

    /// <summary>Seats a person on the council for a member unit of this alliance.</summary>
    public CouncilSeat SeatCouncilMember(PersonId person, Membership membership, CouncilPosition position, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(membership);
        Guard.Defined(position, "position", Codes);
        EnsureOpenForGovernance();
        if (membership.AllianceId != Id || !membership.IsCurrentMember)
        {
            throw new DomainRuleViolation(
                "alliance.seat-requires-member-unit",
                "A council seat is held on behalf of an admitted member unit of this alliance.",
                "organizationId");
        }

        if (membership.Role == MembershipRole.InvitedMember)
        {
            throw new DomainRuleViolation(
                "alliance.invited-member-no-council-seat", "An invited member (特邀成员) holds no council seat.", "organizationId");
        }

        if (_councilSeats.Any(s => s.IsCurrent && s.PersonId == person))
        {
            throw new DomainRuleViolation("alliance.person-already-seated", "This person already holds a council seat.", "personId");
        }

        if (position == CouncilPosition.Chair && _councilSeats.Any(s => s.IsCurrent && s.Position == CouncilPosition.Chair))
        {
            throw new DomainRuleViolation("alliance.chair-seat-taken", "The council already has a chair (理事长).", "position");
        }

        var seat = new CouncilSeat(person, membership.OrganizationId, position, Guard.Utc(now));
        _councilSeats.Add(seat);
        MarkChanged();
        return seat;
    }

    /// <summary>Vacates every current seat held for an organization (e.g. when it leaves).</summary>
    public int VacateSeatsOf(OrganizationId organization, DateTimeOffset now)
    {
        var count = 0;
        foreach (var seat in _councilSeats.Where(s => s.IsCurrent && s.OrganizationId == organization))
        {
            seat.Vacate(Guard.Utc(now));
            count++;
        }

        foreach (var seat in _expertSeats.Where(s => s.IsCurrent && s.OrganizationId == organization))
        {
            seat.Vacate(Guard.Utc(now));
            count++;
        }

        if (count > 0)
        {
            MarkChanged();
        }

        return count;
    }

    public void VacateCouncilSeat(PersonId person, DateTimeOffset now)
    {
        var seat = _councilSeats.SingleOrDefault(s => s.IsCurrent && s.PersonId == person)
            ?? throw new DomainRuleViolation("alliance.seat-not-found", "This person holds no council seat.", "personId");
        seat.Vacate(Guard.Utc(now));
        MarkChanged();
    }

    public ExpertSeat AppointExpert(PersonId person, OrganizationId? organization, string field, DateTimeOffset now)
    {
        EnsureOpenForGovernance();
        if (_expertSeats.Any(s => s.IsCurrent && s.PersonId == person))
        {
            throw new DomainRuleViolation("alliance.expert-already-appointed", "This person already sits on the expert committee.", "personId");
        }

        var seat = new ExpertSeat(person, organization, Guard.Text(field, "field", 100, Codes), Guard.Utc(now));
        _expertSeats.Add(seat);
        MarkChanged();
        return seat;
    }

    public void EnsureOpenForGovernance()
    {
        if (Status is AllianceStatus.Proposed or AllianceStatus.UnderReview or AllianceStatus.Rejected
            or AllianceStatus.Dissolved)
        {
            throw new DomainRuleViolation(
                "alliance.not-operating", $"The alliance is {Status}; it has no council business now.");
        }
    }
}
