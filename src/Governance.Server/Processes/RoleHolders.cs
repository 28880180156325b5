using Governance.Domain.Alliances;
using Governance.Domain.Common;
using Governance.Domain.People;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Processes;

/// <summary>
/// Who holds a role for an alliance at a given time, resolved when a step needs it (never a stored
/// address): alliance roles are scoped to the alliance, the supervising officer to the alliance's
/// supervising department, the administrator to the platform.
/// </summary>
internal static class RoleHolders
{
    public static async Task<List<PersonId>> OfAsync(GovernanceDbContext db, Alliance alliance, Role role, DateTimeOffset at)
    {
        var scope = role switch
        {
            Role.SupervisingOfficer => RoleScope.Organization(alliance.SupervisingDepartmentId),
            Role.Administrator => RoleScope.Platform,
            Role.LegalRepresentative or Role.Liaison =>
                throw new FormatException($"{role} is held for an organization, not for an alliance."),
            _ => RoleScope.Alliance(alliance.Id),
        };
        var candidates = await db.People.AsNoTracking()
            .Where(p => p.Roles.Any(r => r.Role == role && r.ScopeAllianceId == scope.AllianceId && r.ScopeOrganizationId == scope.OrganizationId))
            .ToListAsync();
        return candidates
            .Where(p => p.Roles.Any(r => r.Role == role && r.Scope == scope && r.IsActiveAt(at)))
            .Select(p => p.Id)
            .ToList();
    }

    /// <summary>Who holds an organization-scoped role (legal representative, liaison) for each of the organizations at a time.</summary>
    public static async Task<Dictionary<OrganizationId, List<PersonId>>> OfOrganizationsAsync(
        GovernanceDbContext db, Role role, IReadOnlyCollection<OrganizationId> organizations, DateTimeOffset at)
    {
        var people = await db.People.AsNoTracking()
            .Where(p => p.Roles.Any(r => r.Role == role && r.ScopeOrganizationId != null && organizations.Contains(r.ScopeOrganizationId.Value)))
            .ToListAsync();
        return people
            .SelectMany(p => p.Roles
                .Where(r => r.Role == role && r.ScopeOrganizationId is { } o && organizations.Contains(o) && r.IsActiveAt(at))
                .Select(r => (Organization: r.ScopeOrganizationId!.Value, Person: p.Id)))
            .GroupBy(x => x.Organization)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Person).Distinct().ToList());
    }
}
