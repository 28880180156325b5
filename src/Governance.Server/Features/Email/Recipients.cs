using Governance.Domain.Common;
using Governance.Domain.People;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Email;

/// <summary>
/// Who a message is for, as a role or a person, never as an address: the people are looked up when the
/// message is composed, from the role assignments in force at that moment.
/// </summary>
public abstract record RecipientSpec
{
    public static RecipientSpec Person(PersonId id) => new PersonRecipient(id);

    public static RecipientSpec Secretariat(AllianceId alliance) => new RoleRecipients([Role.Secretariat], RoleScope.Alliance(alliance));

    /// <summary>The council: its members and its chair.</summary>
    public static RecipientSpec CouncilMembers(AllianceId alliance) =>
        new RoleRecipients([Role.CouncilMember, Role.Chair], RoleScope.Alliance(alliance));

    public static RecipientSpec Chair(AllianceId alliance) => new RoleRecipients([Role.Chair], RoleScope.Alliance(alliance));

    public static RecipientSpec LegalRepresentative(OrganizationId organization) =>
        new RoleRecipients([Role.LegalRepresentative], RoleScope.Organization(organization));

    public static RecipientSpec Liaison(OrganizationId organization) => new RoleRecipients([Role.Liaison], RoleScope.Organization(organization));

    /// <summary>Everyone either spec names, each person once.</summary>
    public RecipientSpec And(RecipientSpec other) => new CombinedRecipients([this, other]);
}

public sealed record PersonRecipient(PersonId Id) : RecipientSpec
{
    public override string ToString() => $"person {Id.Value}";
}

public sealed record RoleRecipients(IReadOnlyList<Role> Roles, RoleScope Scope) : RecipientSpec
{
    public override string ToString() =>
        $"{string.Join("/", Roles)} of {(Scope.AllianceId is { } a ? $"alliance {a.Value}" : $"organization {Scope.OrganizationId?.Value}")}";
}

public sealed record CombinedRecipients(IReadOnlyList<RecipientSpec> Parts) : RecipientSpec
{
    public override string ToString() => string.Join(" + ", Parts);
}

/// <summary>Turns a <see cref="RecipientSpec"/> into the people who hold those roles at a given time.</summary>
public sealed class RecipientResolver(GovernanceDbContext db)
{
    public async Task<IReadOnlyList<Person>> ResolveAsync(RecipientSpec spec, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var found = new Dictionary<PersonId, Person>();
        await CollectAsync(spec, at, found, cancellationToken);
        return found.Values.OrderBy(p => p.Email, StringComparer.Ordinal).ToList();
    }

    private async Task CollectAsync(RecipientSpec spec, DateTimeOffset at, Dictionary<PersonId, Person> found, CancellationToken cancellationToken)
    {
        switch (spec)
        {
            case PersonRecipient person:
                if (await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == person.Id, cancellationToken) is { } one)
                {
                    found.TryAdd(one.Id, one);
                }

                break;
            case RoleRecipients roles:
                var alliance = roles.Scope.AllianceId;
                var organization = roles.Scope.OrganizationId;
                var candidates = await db.People.AsNoTracking()
                    .Where(p => p.Roles.Any(r => roles.Roles.Contains(r.Role)
                        && r.ScopeAllianceId == alliance && r.ScopeOrganizationId == organization))
                    .ToListAsync(cancellationToken);

                // The dates are checked here, with the domain's own rule of when an assignment is in force.
                foreach (var person in candidates.Where(p => roles.Roles.Any(role => p.Holds(role, roles.Scope, at))))
                {
                    found.TryAdd(person.Id, person);
                }

                break;
            case CombinedRecipients combined:
                foreach (var part in combined.Parts)
                {
                    await CollectAsync(part, at, found, cancellationToken);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(spec), spec, "Unknown recipient spec.");
        }
    }
}
