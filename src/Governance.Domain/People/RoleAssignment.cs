using Governance.Domain.Common;

namespace Governance.Domain.People;

/// <summary>The roles of DESIGN.md. Each is held in one kind of scope.</summary>
public enum Role
{
    Administrator,
    SupervisingOfficer,
    Chair,
    CouncilMember,
    Secretariat,
    Expert,
    LegalRepresentative,
    Liaison,
}

/// <summary>Where a role applies: the platform, one alliance, or one organization.</summary>
public readonly record struct RoleScope(AllianceId? AllianceId, OrganizationId? OrganizationId)
{
    public static RoleScope Platform => default;

    public static RoleScope Alliance(AllianceId id) => new(id, null);

    public static RoleScope Organization(OrganizationId id) => new(null, id);

    public bool IsPlatform => AllianceId is null && OrganizationId is null;
}

public sealed class RoleAssignment
{
    internal RoleAssignment(Guid id, Role role, RoleScope scope, DateTimeOffset from, DateTimeOffset? until)
    {
        Guard.Defined(role, "role", "person");
        var expected = ScopeKindOf(role);
        var actual = scope switch
        {
            { IsPlatform: true } => ScopeKind.Platform,
            { AllianceId: not null, OrganizationId: null } => ScopeKind.Alliance,
            { AllianceId: null, OrganizationId: not null } => ScopeKind.Organization,
            _ => ScopeKind.Invalid,
        };
        if (actual != expected)
        {
            throw new DomainRuleViolation(
                "person.role-scope-mismatch", $"{role} is held in the scope of {expected.ToString().ToLowerInvariant()}.", "scope");
        }

        if (until is not null && until <= from)
        {
            throw new DomainRuleViolation("person.role-period-invalid", "A role must end after it starts.", "until");
        }

        Id = id;
        Role = role;
        ScopeAllianceId = scope.AllianceId;
        ScopeOrganizationId = scope.OrganizationId;
        From = Guard.Utc(from);
        Until = until is null ? null : Guard.Utc(until.Value);
    }

    private RoleAssignment()
    {
    }

    private enum ScopeKind
    {
        Platform,
        Alliance,
        Organization,
        Invalid,
    }

    public Guid Id { get; private set; }

    public Role Role { get; private set; }

    public AllianceId? ScopeAllianceId { get; private set; }

    public OrganizationId? ScopeOrganizationId { get; private set; }

    public RoleScope Scope => new(ScopeAllianceId, ScopeOrganizationId);

    public DateTimeOffset From { get; private set; }

    public DateTimeOffset? Until { get; private set; }

    public bool IsActiveAt(DateTimeOffset at) => From <= at && (Until is null || at < Until);

    internal bool Overlaps(RoleAssignment other) =>
        From < (other.Until ?? DateTimeOffset.MaxValue) && other.From < (Until ?? DateTimeOffset.MaxValue);

    internal void End(DateTimeOffset at)
    {
        var end = Guard.Utc(at);
        if (end <= From)
        {
            end = From;
        }

        if (Until is null || end < Until)
        {
            Until = end;
        }
    }

    // The supervising officer acts for its department (an organization), which is how it is tied to
    // the alliances that department supervises.
    private static ScopeKind ScopeKindOf(Role role) => role switch
    {
        Role.Administrator => ScopeKind.Platform,
        Role.SupervisingOfficer or Role.LegalRepresentative or Role.Liaison => ScopeKind.Organization,
        _ => ScopeKind.Alliance,
    };
}
