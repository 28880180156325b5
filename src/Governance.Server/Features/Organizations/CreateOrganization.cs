using Governance.Domain.Common;
using Governance.Domain.Organizations;
using Governance.Server.Access;
using Governance.Server.Auditing;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Organizations;

public sealed record CreateOrganizationRequest(
    OrganizationKind? Kind, string? Name, string? CreditCode, string? Region, string? LegalRepresentativeName);

public sealed class CreateOrganizationHandler(GovernanceDbContext db, TimeProvider clock, AccessControl access, AuditTrail audit)
{
    public async Task<Organization> HandleAsync(CreateOrganizationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await access.DemandAdministratorAsync(cancellationToken);
        var kind = request.Kind ?? throw new DomainRuleViolation("organization.kind-required", "kind is required.", "kind");
        var code = UnifiedSocialCreditCode.Parse(request.CreditCode);
        if (await db.Organizations.AnyAsync(o => o.CreditCode == code, cancellationToken))
        {
            throw DuplicateCode(code);
        }

        var organization = new Organization(
            OrganizationId.New(), kind, request.Name!, code, request.Region!, request.LegalRepresentativeName!, clock.GetUtcNow());
        db.Organizations.Add(organization);
        audit.Record("organization.create", "Organization", organization.Id.ToString(), null, organization.Id,
            $"{organization.Kind} {organization.Name} {organization.CreditCode}");
        try
        {
            await audit.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (UniqueViolation.Is(exception))
        {
            throw DuplicateCode(code);
        }

        return organization;
    }

    private static ConflictException DuplicateCode(UnifiedSocialCreditCode code) =>
        new("organization.duplicate-credit-code", $"An organization with credit code {code} already exists.", "creditCode");
}
