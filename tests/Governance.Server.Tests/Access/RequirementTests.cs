using System.Security.Claims;
using Governance.Domain.Ballots;
using Governance.Domain.Charters;
using Governance.Domain.Common;
using Governance.Domain.People;
using Governance.Domain.Tasks;
using Governance.Server.Access;
using Governance.Server.Tests.Builders;
using Governance.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using static Governance.Server.Tests.Access.TwoAlliances;

namespace Governance.Server.Tests.Access;

/// <summary>The resource-based requirements the voting, task and signing endpoints build on, decided against stored roles.</summary>
public abstract class RequirementTests(ServerFixture fixture) : ServerTest(fixture)
{
    [Fact]
    public async Task AllianceRole_HeldInThatAllianceOnly_AndNotAfterItEnds()
    {
        var world = await SeedAsync(Factory);
        var until = Factory.Clock.GetUtcNow().AddDays(1);
        var chair = await Factory.CreatePersonAsync("理事长", In(world.A.Id, Role.Chair, until));
        var requirement = new AllianceRoleRequirement([Role.Chair]);

        Assert.True(await AllowedAsync(Person(chair), world.A.Id, requirement));
        Assert.False(await AllowedAsync(Person(chair), world.B.Id, requirement));
        Assert.False(await AllowedAsync(Application(), world.A.Id, requirement));
        Factory.Clock.Advance(TimeSpan.FromDays(1));
        Assert.False(await AllowedAsync(Person(chair), world.A.Id, requirement));
    }

    [Fact]
    public async Task SupervisingOfficer_OfTheSupervisingDepartmentOnly()
    {
        var world = await SeedAsync(Factory);
        var officer = await Factory.CreatePersonAsync("处长", For(world.DepartmentA.Id, Role.SupervisingOfficer));

        Assert.True(await AllowedAsync(Person(officer), world.A, new SupervisingOfficerRequirement()));
        Assert.False(await AllowedAsync(Person(officer), world.B, new SupervisingOfficerRequirement()));
    }

    [Fact]
    public async Task Liaison_OfItsOwnOrganizationOnly()
    {
        var world = await SeedAsync(Factory);
        var liaison = await Factory.CreatePersonAsync("联络员", For(world.MemberA.Id, Role.Liaison));

        Assert.True(await AllowedAsync(Person(liaison), world.MemberA.Id, new OrganizationRoleRequirement(Role.Liaison)));
        Assert.False(await AllowedAsync(Person(liaison), world.MemberB.Id, new OrganizationRoleRequirement(Role.Liaison)));
        Assert.False(await AllowedAsync(Person(liaison), world.MemberA.Id, new OrganizationRoleRequirement(Role.LegalRepresentative)));
    }

    [Fact]
    public async Task Signatory_LegalRepresentativeOrRecordedDelegate_AtTheTimeOfSigning()
    {
        var world = await SeedAsync(Factory);
        var now = Factory.Clock.GetUtcNow();
        var representative = await Factory.CreatePersonAsync("法定代表人", For(world.MemberA.Id, Role.LegalRepresentative, now.AddDays(30)));
        var deputy = await Factory.CreatePersonAsync("受托人");
        var stranger = await Factory.CreatePersonAsync("无关人员");
        await using (var scope = Factory.Scope())
        {
            var db = GovernanceApiFactory.Db(scope);
            db.SigningDelegations.Add(new SigningDelegationRecord
            {
                Id = Guid.CreateVersion7(),
                OrganizationId = world.MemberA.Id.Value,
                LegalRepresentativeId = representative.Value,
                DelegateId = deputy.Value,
                From = now,
                Until = now.AddDays(10),
            });
            await db.SaveChangesAsync();
        }

        var signingNow = new SigningFor(world.MemberA.Id, now.AddHours(1));
        Assert.True(await AllowedAsync(Person(representative), signingNow, new SignatoryRequirement()));
        Assert.True(await AllowedAsync(Person(deputy), signingNow, new SignatoryRequirement()));
        Assert.False(await AllowedAsync(Person(stranger), signingNow, new SignatoryRequirement()));
        Assert.False(await AllowedAsync(Person(representative), new SigningFor(world.MemberB.Id, now.AddHours(1)), new SignatoryRequirement()));

        // After the delegation ends, and after the representative's own role ends.
        Assert.False(await AllowedAsync(Person(deputy), new SigningFor(world.MemberA.Id, now.AddDays(11)), new SignatoryRequirement()));
        Assert.False(await AllowedAsync(Person(representative), new SigningFor(world.MemberA.Id, now.AddDays(31)), new SignatoryRequirement()));

        await using var check = Factory.Scope();
        var resolver = check.ServiceProvider.GetRequiredService<SignatoryResolver>();
        Assert.Equal(new Signatory(deputy, representative), await resolver.ResolveAsync(deputy, world.MemberA.Id, now.AddHours(1), CancellationToken.None));
        Assert.Equal(new Signatory(representative, null), await resolver.ResolveAsync(representative, world.MemberA.Id, now.AddHours(1), CancellationToken.None));
    }

