using Governance.Domain.Common;
using Governance.Server.Access;
using Governance.Server.Auditing;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.SigningDelegations;

public sealed record RevokeSigningDelegationRequest(string? Reason);

/// <summary>Ends a delegation now: from this moment the delegate no longer signs for the organization.</summary>
public sealed class RevokeSigningDelegationHandler(GovernanceDbContext db, TimeProvider clock, SigningDelegationAccess delegations, AuditTrail audit)
{
    public async Task<SigningDelegationResponse> HandleAsync(
        Guid organizationId, Guid delegationId, RevokeSigningDelegationRequest? request, CancellationToken cancellationToken)
    {
        var organization = await delegations.DemandGrantorAsync(organizationId, cancellationToken);
        var record = await db.SigningDelegations.SingleOrDefaultAsync(
                d => d.Id == delegationId && d.OrganizationId == organization.Id.Value, cancellationToken)
            ?? throw new NotFoundException("SigningDelegation", delegationId);
        var now = clock.GetUtcNow();
        if (record.RevokedAt is not null)
        {
            throw new ConflictException("delegation.already-revoked", "The delegation was revoked already.");
        }

        if (record.Until <= now)
        {
            throw new ConflictException("delegation.already-ended", "The delegation has ended already.");
        }

        var reason = request?.Reason?.Trim();
        if (reason?.Length > SigningDelegationRecord.ReasonLength)
        {
            throw new DomainRuleViolation("delegation.reason-too-long", $"reason has at most {SigningDelegationRecord.ReasonLength} characters.", "reason");
        }

        record.RevokedAt = now;
        record.RevokedById = delegations.Access.Caller.PersonId!.Value.Value;
        record.RevocationReason = string.IsNullOrEmpty(reason) ? null : reason;
        audit.Record("signing-delegation.revoke", "SigningDelegation", record.Id.ToString(),
            record.AllianceId is { } alliance ? new AllianceId(alliance) : null, organization.Id,
            $"delegate {record.DelegateId} for {record.LegalRepresentativeId}; reason: {record.RevocationReason}");
        await audit.SaveChangesAsync(cancellationToken);
        return SigningDelegationResponse.Of(record, await delegations.NamesAsync([record], cancellationToken), now);
    }
}
