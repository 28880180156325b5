using Governance.Domain.Alliances;
using Governance.Domain.Ballots;
using Governance.Domain.Common;
using Governance.Domain.People;
using Governance.Domain.Tasks;
using Governance.Server.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Access;

// The resource-based checks of DESIGN.md ("this person, this role, in this alliance/organization"),
// as requirements for IAuthorizationService.AuthorizeAsync(user, resource, requirement). Each is
// decided against the role assignments valid at the moment of the request. An application token
// (client credentials) never satisfies one: applications do not act as persons.

/// <summary>Holds one of <see cref="Roles"/> in the alliance given as the resource (an <see cref="AllianceId"/>).</summary>
public sealed record AllianceRoleRequirement(IReadOnlyList<Role> Roles, bool AdministratorMay = false) : IAuthorizationRequirement;

/// <summary>Is supervising officer of the department that supervises the alliance given as the resource.</summary>
public sealed record SupervisingOfficerRequirement : IAuthorizationRequirement;

/// <summary>Holds <see cref="Role"/> (liaison, legal representative) for the organization given as the resource.</summary>
public sealed record OrganizationRoleRequirement(Role Role) : IAuthorizationRequirement;

/// <summary>May sign for the organization at a time: its legal representative or a recorded delegate.</summary>
public sealed record SignatoryRequirement : IAuthorizationRequirement;

/// <summary>
/// The organization and moment of a signature, and where known the alliance and agreement it is for
/// (a delegation limited to one of them counts only there).
/// </summary>
public sealed record SigningFor(OrganizationId OrganizationId, DateTimeOffset At, AllianceId? AllianceId = null, AgreementId? AgreementId = null);

/// <summary>Is an eligible (not recused) voter of the ballot given as the resource.</summary>
public sealed record EligibleVoterRequirement : IAuthorizationRequirement;

/// <summary>May complete the task given as the resource: its assignee, or one of <see cref="Roles"/> in its alliance.</summary>
public sealed record TaskActorRequirement(IReadOnlyList<Role> Roles) : IAuthorizationRequirement;

internal sealed class AllianceRoleHandler(GovernanceDbContext db, TimeProvider clock) : AuthorizationHandler<AllianceRoleRequirement, AllianceId>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, AllianceRoleRequirement requirement, AllianceId resource)
    {
        if (Caller.From(context.User).PersonId is not { } person)
        {
            return;
        }

        var roles = await AccessControl.RolesOfAsync(db, person, clock.GetUtcNow(), CancellationToken.None);
        if (roles.HoldsInAlliance(resource, [.. requirement.Roles]) || (requirement.AdministratorMay && roles.IsAdministrator))
        {
            context.Succeed(requirement);
        }
    }
}

internal sealed class SupervisingOfficerHandler(GovernanceDbContext db, TimeProvider clock) : AuthorizationHandler<SupervisingOfficerRequirement, Alliance>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, SupervisingOfficerRequirement requirement, Alliance resource)
    {
        if (Caller.From(context.User).PersonId is not { } person)
        {
            return;
        }

        var roles = await AccessControl.RolesOfAsync(db, person, clock.GetUtcNow(), CancellationToken.None);
        if (roles.HoldsInOrganization(resource.SupervisingDepartmentId, Role.SupervisingOfficer))
        {
            context.Succeed(requirement);
        }
    }
}

internal sealed class OrganizationRoleHandler(GovernanceDbContext db, TimeProvider clock) : AuthorizationHandler<OrganizationRoleRequirement, OrganizationId>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OrganizationRoleRequirement requirement, OrganizationId resource)
    {
        if (Caller.From(context.User).PersonId is not { } person)
        {
            return;
        }

        var roles = await AccessControl.RolesOfAsync(db, person, clock.GetUtcNow(), CancellationToken.None);
        if (roles.HoldsInOrganization(resource, requirement.Role))
        {
            context.Succeed(requirement);
        }
    }
}

internal sealed class SignatoryHandler(SignatoryResolver resolver) : AuthorizationHandler<SignatoryRequirement, SigningFor>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, SignatoryRequirement requirement, SigningFor resource)
    {
        if (Caller.From(context.User).PersonId is { } person
            && await resolver.ResolveAsync(person, resource, CancellationToken.None) is not null)
        {
            context.Succeed(requirement);
        }
    }
}

internal sealed class EligibleVoterHandler : AuthorizationHandler<EligibleVoterRequirement, Ballot>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, EligibleVoterRequirement requirement, Ballot resource)
    {
        if (Caller.From(context.User).PersonId is { } person && resource.Voters.Any(v => v.PersonId == person && !v.Recused))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

internal sealed class TaskActorHandler(GovernanceDbContext db, TimeProvider clock) : AuthorizationHandler<TaskActorRequirement, WorkTask>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, TaskActorRequirement requirement, WorkTask resource)
    {
        if (Caller.From(context.User).PersonId is not { } person)
        {
            return;
        }

        if (resource.AssigneeId == person)
        {
            context.Succeed(requirement);
            return;
        }

        if (resource.AllianceId is { } alliance)
        {
            var roles = await AccessControl.RolesOfAsync(db, person, clock.GetUtcNow(), CancellationToken.None);
            if (roles.HoldsInAlliance(alliance, [.. requirement.Roles]))
            {
                context.Succeed(requirement);
            }
        }
    }
}

/// <summary>Who signs for an organization: the signer and, for a delegate, the legal representative it acts for.</summary>
public sealed record Signatory(PersonId SignerId, PersonId? OnBehalfOfId);

public sealed class SignatoryResolver(GovernanceDbContext db)
{
    /// <summary>Null when the person may not sign for the organization at that time (outside any alliance or agreement).</summary>
    public Task<Signatory?> ResolveAsync(PersonId person, OrganizationId organization, DateTimeOffset at, CancellationToken cancellationToken) =>
        ResolveAsync(person, new SigningFor(organization, at), cancellationToken);

    /// <summary>
    /// Null when the person may not sign: not the legal representative, and no delegation that is active
    /// then (not revoked, not expired), covers the alliance and agreement, and was given by someone who is
    /// still the legal representative.
    /// </summary>
    public async Task<Signatory?> ResolveAsync(PersonId person, SigningFor signing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signing);
        var (organization, at) = (signing.OrganizationId, signing.At);
        var roles = await AccessControl.RolesOfAsync(db, person, at, cancellationToken);
        if (roles.HoldsInOrganization(organization, Role.LegalRepresentative))
        {
            return new Signatory(person, null);
        }

        var delegations = await db.Set<SigningDelegationRecord>().AsNoTracking()
            .Where(d => d.OrganizationId == organization.Value && d.DelegateId == person.Value)
            .ToListAsync(cancellationToken);
        foreach (var delegation in delegations.Where(d => d.IsActiveAt(at) && d.Covers(signing.AllianceId?.Value, signing.AgreementId?.Value)))
        {
            // The delegation holds only while the one who gave it is still the legal representative.
            var giver = new PersonId(delegation.LegalRepresentativeId);
            if ((await AccessControl.RolesOfAsync(db, giver, at, cancellationToken)).HoldsInOrganization(organization, Role.LegalRepresentative))
            {
                return new Signatory(person, giver);
            }
        }

        return null;
    }
}
