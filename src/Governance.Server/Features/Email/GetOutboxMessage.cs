using Governance.Server.Access;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Governance.Server.WorkflowHosting;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Email;

public sealed class GetOutboxMessageHandler(GovernanceDbContext db, AccessControl access)
{
    public async Task<OutboxMessageRecord> HandleAsync(Guid id, CancellationToken cancellationToken)
    {
        await access.DemandAdministratorAsync(cancellationToken);
        return await db.OutboxMessages.AsNoTracking().Include(m => m.Attachments).SingleOrDefaultAsync(m => m.Id == id, cancellationToken)
            ?? throw new NotFoundException("Outbox", id);
    }
}
