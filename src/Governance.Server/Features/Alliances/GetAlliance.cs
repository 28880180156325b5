using Governance.Domain.Alliances;
using Governance.Domain.Common;
using Governance.Server.Access;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Alliances;

public sealed class GetAllianceHandler(GovernanceDbContext db, AccessControl access)
{
    public async Task<Alliance> HandleAsync(Guid id, CancellationToken cancellationToken) =>
        await (await access.VisibleAsync(db.Alliances.AsNoTracking(), cancellationToken)).SingleOrDefaultAsync(a => a.Id == new AllianceId(id), cancellationToken)
        ?? throw new NotFoundException("Alliance", id);
}
