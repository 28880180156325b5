using Governance.Domain.People;
using Governance.Server.Features.People;

namespace Governance.Server.Ui.Layout;

/// <summary>The signed-in person as the layout loaded them, cascaded to the pages (names, roles, language).</summary>
public sealed record CurrentPerson(PersonResponse Person, DateTimeOffset LoadedAt)
{
    public Guid Id => Person.Id;

    public bool IsAdministrator => Person.Roles.Any(r => r.Role == Role.Administrator && IsCurrent(r));

    public IEnumerable<RoleResponse> CurrentRoles => Person.Roles.Where(IsCurrent);

    private bool IsCurrent(RoleResponse role) => role.From <= LoadedAt && (role.Until is null || LoadedAt < role.Until);
}
