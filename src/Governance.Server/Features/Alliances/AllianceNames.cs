using Governance.Domain.Common;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Alliances;

/// <summary>Display names of the people and organizations an alliance's records refer to by id.</summary>
internal static class AllianceNames
{
    public static async Task<IReadOnlyDictionary<Guid, string>> PeopleAsync(
        GovernanceDbContext db, IEnumerable<PersonId> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        return wanted.Count == 0
            ? new Dictionary<Guid, string>()
            : (await db.People.AsNoTracking().Where(p => wanted.Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken))
                .ToDictionary(p => p.Id.Value, p => p.Name);
    }

    public static async Task<IReadOnlyDictionary<Guid, string>> OrganizationsAsync(
        GovernanceDbContext db, IEnumerable<OrganizationId> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        return wanted.Count == 0
            ? new Dictionary<Guid, string>()
            : (await db.Organizations.AsNoTracking().Where(o => wanted.Contains(o.Id)).Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken))
                .ToDictionary(o => o.Id.Value, o => o.Name);
    }

    public static string? Of(this IReadOnlyDictionary<Guid, string> names, Guid? id) =>
        id is { } key && names.TryGetValue(key, out var name) ? name : null;
}
