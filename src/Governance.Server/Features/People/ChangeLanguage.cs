using Governance.Domain.Common;
using Governance.Domain.People;
using Governance.Server.Access;
using Governance.Server.Auditing;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.People;

public sealed record ChangeLanguageRequest(PreferredLanguage? Language);

/// <summary>
/// The language a person reads the web UI and their emails in (简体中文 by default). A person sets
/// their own; an administrator may set anyone's; to everyone else the person does not exist.
/// </summary>
public sealed class ChangeLanguageHandler(GovernanceDbContext db, AccessControl access, AuditTrail audit)
{
    public async Task<Person> HandleAsync(Guid id, ChangeLanguageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (access.Caller.PersonId != new PersonId(id) && !await access.IsAdministratorAsync(cancellationToken))
        {
            throw new NotFoundException("Person", id);
        }

        var person = await db.People.SingleOrDefaultAsync(p => p.Id == new PersonId(id), cancellationToken) ?? throw new NotFoundException("Person", id);
        var language = request.Language ?? throw new DomainRuleViolation("person.language-required", "language is required.", "language");
        var before = person.Language;
        if (before == language)
        {
            return person;
        }

        person.ChangeLanguage(language);
        audit.Record("person.language", "Person", person.Id.ToString(), null, null, AuditTrail.Change("language", before, language));
        await audit.SaveChangesAsync(cancellationToken);
        return person;
    }
}
