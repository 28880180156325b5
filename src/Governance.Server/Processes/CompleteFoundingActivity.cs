using System.Text.Json;
using Governance.Domain.Alliances;
using Governance.Domain.Charters;
using Governance.Domain.Common;
using Governance.Domain.Memberships;
using Governance.Domain.People;
using Governance.Server.Persistence;
using Governance.Workflows.Activities;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Processes;

/// <summary>A council seat named in a founding application.</summary>
public sealed record CouncilNomination(Guid PersonId, Guid OrganizationId, CouncilPosition Position)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static string Write(IEnumerable<CouncilNomination> nominations) => JsonSerializer.Serialize(nominations, Json);

    public static IReadOnlyList<CouncilNomination> Read(string? json) =>
        string.IsNullOrWhiteSpace(json) ? [] : JsonSerializer.Deserialize<List<CouncilNomination>>(json, Json) ?? [];
}

/// <summary>
/// What "founded" means once the supervising department approved (DESIGN.md, alliance-founding): the
/// founding members — the alliance's open applications — are admitted and active, the council named in
/// the application is seated (each person holds the council role, the chair also the chair's), and the
/// founding charter (version 1) comes into force. All of it commits with the step, or none of it.
/// </summary>
[Activity(
    "Governance.CompleteFounding",
    Category = "Governance",
    DisplayNameZh = "完成联盟组建",
    DisplayNameEn = "Complete founding",
    Description = "Admits the founding members, seats the nominated council and puts the founding charter in force.")]
[ActivityInput("allianceId", "Guid", Required = true)]
[ActivityInput("council", "String",
    Description = "The nominated council as JSON [{personId, organizationId, position}] (the founding application's input).")]
public sealed class CompleteFoundingActivity : IActivity
{
    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return DomainSteps.RunAsync(context, async () =>
        {
            var db = context.Services.GetRequiredService<GovernanceDbContext>();
            var id = new AllianceId(DomainSteps.RequiredGuid(context, "allianceId"));
            var alliance = await db.Alliances.SingleOrDefaultAsync(a => a.Id == id);
            if (alliance is null)
            {
                return context.Fault($"Alliance {id.Value} does not exist.");
            }

            var now = context.Now;
            var memberships = await db.Memberships.Where(m => m.AllianceId == id).ToListAsync();
            var founding = memberships.Where(m => m.Status == MembershipStatus.Applied).ToList();
            foreach (var membership in founding)
            {
                membership.Admit(now, memberships);
                membership.Activate(now);
            }

            var nominations = CouncilNomination.Read(context.InputString("council"));
            var scope = RoleScope.Alliance(id);
            foreach (var nomination in nominations)
            {
                var person = await db.People.SingleOrDefaultAsync(p => p.Id == new PersonId(nomination.PersonId))
                    ?? throw new DomainRuleViolation("founding.unknown-person", $"There is no person {nomination.PersonId}.", "council");
                var membership = memberships.SingleOrDefault(m => m.OrganizationId == new OrganizationId(nomination.OrganizationId) && m.IsCurrentMember)
                    ?? throw new DomainRuleViolation(
                        "founding.nominee-not-founding-member", $"Organization {nomination.OrganizationId} is not a founding member.", "council");
                alliance.SeatCouncilMember(person.Id, membership, nomination.Position, now);
                GrantOnce(person, Role.CouncilMember, scope, now);
                if (nomination.Position == CouncilPosition.Chair)
                {
                    GrantOnce(person, Role.Chair, scope, now);
                }
            }

            var charter = await db.Charters.SingleOrDefaultAsync(c => c.AllianceId == id && c.VersionNumber == 1 && c.Status == CharterStatus.Draft);
            charter?.PutInForceAtFounding(now);

            context.Summary = $"{founding.Count} founding member(s) admitted, {nominations.Count} council seat(s), "
                + (charter is null ? "no founding charter" : $"charter v1 in force");
            return context.Complete("Done");
        });
    }

    private static void GrantOnce(Person person, Role role, RoleScope scope, DateTimeOffset now)
    {
        if (!person.Holds(role, scope, now))
        {
            person.Grant(role, scope, now, null);
        }
    }
}
