using Governance.Domain.Common;

namespace Governance.Domain.Alliances;

public enum CouncilPosition
{
    /// <summary>理事长</summary>
    Chair,

    /// <summary>副理事长</summary>
    ViceChair,

    /// <summary>秘书长</summary>
    SecretaryGeneral,

    /// <summary>理事</summary>
    Member,
}

/// <summary>A council (理事会) seat held by a person on behalf of a member unit.</summary>
public sealed class CouncilSeat
{
    internal CouncilSeat(PersonId personId, OrganizationId organizationId, CouncilPosition position, DateTimeOffset since)
    {
        Id = Guid.CreateVersion7();
        PersonId = personId;
        OrganizationId = organizationId;
        Position = position;
        Since = since;
    }

    private CouncilSeat()
    {
    }

    public Guid Id { get; private set; }

    public PersonId PersonId { get; private set; }

    public OrganizationId OrganizationId { get; private set; }

    public CouncilPosition Position { get; private set; }

    public DateTimeOffset Since { get; private set; }

    public DateTimeOffset? Until { get; private set; }

    public bool IsCurrent => Until is null;

    internal void Vacate(DateTimeOffset at) => Until = at;
}

/// <summary>A seat on the expert committee (专家委员会), appointed by the council.</summary>
public sealed class ExpertSeat
{
    internal ExpertSeat(PersonId personId, OrganizationId? organizationId, string field, DateTimeOffset since)
    {
        Id = Guid.CreateVersion7();
        PersonId = personId;
        OrganizationId = organizationId;
        Field = field;
        Since = since;
    }

    private ExpertSeat()
    {
        Field = string.Empty;
    }

    public Guid Id { get; private set; }

    public PersonId PersonId { get; private set; }

    public OrganizationId? OrganizationId { get; private set; }

    public string Field { get; private set; }

    public DateTimeOffset Since { get; private set; }

    public DateTimeOffset? Until { get; private set; }

    public bool IsCurrent => Until is null;

    internal void Vacate(DateTimeOffset at) => Until = at;
}
