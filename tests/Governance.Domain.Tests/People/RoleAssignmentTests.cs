using Governance.Domain.Common;
using Governance.Domain.People;
using Governance.Domain.Tests.Builders;
using Governance.Domain.Tests.Support;

namespace Governance.Domain.Tests.People;

public enum ScopeShape
{
    Platform,
    Alliance,
    Organization,
    AllianceAndOrganization,
}

public sealed class RoleAssignmentTests
{
    // DESIGN.md: where each role is held, written out independently of RoleAssignment.
    private static readonly Dictionary<Role, ScopeShape> _scopeOf = new()
    {
        [Role.Administrator] = ScopeShape.Platform,
        [Role.SupervisingOfficer] = ScopeShape.Organization,
        [Role.LegalRepresentative] = ScopeShape.Organization,
        [Role.Liaison] = ScopeShape.Organization,
        [Role.Chair] = ScopeShape.Alliance,
        [Role.CouncilMember] = ScopeShape.Alliance,
        [Role.Secretariat] = ScopeShape.Alliance,
        [Role.Expert] = ScopeShape.Alliance,
    };

    private readonly Person _person = Build.Person();
    private readonly RoleScope _alliance = RoleScope.Alliance(AllianceId.New());

    public static TheoryData<Role, ScopeShape> MatchingScopes
    {
        get
        {
            var data = new TheoryData<Role, ScopeShape>();
            foreach (var (role, shape) in _scopeOf)
            {
                data.Add(role, shape);
            }

            return data;
        }
    }

