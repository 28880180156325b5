using Governance.Domain.Common;
using Governance.Domain.People;
using Governance.Server.Access;
using Governance.Server.Api;
using Governance.Server.Auditing;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.People;

public sealed record CreatePersonRequest(string? Name, string? Email, string? Phone, PreferredLanguage? Language);

public sealed record GrantRoleRequest(Role? Role, Guid? AllianceId, Guid? OrganizationId, DateTimeOffset? From, DateTimeOffset? Until);

public sealed record RoleResponse(Guid Id, Role Role, Guid? AllianceId, Guid? OrganizationId, DateTimeOffset From, DateTimeOffset? Until);

public sealed record PersonResponse(Guid Id, string Name, string Email, string? Phone, PreferredLanguage Language, IReadOnlyList<RoleResponse> Roles)
{
    public static PersonResponse From(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return new(person.Id.Value, person.Name, person.Email, person.Phone, person.Language,
            person.Roles.Select(r => new RoleResponse(r.Id, r.Role, r.ScopeAllianceId?.Value, r.ScopeOrganizationId?.Value, r.From, r.Until)).ToList());
    }
}

/// <summary>Administrators register people and their dated roles (platform, alliance or organization scope).</summary>
public static class PeopleEndpoints
{
    public static IEndpointRouteBuilder MapPeople(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/people").WithTags("People");
        group.MapPost("/", CreateAsync).WithName("CreatePerson").WithSummary("Register a person (then invite them)").RequireAuthorization(Policies.Admin);
        group.MapGet("/{id:guid}", GetAsync).WithName("GetPerson").WithSummary("One person with their role assignments (administrators, or the person)")
            .RequireAuthorization(Policies.Read);
        group.MapPost("/{id:guid}/roles", GrantAsync).WithName("GrantRole").WithSummary("Assign a role for a period").RequireAuthorization(Policies.Admin);
        group.MapPost("/{id:guid}/roles/{assignmentId:guid}/end", EndAsync).WithName("EndRole")
            .WithSummary("End a role assignment now (it stays on record)").RequireAuthorization(Policies.Admin);
        return endpoints;
    }

    private static async Task<Created<PersonResponse>> CreateAsync(
        CreatePersonRequest request, GovernanceDbContext db, TimeProvider clock, AuditTrail audit, CancellationToken cancellationToken)
    {
        var person = new Person(PersonId.New(), request.Name!, request.Email!, request.Phone, request.Language ?? PreferredLanguage.ZhCn, clock.GetUtcNow());
        if (await db.People.AnyAsync(p => p.Email == person.Email, cancellationToken))
        {
            throw new ConflictException("person.duplicate-email", "A person with this email already exists.", "email");
        }

        db.People.Add(person);
        audit.Record("person.create", "Person", person.Id.ToString(), null, null, person.Email);
        await audit.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/people/{person.Id}", PersonResponse.From(person));
    }

    private static async Task<Ok<PersonResponse>> GetAsync(Guid id, GovernanceDbContext db, AccessControl access, CancellationToken cancellationToken)
    {
        if (access.Caller.PersonId != new PersonId(id) && !await access.IsAdministratorAsync(cancellationToken))
        {
            throw new NotFoundException("Person", id);
        }

        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == new PersonId(id), cancellationToken)
            ?? throw new NotFoundException("Person", id);
        return TypedResults.Ok(PersonResponse.From(person));
    }

    private static async Task<Ok<PersonResponse>> GrantAsync(
        Guid id, GrantRoleRequest request, GovernanceDbContext db, TimeProvider clock, AuditTrail audit, CancellationToken cancellationToken)
    {
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == new PersonId(id), cancellationToken) ?? throw new NotFoundException("Person", id);
        var role = request.Role ?? throw new DomainRuleViolation("person.role-required", "role is required.", "role");
        var scope = new RoleScope(
            request.AllianceId is { } alliance ? new AllianceId(alliance) : null,
            request.OrganizationId is { } organization ? new OrganizationId(organization) : null);
        var assignment = person.Grant(role, scope, request.From ?? clock.GetUtcNow(), request.Until);
        audit.Record("person.grant-role", "Person", person.Id.ToString(), scope.AllianceId, scope.OrganizationId,
            $"{role} from {assignment.From:O} until {assignment.Until:O}");
        await audit.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(PersonResponse.From(person));
    }

    private static async Task<Ok<PersonResponse>> EndAsync(
        Guid id, Guid assignmentId, GovernanceDbContext db, TimeProvider clock, AuditTrail audit, CancellationToken cancellationToken)
    {
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == new PersonId(id), cancellationToken) ?? throw new NotFoundException("Person", id);
        var assignment = person.Roles.SingleOrDefault(r => r.Id == assignmentId);
        person.Revoke(assignmentId, clock.GetUtcNow());
        audit.Record("person.end-role", "Person", person.Id.ToString(), assignment?.ScopeAllianceId, assignment?.ScopeOrganizationId,
            $"{assignment?.Role} ended {clock.GetUtcNow():O}");
        await audit.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(PersonResponse.From(person));
    }
}
