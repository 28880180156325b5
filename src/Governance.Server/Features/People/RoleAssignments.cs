using Governance.Domain.Common;
using Governance.Domain.People;
using Governance.Server.Access;
using Governance.Server.Auditing;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.People;

public sealed record GrantRoleRequest(Role? Role, Guid? AllianceId, Guid? OrganizationId, DateTimeOffset? From, DateTimeOffset? Until);

/// <summary>An administrator assigns a role for a period (platform, alliance or organization scope).</summary>
public sealed class GrantRoleHandler(GovernanceDbContext db, TimeProvider clock, AccessControl access, AuditTrail audit)
{
    public async Task<Person> HandleAsync(Guid id, GrantRoleRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await access.DemandAdministratorAsync(cancellationToken);
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == new PersonId(id), cancellationToken) ?? throw new NotFoundException("Person", id);
        var role = request.Role ?? throw new DomainRuleViolation("person.role-required", "role is required.", "role");
        var scope = new RoleScope(
            request.AllianceId is { } alliance ? new AllianceId(alliance) : null,
            request.OrganizationId is { } organization ? new OrganizationId(organization) : null);
        var assignment = person.Grant(role, scope, request.From ?? clock.GetUtcNow(), request.Until);
        audit.Record("person.grant-role", "Person", person.Id.ToString(), scope.AllianceId, scope.OrganizationId,
            $"{role} from {assignment.From:O} until {assignment.Until:O}");
        await audit.SaveChangesAsync(cancellationToken);
        return person;
    }
}

/// <summary>An administrator ends a role assignment now; it stays on record.</summary>
public sealed class EndRoleHandler(GovernanceDbContext db, TimeProvider clock, AccessControl access, AuditTrail audit)
{
    public async Task<Person> HandleAsync(Guid id, Guid assignmentId, CancellationToken cancellationToken)
    {
        await access.DemandAdministratorAsync(cancellationToken);
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == new PersonId(id), cancellationToken) ?? throw new NotFoundException("Person", id);
        var assignment = person.Roles.SingleOrDefault(r => r.Id == assignmentId);
        person.Revoke(assignmentId, clock.GetUtcNow());
        audit.Record("person.end-role", "Person", person.Id.ToString(), assignment?.ScopeAllianceId, assignment?.ScopeOrganizationId,
            $"{assignment?.Role} ended {clock.GetUtcNow():O}");
        await audit.SaveChangesAsync(cancellationToken);
        return person;
    }
}