    [Fact]
    public async Task EligibleVoter_OnlyListedAndNotRecused()
    {
        var world = await SeedAsync(Factory);
        var voter = PersonId.New();
        var recused = PersonId.New();
        var now = Factory.Clock.GetUtcNow();
        var ballot = new Ballot(BallotId.New(), world.A.Id, "吸收新成员",
            new VotingRule(VotingMatter.MemberAdmission, Quorum.TwoThirds, VotingThreshold.MajorityOfAllEligible, true),
            [(voter, null), (recused, null)], now.AddDays(7), now);
        ballot.Recuse(recused, "利害关系", now);

        Assert.True(await AllowedAsync(Person(voter), ballot, new EligibleVoterRequirement()));
        Assert.False(await AllowedAsync(Person(recused), ballot, new EligibleVoterRequirement()));
        Assert.False(await AllowedAsync(Person(PersonId.New()), ballot, new EligibleVoterRequirement()));
        Assert.False(await AllowedAsync(Application(), ballot, new EligibleVoterRequirement()));
    }

    [Fact]
    public async Task TaskActor_AssigneeOrRoleHolderOfTheTasksAlliance()
    {
        var world = await SeedAsync(Factory);
        var assignee = await Factory.CreatePersonAsync("经办人");
        var secretary = await Factory.CreatePersonAsync("秘书", In(world.A.Id, Role.Secretariat));
        var otherSecretary = await Factory.CreatePersonAsync("乙秘书", In(world.B.Id, Role.Secretariat));
        var task = new WorkTask(WorkTaskId.New(), WorkTaskKind.Approve, "审核入盟申请", assignee, world.A.Id, null, null, Factory.Clock.GetUtcNow());
        var requirement = new TaskActorRequirement([Role.Secretariat]);

        Assert.True(await AllowedAsync(Person(assignee), task, requirement));
        Assert.True(await AllowedAsync(Person(secretary), task, requirement));
        Assert.False(await AllowedAsync(Person(otherSecretary), task, requirement));
    }

    private async Task<bool> AllowedAsync(ClaimsPrincipal user, object resource, IAuthorizationRequirement requirement)
    {
        await using var scope = Factory.Scope();
        var authorization = scope.ServiceProvider.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(user, resource, requirement)).Succeeded;
    }

    private static ClaimsPrincipal Person(PersonId id) => new(new ClaimsIdentity(
        [new Claim("sub", id.Value.ToString()), new Claim(Caller.ActorTypeClaim, Caller.PersonActor)], "Bearer"));

    private static ClaimsPrincipal Application() => new(new ClaimsIdentity(
        [new Claim("sub", TestAccounts.IntegrationClientId), new Claim(Caller.ActorTypeClaim, Caller.ApplicationActor)], "Bearer"));
}

[Collection(OnSqlite.Name)]
public sealed class SqliteRequirementTests(SqliteServerFixture fixture) : RequirementTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresRequirementTests(PostgresServerFixture fixture) : RequirementTests(fixture);
