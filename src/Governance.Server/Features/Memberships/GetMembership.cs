using Governance.Domain.Common;
using Governance.Server.Access;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Memberships;

public sealed class GetMembershipHandler(GovernanceDbContext db, AccessControl access)
{
    public async Task<MembershipResponse> HandleAsync(Guid id, CancellationToken cancellationToken)
    {
        var row = await (await access.VisibleAsync(db.Memberships.AsNoTracking(), cancellationToken))
            .Where(m => m.Id == new MembershipId(id))
            .Join(db.Organizations, m => m.OrganizationId, o => o.Id, (m, o) => new { Membership = m, o.Name })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Membership", id);
        return MembershipResponse.From(row.Membership, row.Name);
    }
}
