using Governance.Domain.Alliances;
using Governance.Domain.Common;
using Governance.Domain.Memberships;
using Governance.Domain.Organizations;
using Governance.Domain.People;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Access;

/// <summary>
/// What the current caller may see and do, from the role assignments valid now (read from the
/// database on every request: a role that ended yesterday no longer works with a token issued last week).
/// Anything outside what a caller may see answers 404, so its existence is not disclosed.
/// </summary>
public sealed class AccessControl(GovernanceDbContext db, TimeProvider clock, CallerContext caller)
{
    private Caller? _caller;
    private ActiveRoles? _roles;
    private IReadOnlyList<AllianceId>? _visibleAlliances;

    public Caller Caller => _caller ??= Caller.From(caller.User);

    public async Task<ActiveRoles> RolesAsync(CancellationToken cancellationToken)
    {
        if (_roles is not null)
        {
            return _roles;
        }

        _roles = Caller.PersonId is { } personId
            ? await RolesOfAsync(db, personId, clock.GetUtcNow(), cancellationToken)
            : ActiveRoles.None;
        return _roles;
    }

    public static async Task<ActiveRoles> RolesOfAsync(GovernanceDbContext db, PersonId personId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId, cancellationToken);
        return person is null ? ActiveRoles.None : new ActiveRoles(person.Roles.Where(r => r.IsActiveAt(at)).ToList());
    }

    public async Task<bool> IsAdministratorAsync(CancellationToken cancellationToken) =>
        Caller.IsPerson && (await RolesAsync(cancellationToken)).IsAdministrator;

    /// <summary>Refuses anything but a person holding the administrator role now.</summary>
    public async Task DemandAdministratorAsync(CancellationToken cancellationToken)
    {
        if (!await IsAdministratorAsync(cancellationToken))
        {
            throw new ForbiddenException("access.administrator-required", "Only an administrator may do this.");
        }
    }

    /// <summary>Workflow operations not tied to one alliance: administrators and integrations (applications) only.</summary>
    public async Task DemandAdministratorOrApplicationAsync(CancellationToken cancellationToken)
    {
        if (Caller.IsApplication || await IsAdministratorAsync(cancellationToken))
        {
            return;
        }

        throw new ForbiddenException("access.operator-required", "Only administrators and integrations may do this.");
    }

    /// <summary>Null when every alliance is visible (administrators, and applications with the read scope).</summary>
    public async Task<IReadOnlyList<AllianceId>?> VisibleAlliancesAsync(CancellationToken cancellationToken)
    {
        if (Caller.IsApplication || await IsAdministratorAsync(cancellationToken))
        {
            return null;
        }

        if (_visibleAlliances is not null)
        {
            return _visibleAlliances;
        }

        var roles = await RolesAsync(cancellationToken);
        var departments = roles.SupervisedDepartments;
        var represented = roles.RepresentedOrganizations;
        var supervised = departments.Count == 0 ? [] : await db.Alliances.AsNoTracking()
            .Where(a => departments.Contains(a.SupervisingDepartmentId)).Select(a => a.Id).ToListAsync(cancellationToken);
        var asMember = represented.Count == 0 ? [] : await db.Memberships.AsNoTracking()
            .Where(m => represented.Contains(m.OrganizationId)).Select(m => m.AllianceId).ToListAsync(cancellationToken);
        _visibleAlliances = roles.Alliances.Concat(supervised).Concat(asMember).Distinct().ToList();
        return _visibleAlliances;
    }

    public async Task<bool> CanSeeAllianceAsync(AllianceId alliance, CancellationToken cancellationToken) =>
        await VisibleAlliancesAsync(cancellationToken) is not { } visible || visible.Contains(alliance);

    public async Task<IQueryable<Alliance>> VisibleAsync(IQueryable<Alliance> alliances, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alliances);
        var visible = await VisibleAlliancesAsync(cancellationToken);
        return visible is null ? alliances : alliances.Where(a => visible.Contains(a.Id));
    }

    /// <summary>Memberships of visible alliances, and every membership (or application) of an organization the person represents.</summary>
    public async Task<IQueryable<Membership>> VisibleAsync(IQueryable<Membership> memberships, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(memberships);
        var visible = await VisibleAlliancesAsync(cancellationToken);
        if (visible is null)
        {
            return memberships;
        }

        var represented = (await RolesAsync(cancellationToken)).RepresentedOrganizations;
        return memberships.Where(m => visible.Contains(m.AllianceId) || represented.Contains(m.OrganizationId));
    }

    /// <summary>
    /// Organizations the caller deals with: its own, the member units and supervising departments of
    /// the alliances it sees.
    /// </summary>
    public async Task<IQueryable<Organization>> VisibleAsync(IQueryable<Organization> organizations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organizations);
        var visible = await VisibleAlliancesAsync(cancellationToken);
        if (visible is null)
        {
            return organizations;
        }

        var roles = await RolesAsync(cancellationToken);
        var own = roles.RepresentedOrganizations.Concat(roles.SupervisedDepartments).ToList();
        var members = await db.Memberships.AsNoTracking().Where(m => visible.Contains(m.AllianceId))
            .Select(m => m.OrganizationId).Distinct().ToListAsync(cancellationToken);
        var departments = await db.Alliances.AsNoTracking().Where(a => visible.Contains(a.Id))
            .Select(a => a.SupervisingDepartmentId).Distinct().ToListAsync(cancellationToken);
        var ids = own.Concat(members).Concat(departments).Distinct().ToList();
        return organizations.Where(o => ids.Contains(o.Id));
    }

    /// <summary>Refuses unless the person holds one of the roles in the alliance (administrators always may).</summary>
    public async Task DemandAllianceRoleAsync(AllianceId alliance, CancellationToken cancellationToken, params Role[] roles)
    {
        var held = await RolesAsync(cancellationToken);
        if (Caller.IsPerson && (held.IsAdministrator || held.HoldsInAlliance(alliance, roles)))
        {
            return;
        }

        throw new ForbiddenException("access.alliance-role-required",
            $"This needs one of these roles in the alliance: {string.Join(", ", roles)}.");
    }
}
