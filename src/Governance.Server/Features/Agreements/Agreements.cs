using Governance.Domain.Agreements;
using Governance.Domain.Common;
using Governance.Server.Access;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Governance.Server.Processes;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Agreements;

public sealed record SignatureResponse(
    Guid OrganizationId, string Outcome, Guid SignerId, string SignerName, Guid? OnBehalfOfId, string SignerRole,
    AuthenticationMethod Method, DateTimeOffset At, string? DeclinedReason);

public sealed record AgreementPartyResponse(Guid OrganizationId, string OrganizationName, int Order, string Status, SignatureResponse? Signature);

public sealed record AgreementResponse(
    Guid Id, Guid AllianceId, AgreementKind Kind, string Title, AgreementStatus Status, SigningOrder Order, string? DocumentSha256,
    Guid? DocumentId, string? DocumentNumber, DateTimeOffset? SigningDeadline, DateTimeOffset? InForceFrom, string StepUpPurpose,
    IReadOnlyList<AgreementPartyResponse> Parties);

public sealed record SignRequest(Guid? OrganizationId, string? StepUpProof);

public sealed record DeclineRequest(Guid? OrganizationId, string? Reason, string? StepUpProof);

/// <summary>An agreement with every party's signature status; seen by whoever can see its alliance or is one of its parties' signatories.</summary>
public sealed class GetAgreementHandler(GovernanceDbContext db, AccessControl access)
{
    public async Task<AgreementResponse> HandleAsync(Guid id, CancellationToken cancellationToken)
    {
        var agreement = await db.Agreements.AsNoTracking().SingleOrDefaultAsync(a => a.Id == new AgreementId(id), cancellationToken);
        if (agreement is null || !await MaySeeAsync(agreement, cancellationToken))
        {
            throw new NotFoundException("Agreement", id);
        }

        return await DescribeAsync(db, agreement, cancellationToken);
    }

    private async Task<bool> MaySeeAsync(Agreement agreement, CancellationToken cancellationToken)
    {
        if (await access.CanSeeAllianceAsync(agreement.AllianceId, cancellationToken))
        {
            return true;
        }

        var roles = await access.RolesAsync(cancellationToken);
        return agreement.Parties.Any(p => roles.HoldsInOrganization(p.OrganizationId, Domain.People.Role.LegalRepresentative, Domain.People.Role.Liaison));
    }

    internal static async Task<AgreementResponse> DescribeAsync(GovernanceDbContext db, Agreement agreement, CancellationToken cancellationToken)
    {
        var organizationIds = agreement.Parties.Select(p => p.OrganizationId).ToList();
        var organizations = await db.Organizations.AsNoTracking().Where(o => organizationIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var signerIds = agreement.Signatures.Select(s => s.SignerId).Distinct().ToList();
        var signers = await db.People.AsNoTracking().Where(p => signerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var document = await db.Documents.AsNoTracking()
            .Where(d => d.Sha256 == agreement.DocumentSha256 && d.AllianceId == agreement.AllianceId.Value)
            .OrderBy(d => d.CreatedAt)
            .Select(d => new { d.Id, d.Number })
            .FirstOrDefaultAsync(cancellationToken);
        var parties = agreement.Parties.OrderBy(p => p.Order).Select(p =>
        {
            var signature = agreement.Signatures.LastOrDefault(s => s.OrganizationId == p.OrganizationId);
            var status = signature?.Outcome.ToString() ?? (agreement.Status == AgreementStatus.Signing ? "Pending" : "NotSigned");
            return new AgreementPartyResponse(p.OrganizationId.Value, organizations.GetValueOrDefault(p.OrganizationId, ""), p.Order, status,
                signature is null ? null : new SignatureResponse(signature.OrganizationId.Value, signature.Outcome.ToString(), signature.SignerId.Value,
                    signers.GetValueOrDefault(signature.SignerId, ""), signature.OnBehalfOfId?.Value, signature.SignerRole, signature.Method, signature.At,
                    signature.DeclinedReason));
        }).ToList();
        return new AgreementResponse(agreement.Id.Value, agreement.AllianceId.Value, agreement.Kind, agreement.Title, agreement.Status, agreement.Order,
            agreement.DocumentSha256, document?.Id, document?.Number, agreement.SigningDeadline, agreement.InForceFrom,
            AgreementSigning.Purpose(agreement.Id), parties);
    }
}

/// <summary>Signs or declines for a party, with a step-up proof; the evidence (method, IP, user agent) is kept with the signature.</summary>
public sealed class SignAgreementHandler(GovernanceDbContext db, AgreementSigning signing, AccessControl access, CallerContext caller)
{
    public async Task<AgreementResponse> SignAsync(Guid id, SignRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var person = Person();
        await signing.SignAsync(new AgreementId(id), Organization(request.OrganizationId), person, request.StepUpProof, Client(), cancellationToken);
        return await DescribeAsync(id, cancellationToken);
    }

    public async Task<AgreementResponse> DeclineAsync(Guid id, DeclineRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var person = Person();
        await signing.DeclineAsync(new AgreementId(id), Organization(request.OrganizationId), person, request.Reason, request.StepUpProof, Client(),
            cancellationToken);
        return await DescribeAsync(id, cancellationToken);
    }

    private async Task<AgreementResponse> DescribeAsync(Guid id, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var agreement = await db.Agreements.AsNoTracking().SingleAsync(a => a.Id == new AgreementId(id), cancellationToken);
        return await GetAgreementHandler.DescribeAsync(db, agreement, cancellationToken);
    }

    private PersonId Person() =>
        access.Caller.PersonId ?? throw new ForbiddenException("access.person-required", "Only a person signs.");

    private static OrganizationId? Organization(Guid? id) => id is { } value ? new OrganizationId(value) : null;

    // Where the signer acts from: the request, or the web UI's connection (CallerContext knows which).
    private SigningClient Client() => new(caller.IpAddress, caller.UserAgent);
}
