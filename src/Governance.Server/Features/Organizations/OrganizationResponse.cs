using Governance.Domain.Organizations;

namespace Governance.Server.Features.Organizations;

public sealed record OrganizationResponse(
    Guid Id,
    OrganizationKind Kind,
    string Name,
    string CreditCode,
    string Region,
    string LegalRepresentativeName,
    Guid? LegalRepresentativeId,
    Guid? LiaisonId,
    CreditStatus CreditStatus,
    string? CreditStatusReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version)
{
    public static OrganizationResponse From(Organization organization)
    {
        ArgumentNullException.ThrowIfNull(organization);
        return new(
            organization.Id.Value,
            organization.Kind,
            organization.Name,
            organization.CreditCode.Value,
            organization.Region,
            organization.LegalRepresentativeName,
            organization.LegalRepresentativeId?.Value,
            organization.LiaisonId?.Value,
            organization.CreditStatus,
            organization.CreditStatusReason,
            organization.CreatedAt,
            organization.UpdatedAt,
            organization.Version);
    }
}
