using Governance.Domain.People;

namespace Governance.Server.Features.People;

public sealed record RoleResponse(Guid Id, Role Role, Guid? AllianceId, Guid? OrganizationId, DateTimeOffset From, DateTimeOffset? Until);

public sealed record PersonResponse(Guid Id, string Name, string Email, string? Phone, PreferredLanguage Language, IReadOnlyList<RoleResponse> Roles)
{
    public static PersonResponse From(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return new(person.Id.Value, person.Name, person.Email, person.Phone, person.Language,
            person.Roles.Select(r => new RoleResponse(r.Id, r.Role, r.ScopeAllianceId?.Value, r.ScopeOrganizationId?.Value, r.From, r.Until)).ToList());
    }
}
