using Governance.Domain.Common;
using Governance.Domain.People;
using Governance.Domain.Tasks;
using Governance.Server.Access;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Tasks;

/// <summary>
/// Who may see a task: whoever it is assigned or copied to, whoever acted on it or started its process
/// (so everything in a person's inbox tabs opens), the secretariat and chair of its alliance, the
/// administrators, and integrations (which read everything). To anyone else it does not exist (404).
/// Who may act on it is a requirement of <c>Access/Requirements.cs</c>, checked by each operation.
/// </summary>
public sealed class TaskAccess(GovernanceDbContext db, AccessControl access, IAuthorizationService authorization, CallerContext caller)
{
    /// <summary>The task if the caller may see it; otherwise <c>task.not-found</c>.</summary>
    public async Task<WorkTask> VisibleAsync(Guid id, bool tracked, CancellationToken cancellationToken)
    {
        var query = tracked ? db.Tasks : db.Tasks.AsNoTracking();
        var task = await query.SingleOrDefaultAsync(t => t.Id == new WorkTaskId(id), cancellationToken);
        return task is not null && await CanSeeAsync(task, cancellationToken) ? task : throw new NotFoundException("Task", id);
    }

    public async Task<bool> CanSeeAsync(WorkTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (access.Caller.IsApplication)
        {
            return true;
        }

        if (access.Caller.PersonId is not { } me)
        {
            return false;
        }

        if (task.AssigneeId == me || task.InitiatorId == me || task.CcIds.Contains(me)
            || task.History.Any(h => h.ActorId == me || h.ToPersonId == me))
        {
            return true;
        }

        var roles = await access.RolesAsync(cancellationToken);
        if (roles.IsAdministrator || (task.AllianceId is { } alliance && roles.HoldsInAlliance(alliance, Role.Secretariat, Role.Chair)))
        {
            return true;
        }

        var starter = me.Value.ToString();
        return task.InstanceId is { } instance
            && await db.WorkflowInstances.AsNoTracking().AnyAsync(i => i.Id == instance && i.StartedBy == starter, cancellationToken);
    }

    /// <summary>Refuses (403 with <paramref name="code"/>) unless the caller meets the requirement for the resource.</summary>
    public async Task DemandAsync(object resource, IAuthorizationRequirement requirement, string code, string message)
    {
        var user = caller.User ?? new System.Security.Claims.ClaimsPrincipal();
        if (!(await authorization.AuthorizeAsync(user, resource, requirement)).Succeeded)
        {
            throw new ForbiddenException(code, message);
        }
    }

    /// <summary>The person calling, or null for an application.</summary>
    public PersonId? CallerId => access.Caller.PersonId;

    /// <summary>The person calling; applications do not act as persons.</summary>
    public PersonId Person() =>
        access.Caller.PersonId ?? throw new ForbiddenException("access.person-required", "Only a person can do this.");
}
