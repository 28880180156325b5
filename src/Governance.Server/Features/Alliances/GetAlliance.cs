using Governance.Domain.Alliances;
using Governance.Domain.Common;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Alliances;

public sealed class GetAllianceHandler(GovernanceDbContext db)
{
    public async Task<Alliance> HandleAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Alliances.AsNoTracking().SingleOrDefaultAsync(a => a.Id == new AllianceId(id), cancellationToken)
        ?? throw new NotFoundException("Alliance", id);
}