    public static TheoryData<Role, ScopeShape> MismatchedScopes
    {
        get
        {
            var data = new TheoryData<Role, ScopeShape>();
            foreach (var role in Enum.GetValues<Role>())
            {
                foreach (var shape in Enum.GetValues<ScopeShape>().Where(s => s != _scopeOf[role]))
                {
                    data.Add(role, shape);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(MatchingScopes))]
    public void Grant_ScopeMatchesRole_Held(Role role, ScopeShape shape)
    {
        var scope = ScopeOf(shape);

        var assignment = _person.Grant(role, scope, Build.Now, null);

        Assert.Equal(scope, assignment.Scope);
        Assert.True(_person.Holds(role, scope, Build.Now.AddYears(1)));
    }

    [Theory]
    [MemberData(nameof(MismatchedScopes))]
    public void Grant_ScopeDoesNotMatchRole_Rejected(Role role, ScopeShape shape)
    {
        Expect.Violation(() => _person.Grant(role, ScopeOf(shape), Build.Now, null), "person.role-scope-mismatch", "scope");

        Assert.Empty(_person.Roles);
    }

    [Fact]
    public void Grant_UndefinedRole_Rejected()
    {
        Expect.Violation(() => _person.Grant((Role)99, RoleScope.Platform, Build.Now, null), "person.invalid-role", "role");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Grant_EndNotAfterStart_Rejected(int days)
    {
        Expect.Violation(
            () => _person.Grant(Role.CouncilMember, _alliance, Build.Now, Build.Now.AddDays(days)), "person.role-period-invalid", "until");
    }

    [Fact]
    public void Grant_OverlappingSameRoleAndScope_Rejected()
    {
        _person.Grant(Role.CouncilMember, _alliance, Build.Now, Build.Now.AddYears(3));

        Expect.Violation(
            () => _person.Grant(Role.CouncilMember, _alliance, Build.Now.AddYears(2), null), "person.role-already-held");

        Assert.Single(_person.Roles);
    }

    [Fact]
    public void Grant_OpenEndedThenLaterPeriod_Rejected()
    {
        _person.Grant(Role.Secretariat, _alliance, Build.Now, null);

        Expect.Violation(
            () => _person.Grant(Role.Secretariat, _alliance, Build.Now.AddYears(10), Build.Now.AddYears(11)), "person.role-already-held");
    }

    [Fact]
    public void Grant_SameRoleStartingWhenPreviousEnds_Held()
    {
        var termEnd = Build.Now.AddYears(3);
        _person.Grant(Role.CouncilMember, _alliance, Build.Now, termEnd);

        _person.Grant(Role.CouncilMember, _alliance, termEnd, termEnd.AddYears(3));

        Assert.Equal(2, _person.Roles.Count);
        Assert.True(_person.Holds(Role.CouncilMember, _alliance, termEnd));
    }

    [Fact]
    public void Grant_SameRoleOtherAlliance_Held()
    {
        var other = RoleScope.Alliance(AllianceId.New());
        _person.Grant(Role.Expert, _alliance, Build.Now, null);

        _person.Grant(Role.Expert, other, Build.Now, null);

        Assert.True(_person.Holds(Role.Expert, other, Build.Now));
        Assert.True(_person.Holds(Role.Expert, _alliance, Build.Now));
    }

    [Fact]
    public void Holds_OtherScope_False()
    {
        _person.Grant(Role.Chair, _alliance, Build.Now, null);

        Assert.False(_person.Holds(Role.Chair, RoleScope.Alliance(AllianceId.New()), Build.Now));
        Assert.False(_person.Holds(Role.CouncilMember, _alliance, Build.Now));
    }

    [Fact]
    public void Holds_ExpiredRole_NotHeldFromItsEnd()
    {
        var until = Build.Now.AddYears(3);
        _person.Grant(Role.CouncilMember, _alliance, Build.Now, until);

        Assert.True(_person.Holds(Role.CouncilMember, _alliance, until.AddTicks(-1)));
        Assert.False(_person.Holds(Role.CouncilMember, _alliance, until));
        Assert.False(_person.Holds(Role.CouncilMember, _alliance, until.AddDays(1)));
    }

    [Fact]
    public void Holds_BeforeStart_False()
    {
        _person.Grant(Role.CouncilMember, _alliance, Build.Now.AddDays(10), null);

        Assert.False(_person.Holds(Role.CouncilMember, _alliance, Build.Now));
    }

    [Fact]
    public void Revoke_HeldRole_EndsItButKeepsRecord()
    {
        var assignment = _person.Grant(Role.CouncilMember, _alliance, Build.Now, null);
        var revokedAt = Build.Now.AddMonths(6);
        var version = _person.Version;

        _person.Revoke(assignment.Id, revokedAt);

        Assert.Equal(revokedAt, assignment.Until);
        Assert.True(_person.Holds(Role.CouncilMember, _alliance, revokedAt.AddTicks(-1)));
        Assert.False(_person.Holds(Role.CouncilMember, _alliance, revokedAt));
        Assert.Single(_person.Roles);
        Assert.Equal(version + 1, _person.Version);
    }

    [Fact]
    public void Revoke_AfterNaturalEnd_DoesNotExtend()
    {
        var until = Build.Now.AddYears(1);
        var assignment = _person.Grant(Role.CouncilMember, _alliance, Build.Now, until);

        _person.Revoke(assignment.Id, until.AddYears(1));

        Assert.Equal(until, assignment.Until);
    }

    [Fact]
    public void Revoke_BeforeStart_NeverHeld()
    {
        var from = Build.Now.AddDays(30);
        var assignment = _person.Grant(Role.CouncilMember, _alliance, from, null);

        _person.Revoke(assignment.Id, Build.Now);

        Assert.False(_person.Holds(Role.CouncilMember, _alliance, from));
        Assert.False(_person.Holds(Role.CouncilMember, _alliance, from.AddYears(1)));
    }

    [Fact]
    public void Revoke_UnknownAssignment_Rejected()
    {
        Expect.Violation(() => _person.Revoke(Guid.NewGuid(), Build.Now), "person.role-not-found");
    }

    [Fact]
    public void Grant_AfterRevoke_HeldAgain()
    {
        var first = _person.Grant(Role.Liaison, RoleScope.Organization(OrganizationId.New()), Build.Now, null);
        _person.Revoke(first.Id, Build.Now.AddMonths(1));

        _person.Grant(Role.Liaison, first.Scope, Build.Now.AddMonths(2), null);

        Assert.True(_person.Holds(Role.Liaison, first.Scope, Build.Now.AddMonths(3)));
    }

    private static RoleScope ScopeOf(ScopeShape shape) => shape switch
    {
        ScopeShape.Platform => RoleScope.Platform,
        ScopeShape.Alliance => RoleScope.Alliance(AllianceId.New()),
        ScopeShape.Organization => RoleScope.Organization(OrganizationId.New()),
        ScopeShape.AllianceAndOrganization => new RoleScope(AllianceId.New(), OrganizationId.New()),
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "Unknown scope shape."),
    };
}
