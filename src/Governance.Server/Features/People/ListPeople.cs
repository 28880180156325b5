using Governance.Domain.People;
using Governance.Server.Access;
using Governance.Server.Api;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.People;

public sealed record ListPeopleQuery(string? Search, Role? Role, int? Page, int? PageSize);

/// <summary>Everyone registered, by name, with their role assignments (administrators).</summary>
public sealed class ListPeopleHandler(GovernanceDbContext db, AccessControl access)
{
    public async Task<Page<PersonResponse>> HandleAsync(ListPeopleQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await access.DemandAdministratorAsync(cancellationToken);
        var people = db.People.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim();
            var email = search.ToLowerInvariant();
            people = people.Where(p => p.Name.Contains(search) || p.Email.Contains(email));
        }

        if (query.Role is { } role)
        {
            people = people.Where(p => p.Roles.Any(r => r.Role == role));
        }

        return await people.OrderBy(p => p.Name).ThenBy(p => p.Id)
            .ToPageAsync(query.Page, query.PageSize, PersonResponse.From, cancellationToken);
    }
}
