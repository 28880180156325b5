using Governance.Domain.Alliances;

namespace Governance.Server.Features.Alliances;

public sealed record CouncilSeatResponse(
    Guid Id, Guid PersonId, Guid OrganizationId, CouncilPosition Position, DateTimeOffset Since, DateTimeOffset? Until);

public sealed record ExpertSeatResponse(
    Guid Id, Guid PersonId, Guid? OrganizationId, string Field, DateTimeOffset Since, DateTimeOffset? Until);

public sealed record AllianceResponse(
    Guid Id,
    string Name,
    string IndustryField,
    AllianceKind Kind,
    Guid SupervisingDepartmentId,
    AllianceStatus Status,
    string? StatusReason,
    IReadOnlyList<AllianceStatus> AllowedNextStatuses,
    DateTimeOffset CreatedAt,
    DateTimeOffset StatusChangedAt,
    IReadOnlyList<CouncilSeatResponse> Council,
    IReadOnlyList<ExpertSeatResponse> ExpertCommittee,
    int Version)
{
    public static AllianceResponse From(Alliance alliance)
    {
        ArgumentNullException.ThrowIfNull(alliance);
        return new(
            alliance.Id.Value,
            alliance.Name,
            alliance.IndustryField,
            alliance.Kind,
            alliance.SupervisingDepartmentId.Value,
            alliance.Status,
            alliance.StatusReason,
            AllianceStatusMachine.NextFrom(alliance.Status),
            alliance.CreatedAt,
            alliance.StatusChangedAt,
            alliance.CouncilSeats.Where(s => s.IsCurrent)
                .Select(s => new CouncilSeatResponse(s.Id, s.PersonId.Value, s.OrganizationId.Value, s.Position, s.Since, s.Until))
                .ToList(),
            alliance.ExpertSeats.Where(s => s.IsCurrent)
                .Select(s => new ExpertSeatResponse(s.Id, s.PersonId.Value, s.OrganizationId?.Value, s.Field, s.Since, s.Until))
                .ToList(),
            alliance.Version);
    }
}
