using Governance.Domain.Alliances;
using Governance.Domain.Common;
using Governance.Server.Access;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Alliances;

public sealed record CouncilMemberResponse(
    Guid SeatId, Guid PersonId, string? PersonName, Guid OrganizationId, string? OrganizationName, CouncilPosition Position, DateTimeOffset Since);

public sealed record ExpertResponse(
    Guid SeatId, Guid PersonId, string? PersonName, Guid? OrganizationId, string? OrganizationName, string Field, DateTimeOffset Since);

public sealed record AllianceGovernanceResponse(Guid AllianceId, IReadOnlyList<CouncilMemberResponse> Council, IReadOnlyList<ExpertResponse> ExpertCommittee);

/// <summary>The current council (理事会) and expert committee (专家委员会), with the names of the people and their units.</summary>
public sealed class GetAllianceGovernanceHandler(GovernanceDbContext db, AccessControl access)
{
    public async Task<AllianceGovernanceResponse> HandleAsync(Guid id, CancellationToken cancellationToken)
    {
        var alliance = await (await access.VisibleAsync(db.Alliances.AsNoTracking(), cancellationToken))
            .SingleOrDefaultAsync(a => a.Id == new AllianceId(id), cancellationToken)
            ?? throw new NotFoundException("Alliance", id);
        var council = alliance.CouncilSeats.Where(s => s.IsCurrent).ToList();
        var experts = alliance.ExpertSeats.Where(s => s.IsCurrent).ToList();
        var people = await AllianceNames.PeopleAsync(db, council.Select(s => s.PersonId).Concat(experts.Select(s => s.PersonId)), cancellationToken);
        var units = await AllianceNames.OrganizationsAsync(
            db, council.Select(s => s.OrganizationId).Concat(experts.Where(s => s.OrganizationId is not null).Select(s => s.OrganizationId!.Value)), cancellationToken);
        return new AllianceGovernanceResponse(
            id,
            council.OrderBy(s => s.Position).ThenBy(s => s.Since)
                .Select(s => new CouncilMemberResponse(s.Id, s.PersonId.Value, people.Of(s.PersonId.Value), s.OrganizationId.Value,
                    units.Of(s.OrganizationId.Value), s.Position, s.Since))
                .ToList(),
            experts.OrderBy(s => s.Since)
                .Select(s => new ExpertResponse(s.Id, s.PersonId.Value, people.Of(s.PersonId.Value), s.OrganizationId?.Value,
                    units.Of(s.OrganizationId?.Value), s.Field, s.Since))
                .ToList());
    }
}
