using Governance.Domain.Audit;
using Governance.Domain.Common;
using Governance.Domain.People;
using Governance.Server.Access;
using Governance.Server.Api;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Auditing;

/// <summary>
/// Audit entries the caller may read: administrators all of them; the chair and secretariat of an
/// alliance and its supervising officer that alliance's; a legal representative or liaison its
/// organization's; everyone the entries they made themselves. Applications never.
/// </summary>
public sealed class ListAuditEntriesHandler(GovernanceDbContext db, AccessControl access)
{
    public async Task<Page<AuditEntryResponse>> HandleAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        var entries = await FilterAsync(query, cancellationToken);
        return await entries.OrderByDescending(e => e.Sequence)
            .ToPageAsync(query.Page, query.PageSize, AuditEntryResponse.From, cancellationToken);
    }

    /// <summary>The entries matching the query within what the caller may read (decided in the database query).</summary>
    public async Task<IQueryable<AuditEntry>> FilterAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var entries = db.AuditEntries.AsNoTracking();
        if (query.AllianceId is { } alliance)
        {
            entries = entries.Where(e => e.AllianceId == new AllianceId(alliance));
        }

        if (query.OrganizationId is { } organization)
        {
            entries = entries.Where(e => e.OrganizationId == new OrganizationId(organization));
        }

        if (query.PersonId is { } person)
        {
            entries = entries.Where(e => e.ActorId == new PersonId(person) || e.OnBehalfOfId == new PersonId(person));
        }

        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            entries = entries.Where(e => e.Action == query.Action);
        }

        if (query.From is { } from)
        {
            entries = entries.Where(e => e.At >= from);
        }

        if (query.To is { } to)
        {
            entries = entries.Where(e => e.At < to);
        }

        if (access.Caller.IsApplication)
        {
            throw new ForbiddenException("access.person-required", "The audit trail is read by people, not applications.");
        }

        var roles = await access.RolesAsync(cancellationToken);
        if (roles.IsAdministrator)
        {
            return entries;
        }

        // Everyone else: only within what their roles cover, decided in the database query.
        var me = access.Caller.PersonId!.Value;
        var alliances = roles.Assignments.Where(a => a.Role is Role.Chair or Role.Secretariat).Select(a => a.ScopeAllianceId!.Value).ToList();
        var departments = roles.SupervisedDepartments;
        alliances.AddRange(await db.Alliances.AsNoTracking().Where(a => departments.Contains(a.SupervisingDepartmentId)).Select(a => a.Id).ToListAsync(cancellationToken));
        var organizations = roles.RepresentedOrganizations;
        return entries.Where(e => e.ActorId == me
            || (e.AllianceId != null && alliances.Contains(e.AllianceId.Value))
            || (e.OrganizationId != null && organizations.Contains(e.OrganizationId.Value)));
    }
}
