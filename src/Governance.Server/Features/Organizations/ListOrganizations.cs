using Governance.Domain.Organizations;
using Governance.Server.Access;
using Governance.Server.Api;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Organizations;

public sealed record ListOrganizationsQuery(
    string? Search, OrganizationKind? Kind, CreditStatus? CreditStatus, int? Page, int? PageSize);

public sealed class ListOrganizationsHandler(GovernanceDbContext db, AccessControl access)
{
    public async Task<Page<OrganizationResponse>> HandleAsync(ListOrganizationsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var organizations = await access.VisibleAsync(db.Organizations.AsNoTracking(), cancellationToken);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim();
            organizations = UnifiedSocialCreditCode.TryParse(search, out var code)
                ? organizations.Where(o => o.CreditCode == code)
                : organizations.Where(o => o.Name.Contains(search) || o.Region.Contains(search));
        }

        if (query.Kind is { } kind)
        {
            organizations = organizations.Where(o => o.Kind == kind);
        }

        if (query.CreditStatus is { } status)
        {
            organizations = organizations.Where(o => o.CreditStatus == status);
        }

        return await organizations.OrderBy(o => o.Name).ThenBy(o => o.Id)
            .ToPageAsync(query.Page, query.PageSize, OrganizationResponse.From, cancellationToken);
    }
}
