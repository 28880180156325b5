using Governance.Domain.Common;
using Governance.Domain.Organizations;
using Governance.Server.Api;
using Governance.Server.Access;
using Governance.Server.Auditing;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Organizations;

public sealed record ChangeCreditStatusRequest(CreditStatus? Status, string? Reason);

/// <summary>
/// Records a credit decision (信用奖惩) on an organization. A downgrade (Good → Warned → Barred) opens an
/// exit review (member-exit, CreditReview) of each of its current memberships.
/// </summary>
public sealed class ChangeCreditStatusHandler(
    GovernanceDbContext db, TimeProvider clock, AccessControl access, AuditTrail audit, Lifecycles.StartLifecycleHandler lifecycles)
{
    public async Task<Organization> HandleAsync(Guid id, ChangeCreditStatusRequest request, string? ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await access.DemandAdministratorAsync(cancellationToken);
        var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Id == new OrganizationId(id), cancellationToken)
            ?? throw new NotFoundException("Organization", id);
        Concurrency.EnsureMatches(organization, ifMatch);
        var status = request.Status ?? throw new DomainRuleViolation("organization.status-required", "status is required.", "status");
        var before = organization.CreditStatus;
        organization.ChangeCreditStatus(status, request.Reason, clock.GetUtcNow());
        audit.Record("organization.credit-status", "Organization", organization.Id.ToString(), null, organization.Id,
            $"{AuditTrail.Change("creditStatus", before, status)}; reason: {request.Reason}");
        await audit.SaveChangesAsync(cancellationToken);
        if (status > before)
        {
            await lifecycles.CreditReviewsAsync(organization, cancellationToken);
        }

        return organization;
    }
}
