using Governance.Domain.Common;
using Governance.Domain.People;

namespace Governance.Server.Access;

/// <summary>The roles a person holds at one moment (assignments started and not ended).</summary>
public sealed class ActiveRoles(IReadOnlyList<RoleAssignment> assignments)
{
    public static readonly ActiveRoles None = new([]);

    public IReadOnlyList<RoleAssignment> Assignments => assignments;

    public bool IsAdministrator => assignments.Any(a => a.Role == Role.Administrator);

    public bool HoldsInAlliance(AllianceId alliance, params Role[] roles) =>
        assignments.Any(a => a.ScopeAllianceId == alliance && roles.Contains(a.Role));

    public bool HoldsInOrganization(OrganizationId organization, params Role[] roles) =>
        assignments.Any(a => a.ScopeOrganizationId == organization && roles.Contains(a.Role));

    /// <summary>Alliances where the person holds any alliance role.</summary>
    public IReadOnlyList<AllianceId> Alliances =>
        assignments.Where(a => a.ScopeAllianceId is not null).Select(a => a.ScopeAllianceId!.Value).Distinct().ToList();

    /// <summary>Organizations the person represents (legal representative or liaison).</summary>
    public IReadOnlyList<OrganizationId> RepresentedOrganizations =>
        assignments.Where(a => a.Role is Role.LegalRepresentative or Role.Liaison).Select(a => a.ScopeOrganizationId!.Value).Distinct().ToList();

    /// <summary>Departments (government agencies) the person is supervising officer of.</summary>
    public IReadOnlyList<OrganizationId> SupervisedDepartments =>
        assignments.Where(a => a.Role == Role.SupervisingOfficer).Select(a => a.ScopeOrganizationId!.Value).Distinct().ToList();
}
