using Governance.Domain.Common;
using Governance.Domain.People;
using Governance.Server.Access;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.People;

/// <summary>One person with their role assignments: for administrators, or the person themselves (404 for anyone else).</summary>
public sealed class GetPersonHandler(GovernanceDbContext db, AccessControl access)
{
    public async Task<Person> HandleAsync(Guid id, CancellationToken cancellationToken)
    {
        if (access.Caller.PersonId != new PersonId(id) && !await access.IsAdministratorAsync(cancellationToken))
        {
            throw new NotFoundException("Person", id);
        }

        return await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == new PersonId(id), cancellationToken)
            ?? throw new NotFoundException("Person", id);
    }
}
