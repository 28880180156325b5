using Governance.Domain.Alliances;
using Governance.Domain.Common;
using Governance.Server.Access;
using Governance.Server.Auditing;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Alliances;

public sealed record CreateAllianceRequest(string? Name, string? IndustryField, AllianceKind? Kind, Guid? SupervisingDepartmentId);

/// <summary>Registers a proposed alliance (the founding application follows from here).</summary>
public sealed class CreateAllianceHandler(GovernanceDbContext db, TimeProvider clock, AuditTrail audit)
{
    public async Task<Alliance> HandleAsync(CreateAllianceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var kind = request.Kind ?? throw new DomainRuleViolation("alliance.kind-required", "kind is required.", "kind");
        var supervisorId = request.SupervisingDepartmentId
            ?? throw new DomainRuleViolation("alliance.supervisingDepartmentId-required", "supervisingDepartmentId is required.", "supervisingDepartmentId");
        var supervisor = await db.Organizations.SingleOrDefaultAsync(o => o.Id == new OrganizationId(supervisorId), cancellationToken)
            ?? throw new DomainRuleViolation(
                "alliance.supervisor-not-found", "The supervising department is not a registered organization.", "supervisingDepartmentId");

        var alliance = new Alliance(AllianceId.New(), request.Name!, request.IndustryField!, kind, supervisor, clock.GetUtcNow());
        if (await db.Alliances.AnyAsync(a => a.Name == alliance.Name, cancellationToken))
        {
            throw new ConflictException("alliance.duplicate-name", $"An alliance named {alliance.Name} already exists.", "name");
        }

        db.Alliances.Add(alliance);
        audit.Record("alliance.create", "Alliance", alliance.Id.ToString(), alliance.Id, supervisor.Id, $"{alliance.Kind} {alliance.Name}");
        await audit.SaveChangesAsync(cancellationToken);
        return alliance;
    }
}
