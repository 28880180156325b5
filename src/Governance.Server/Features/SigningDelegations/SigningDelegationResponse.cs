using Governance.Server.Access;

namespace Governance.Server.Features.SigningDelegations;

public enum SigningDelegationState
{
    /// <summary>Starts later.</summary>
    Upcoming,
    Active,
    Expired,
    Revoked,
}

/// <summary>A delegation with the names a signature shows ("delegate on behalf of legal representative").</summary>
public sealed record SigningDelegationResponse(
    Guid Id,
    Guid OrganizationId,
    Guid LegalRepresentativeId,
    string LegalRepresentativeName,
    Guid DelegateId,
    string DelegateName,
    DateTimeOffset From,
    DateTimeOffset? Until,
    Guid? AllianceId,
    Guid? AgreementId,
    SigningDelegationState State,
    Guid? GrantedById,
    DateTimeOffset? GrantedAt,
    DateTimeOffset? RevokedAt,
    Guid? RevokedById,
    string? RevocationReason)
{
    public static SigningDelegationResponse Of(SigningDelegationRecord record, IReadOnlyDictionary<Guid, string> names, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(names);
        var state = record.RevokedAt is { } revoked && revoked <= now ? SigningDelegationState.Revoked
            : record.Until is { } until && until <= now ? SigningDelegationState.Expired
            : record.From > now ? SigningDelegationState.Upcoming
            : SigningDelegationState.Active;
        return new SigningDelegationResponse(
            record.Id, record.OrganizationId, record.LegalRepresentativeId, names.GetValueOrDefault(record.LegalRepresentativeId, "?"),
            record.DelegateId, names.GetValueOrDefault(record.DelegateId, "?"), record.From, record.Until, record.AllianceId, record.AgreementId,
            state, record.GrantedById, record.GrantedAt, record.RevokedAt, record.RevokedById, record.RevocationReason);
    }
}
