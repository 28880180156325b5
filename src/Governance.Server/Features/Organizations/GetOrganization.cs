using Governance.Domain.Common;
using Governance.Domain.Organizations;
using Governance.Server.Access;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Organizations;

public sealed class GetOrganizationHandler(GovernanceDbContext db, AccessControl access)
{
    public async Task<Organization> HandleAsync(Guid id, CancellationToken cancellationToken) =>
        await (await access.VisibleAsync(db.Organizations.AsNoTracking(), cancellationToken)).SingleOrDefaultAsync(o => o.Id == new OrganizationId(id), cancellationToken)
        ?? throw new NotFoundException("Organization", id);
}
