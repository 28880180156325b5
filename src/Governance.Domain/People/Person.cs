using System.Net.Mail;
using Governance.Domain.Common;

namespace Governance.Domain.People;

public enum PreferredLanguage
{
    ZhCn,
    En,
}

/// <summary>A natural person who acts on the platform; every right comes from a dated role assignment.</summary>
public sealed class Person : AggregateRoot
{
    private const string Codes = "person";
    private readonly List<RoleAssignment> _roles = [];

    public Person(PersonId id, string name, string email, string? phone, PreferredLanguage language, DateTimeOffset now)
    {
        Guard.Defined(language, "language", Codes);
        Id = id;
        Name = Guard.Text(name, "name", 100, Codes);
        Email = NormalizeEmail(email);
        Phone = Guard.OptionalText(phone, "phone", 30, Codes);
        Language = language;
        CreatedAt = Guard.Utc(now);
    }

    private Person()
    {
        Name = string.Empty;
        Email = string.Empty;
    }

    public PersonId Id { get; private set; }

    public string Name { get; private set; }

    public string Email { get; private set; }

    public string? Phone { get; private set; }

    public PreferredLanguage Language { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyList<RoleAssignment> Roles => _roles;

    public static string NormalizeEmail(string? email)
    {
        var trimmed = Guard.Text(email, "email", 254, Codes);
        if (!MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed)
        {
            throw new DomainRuleViolation("person.invalid-email", $"'{trimmed}' is not an email address.", "email");
        }

        return trimmed.ToLowerInvariant();
    }

    public void ChangeLanguage(PreferredLanguage language)
    {
        Guard.Defined(language, "language", Codes);
        Language = language;
        MarkChanged();
    }

    public RoleAssignment Grant(Role role, RoleScope scope, DateTimeOffset from, DateTimeOffset? until)
    {
        var assignment = new RoleAssignment(Guid.CreateVersion7(), role, scope, from, until);
        if (_roles.Any(r => r.Role == role && r.Scope == scope && r.Overlaps(assignment)))
        {
            throw new DomainRuleViolation(
                "person.role-already-held", $"{Name} already holds {role} for that scope in that period.");
        }

        _roles.Add(assignment);
        MarkChanged();
        return assignment;
    }

    /// <summary>Ends a role; the assignment stays for the record.</summary>
    public void Revoke(Guid assignmentId, DateTimeOffset at)
    {
        var assignment = _roles.SingleOrDefault(r => r.Id == assignmentId)
            ?? throw new DomainRuleViolation("person.role-not-found", "No such role assignment.");
        assignment.End(at);
        MarkChanged();
    }

    public bool Holds(Role role, RoleScope scope, DateTimeOffset at) =>
        _roles.Any(r => r.Role == role && r.Scope == scope && r.IsActiveAt(at));
}
