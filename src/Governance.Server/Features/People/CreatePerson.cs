using Governance.Domain.Common;
using Governance.Domain.People;
using Governance.Server.Access;
using Governance.Server.Auditing;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.People;

public sealed record CreatePersonRequest(string? Name, string? Email, string? Phone, PreferredLanguage? Language);

/// <summary>An administrator registers a person (an invitation gives them an account).</summary>
public sealed class CreatePersonHandler(GovernanceDbContext db, TimeProvider clock, AccessControl access, AuditTrail audit)
{
    public async Task<Person> HandleAsync(CreatePersonRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await access.DemandAdministratorAsync(cancellationToken);
        var person = new Person(PersonId.New(), request.Name!, request.Email!, request.Phone, request.Language ?? PreferredLanguage.ZhCn, clock.GetUtcNow());
        if (await db.People.AnyAsync(p => p.Email == person.Email, cancellationToken))
        {
            throw new ConflictException("person.duplicate-email", "A person with this email already exists.", "email");
        }

        db.People.Add(person);
        audit.Record("person.create", "Person", person.Id.ToString(), null, null, person.Email);
        await audit.SaveChangesAsync(cancellationToken);
        return person;
    }
}
