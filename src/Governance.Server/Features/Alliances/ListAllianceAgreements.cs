using Governance.Domain.Agreements;
using Governance.Domain.Common;
using Governance.Server.Access;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Alliances;

public sealed record AgreementPartyResponse(
    Guid OrganizationId, string? OrganizationName, int Order, SignatureOutcome? Outcome, string? SignerName, string? OnBehalfOfName,
    DateTimeOffset? At, AuthenticationMethod? Method, string? DeclinedReason);

public sealed record AgreementResponse(
    Guid Id, AgreementKind Kind, string Title, AgreementStatus Status, SigningOrder Order, string? DocumentSha256,
    DateTimeOffset CreatedAt, DateTimeOffset? SigningDeadline, DateTimeOffset? InForceFrom, DateTimeOffset? ClosedAt,
    int SignedCount, IReadOnlyList<AgreementPartyResponse> Parties);

/// <summary>
/// The alliance's agreements (联盟协议, accession agreements, charter signings), newest first, with each
/// party's signature status: signed (by whom, when, how), declined (with the reason) or outstanding.
/// </summary>
public sealed class ListAllianceAgreementsHandler(GovernanceDbContext db, AccessControl access)
{
    public async Task<IReadOnlyList<AgreementResponse>> HandleAsync(Guid allianceId, CancellationToken cancellationToken)
    {
        if (!await access.CanSeeAllianceAsync(new AllianceId(allianceId), cancellationToken)
            || !await db.Alliances.AnyAsync(a => a.Id == new AllianceId(allianceId), cancellationToken))
        {
            throw new NotFoundException("Alliance", allianceId);
        }

        var agreements = await db.Agreements.AsNoTracking().Where(a => a.AllianceId == new AllianceId(allianceId)).ToListAsync(cancellationToken);
        var signatures = agreements.SelectMany(a => a.Signatures).ToList();
        var people = await AllianceNames.PeopleAsync(
            db, signatures.Select(s => s.SignerId).Concat(signatures.Where(s => s.OnBehalfOfId is not null).Select(s => s.OnBehalfOfId!.Value)), cancellationToken);
        var units = await AllianceNames.OrganizationsAsync(db, agreements.SelectMany(a => a.Parties).Select(p => p.OrganizationId), cancellationToken);
        return agreements.OrderByDescending(a => a.CreatedAt).Select(a => new AgreementResponse(
            a.Id.Value, a.Kind, a.Title, a.Status, a.Order, a.DocumentSha256, a.CreatedAt, a.SigningDeadline, a.InForceFrom, a.ClosedAt,
            a.Parties.Count(p => a.Signatures.Any(s => s.OrganizationId == p.OrganizationId && s.Outcome == SignatureOutcome.Signed)),
            a.Parties.OrderBy(p => p.Order).Select(p =>
            {
                // The signature that counts: a signature if there is one, otherwise the latest refusal.
                var signature = a.Signatures.Where(s => s.OrganizationId == p.OrganizationId)
                    .OrderBy(s => s.Outcome == SignatureOutcome.Signed ? 0 : 1).ThenByDescending(s => s.At).FirstOrDefault();
                return new AgreementPartyResponse(
                    p.OrganizationId.Value, units.Of(p.OrganizationId.Value), p.Order, signature?.Outcome, people.Of(signature?.SignerId.Value),
                    people.Of(signature?.OnBehalfOfId?.Value), signature?.At, signature?.Method, signature?.DeclinedReason);
            }).ToList())).ToList();
    }
}
