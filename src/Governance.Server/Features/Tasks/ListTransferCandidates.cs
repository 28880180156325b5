using Governance.Domain.People;
using Governance.Domain.Tasks;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Tasks;

/// <summary>Someone a task can be handed to, with the roles they hold in the task's alliance now.</summary>
public sealed record TransferCandidate(Guid Id, string Name, IReadOnlyList<Role> Roles, bool SharesARoleWithTheAssignee);

/// <summary>
/// 转办 candidates: the people who hold a role in the task's alliance now (whom <see cref="TransferTaskHandler"/>
/// accepts), except the assignee. Those holding a role the assignee holds there (another secretary for a
/// secretariat review) come first, then by name. A task that cannot be handed on (a vote, a signature, a
/// submission, a closed task, a task outside an alliance) has none. Visible to whoever may see the task.
/// </summary>
public sealed class ListTransferCandidatesHandler(GovernanceDbContext db, TaskAccess access, TimeProvider clock)
{
    public async Task<IReadOnlyList<TransferCandidate>> HandleAsync(Guid id, CancellationToken cancellationToken)
    {
        var task = await access.VisibleAsync(id, tracked: false, cancellationToken);
        if (task.Status != WorkTaskStatus.Open || task.Kind is not (WorkTaskKind.Approve or WorkTaskKind.Review) || task.AllianceId is not { } alliance)
        {
            return [];
        }

        var now = clock.GetUtcNow();
        var people = await db.People.AsNoTracking()
            .Where(p => p.Roles.Any(r => r.ScopeAllianceId == alliance))
            .ToListAsync(cancellationToken);
        List<Role> RolesOf(Person person) => person.Roles
            .Where(r => r.ScopeAllianceId == alliance && r.IsActiveAt(now)).Select(r => r.Role).Distinct().Order().ToList();

        var assigneeRoles = people.SingleOrDefault(p => p.Id == task.AssigneeId) is { } assignee ? RolesOf(assignee) : [];
        return people
            .Where(p => p.Id != task.AssigneeId)
            .Select(p => (Person: p, Roles: RolesOf(p)))
            .Where(c => c.Roles.Count > 0)
            .Select(c => new TransferCandidate(c.Person.Id.Value, c.Person.Name, c.Roles, c.Roles.Intersect(assigneeRoles).Any()))
            .OrderByDescending(c => c.SharesARoleWithTheAssignee).ThenBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Id)
            .ToList();
    }
}
