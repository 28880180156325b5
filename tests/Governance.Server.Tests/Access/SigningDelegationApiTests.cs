using System.Net;
using System.Security.Claims;
using Governance.Domain.Agreements;
using Governance.Domain.Common;
using Governance.Domain.People;
using Governance.Server.Access;
using Governance.Server.Tests.Api;
using Governance.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Governance.Server.Tests.Access.TwoAlliances;

namespace Governance.Server.Tests.Access;

/// <summary>
/// Signing delegations (授权委托书) through the API: the legal representative (or an administrator for
/// them) gives, lists and revokes them; what is given satisfies the signatory requirement exactly while
/// it is active and only where it is limited to.
/// </summary>
public abstract class SigningDelegationApiTests(ServerFixture fixture) : ServerTest(fixture)
{
    private DateTimeOffset Now => Factory.Clock.GetUtcNow();

    [Fact]
    public async Task Grant_ByTheLegalRepresentative_ListedAuditedAndTheDelegateMaySign()
    {
        var (world, representative, deputy) = await SeedAsync();
        using var client = await Factory.CreateClientForAsync(representative);

        var response = await client.PostJsonAsync(Url(world.MemberA.Id), new { delegateId = deputy.Value, until = Now.AddDays(30) });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var granted = await response.JsonAsync();
        var id = granted.GetProperty("id").GetGuid();
        Assert.Equal("Active", granted.GetProperty("state").GetString());
        Assert.Equal("法定代表人", granted.GetProperty("legalRepresentativeName").GetString());
        Assert.Equal("受托人", granted.GetProperty("delegateName").GetString());
        Assert.Equal(representative.Value, granted.GetProperty("grantedById").GetGuid());
        Assert.Equal($"/api/v1/organizations/{world.MemberA.Id}/signing-delegations/{id}", response.Headers.Location!.ToString());

        var listed = await (await client.GetAsync(Url(world.MemberA.Id))).JsonAsync();
        Assert.Equal(id, Assert.Single(listed.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());

        var entry = Assert.Single(await AuditAsync("signing-delegation.grant"));
        Assert.Equal((id.ToString(), world.MemberA.Id, representative, (PersonId?)null), (entry.TargetId, entry.OrganizationId!.Value, entry.ActorId!.Value, entry.OnBehalfOfId));

        Assert.True(await MaySignAsync(deputy, new SigningFor(world.MemberA.Id, Now)));
        Assert.False(await MaySignAsync(deputy, new SigningFor(world.MemberB.Id, Now)));
        Assert.Equal(new Signatory(deputy, representative), await ResolveAsync(deputy, new SigningFor(world.MemberA.Id, Now)));
    }

    [Fact]
    public async Task Revoke_TheDelegateNoLongerSatisfiesTheSignatoryRequirement()
    {
        var (world, representative, deputy) = await SeedAsync();
        using var client = await Factory.CreateClientForAsync(representative);
        var id = await GrantAsync(client, world.MemberA.Id, new { delegateId = deputy.Value, until = Now.AddDays(30) });
        Assert.True(await MaySignAsync(deputy, new SigningFor(world.MemberA.Id, Now)));

        Factory.Clock.Advance(TimeSpan.FromMinutes(10));
        var revoked = await client.PostJsonAsync($"{Url(world.MemberA.Id)}/{id}/revoke", new { reason = "人员离职" });

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        var body = await revoked.JsonAsync();
        Assert.Equal("Revoked", body.GetProperty("state").GetString());
        Assert.Equal("人员离职", body.GetProperty("revocationReason").GetString());
        Assert.False(await MaySignAsync(deputy, new SigningFor(world.MemberA.Id, Now)));
        Assert.Null(await ResolveAsync(deputy, new SigningFor(world.MemberA.Id, Now)));
        Assert.Single(await AuditAsync("signing-delegation.revoke"));

        await (await client.PostJsonAsync($"{Url(world.MemberA.Id)}/{id}/revoke", new { })).AssertProblemAsync(409, "delegation.already-revoked");
        Assert.Equal(0, (await (await client.GetAsync($"{Url(world.MemberA.Id)}?activeOnly=true")).JsonAsync()).GetProperty("totalCount").GetInt32());
        Assert.Equal("Revoked", Assert.Single((await (await client.GetAsync(Url(world.MemberA.Id))).JsonAsync())
            .GetProperty("items").EnumerateArray()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Expired_TheDelegateNoLongerSatisfiesTheSignatoryRequirement()
    {
        var (world, representative, deputy) = await SeedAsync();
        using var client = await Factory.CreateClientForAsync(representative);
        var id = await GrantAsync(client, world.MemberA.Id, new { delegateId = deputy.Value, from = Now.AddDays(1), until = Now.AddDays(3) });

        Assert.False(await MaySignAsync(deputy, new SigningFor(world.MemberA.Id, Now)));
        Factory.Clock.Advance(TimeSpan.FromDays(2));
        Assert.True(await MaySignAsync(deputy, new SigningFor(world.MemberA.Id, Now)));
        Factory.Clock.Advance(TimeSpan.FromDays(1));
        Assert.False(await MaySignAsync(deputy, new SigningFor(world.MemberA.Id, Now)));

        using var later = await Factory.CreateClientForAsync(representative);
        Assert.Equal("Expired", Assert.Single((await (await later.GetAsync(Url(world.MemberA.Id))).JsonAsync())
            .GetProperty("items").EnumerateArray()).GetProperty("state").GetString());
        await (await later.PostJsonAsync($"{Url(world.MemberA.Id)}/{id}/revoke", new { })).AssertProblemAsync(409, "delegation.already-ended");
    }

    [Fact]
    public async Task LimitedToAnAllianceOrAnAgreement_CountsOnlyThere()
    {
        var (world, representative, deputy) = await SeedAsync();
        var other = await Factory.CreatePersonAsync("另一受托人");
        var agreement = new Agreement(AgreementId.New(), world.A.Id, AgreementKind.AllianceAgreement, "甲联盟协议",
            [world.ChairUnitA.Id, world.MemberA.Id], SigningOrder.Parallel, Now);
        var otherAgreement = new Agreement(AgreementId.New(), world.A.Id, AgreementKind.AllianceAgreement, "甲联盟补充协议",
            [world.ChairUnitA.Id, world.MemberA.Id], SigningOrder.Parallel, Now);
        await using (var scope = Factory.Scope())
        {
            GovernanceApiFactory.Db(scope).Agreements.AddRange(agreement, otherAgreement);
            await GovernanceApiFactory.Db(scope).SaveChangesAsync();
        }

        using var client = await Factory.CreateClientForAsync(representative);
        await GrantAsync(client, world.MemberA.Id, new { delegateId = deputy.Value, until = Now.AddDays(30), allianceId = world.A.Id.Value });
        var byAgreement = await (await client.PostJsonAsync(Url(world.MemberA.Id),
            new { delegateId = other.Value, until = Now.AddDays(30), agreementId = agreement.Id.Value })).JsonAsync();

        Assert.Equal(world.A.Id.Value, byAgreement.GetProperty("allianceId").GetGuid());
        Assert.True(await MaySignAsync(deputy, new SigningFor(world.MemberA.Id, Now, world.A.Id, agreement.Id)));
        Assert.True(await MaySignAsync(deputy, new SigningFor(world.MemberA.Id, Now, world.A.Id)));
        Assert.False(await MaySignAsync(deputy, new SigningFor(world.MemberA.Id, Now, world.B.Id)));
        Assert.False(await MaySignAsync(deputy, new SigningFor(world.MemberA.Id, Now)));
        Assert.True(await MaySignAsync(other, new SigningFor(world.MemberA.Id, Now, world.A.Id, agreement.Id)));
        Assert.False(await MaySignAsync(other, new SigningFor(world.MemberA.Id, Now, world.A.Id, otherAgreement.Id)));
        Assert.False(await MaySignAsync(other, new SigningFor(world.MemberA.Id, Now, world.A.Id)));
    }

    [Fact]
    public async Task Administrator_RecordsItForTheNamedLegalRepresentative()
    {
        var (world, representative, deputy) = await SeedAsync();
        using var admin = await Factory.CreateAdminClientAsync();

        await (await admin.PostJsonAsync(Url(world.MemberA.Id), new { delegateId = deputy.Value, until = Now.AddDays(30) }))
            .AssertProblemAsync(422, "delegation.legal-representative-required", "legalRepresentativeId");
        await (await admin.PostJsonAsync(Url(world.MemberA.Id), new { delegateId = deputy.Value, until = Now.AddDays(30), legalRepresentativeId = deputy.Value }))
            .AssertProblemAsync(422, "delegation.not-legal-representative", "legalRepresentativeId");
        var id = await GrantAsync(admin, world.MemberA.Id, new { delegateId = deputy.Value, until = Now.AddDays(30), legalRepresentativeId = representative.Value });

        Assert.Equal(new Signatory(deputy, representative), await ResolveAsync(deputy, new SigningFor(world.MemberA.Id, Now)));
        var entry = Assert.Single(await AuditAsync("signing-delegation.grant"));
        Assert.Equal((id.ToString(), TestAccounts.AdministratorId, (PersonId?)representative), (entry.TargetId, entry.ActorId!.Value, entry.OnBehalfOfId));
        var revoked = await admin.PostJsonAsync($"{Url(world.MemberA.Id)}/{id}/revoke", new { reason = "委托书作废" });
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
    }

    [Fact]
    public async Task OthersThanTheLegalRepresentative_ForbiddenOrNotFound_AndNothingStored()
    {
        var (world, representative, deputy) = await SeedAsync();
        var liaison = await Factory.CreatePersonAsync("联络员", For(world.MemberA.Id, Role.Liaison));
        var chair = await Factory.CreatePersonAsync("理事长", In(world.A.Id, Role.Chair));
        var otherRepresentative = await Factory.CreatePersonAsync("乙企业法定代表人", For(world.MemberB.Id, Role.LegalRepresentative));
        var formerRepresentative = await Factory.CreatePersonAsync("前法定代表人", For(world.MemberA.Id, Role.LegalRepresentative, Now.AddDays(-1)));
        using var owner = await Factory.CreateClientForAsync(representative);
        var id = await GrantAsync(owner, world.MemberA.Id, new { delegateId = deputy.Value, until = Now.AddDays(30) });
        var body = new { delegateId = deputy.Value, until = Now.AddDays(30) };
        var revoke = $"{Url(world.MemberA.Id)}/{id}/revoke";

        using (var client = await Factory.CreateClientForAsync(liaison))
        {
            await (await client.PostJsonAsync(Url(world.MemberA.Id), body)).AssertProblemAsync(403, "access.legal-representative-required");
            await (await client.PostJsonAsync(revoke, new { })).AssertProblemAsync(403, "access.legal-representative-required");
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Url(world.MemberA.Id))).StatusCode);
        }

        using (var client = await Factory.CreateClientForAsync(chair))
        {
            await (await client.PostJsonAsync(Url(world.MemberA.Id), body)).AssertProblemAsync(403, "access.legal-representative-required");
            await (await client.GetAsync(Url(world.MemberA.Id))).AssertProblemAsync(403, "access.organization-representative-required");
        }

        using (var client = await Factory.CreateClientForAsync(formerRepresentative))
        {
            // A role that has ended counts for nothing: the organization is not even visible any more.
            await (await client.PostJsonAsync(revoke, new { })).AssertProblemAsync(404, "organization.not-found");
        }

        using (var client = await Factory.CreateClientForAsync(otherRepresentative))
        {
            // Another alliance's unit does not even learn that the organization exists.
            await (await client.PostJsonAsync(Url(world.MemberA.Id), body)).AssertProblemAsync(404, "organization.not-found");
            await (await client.GetAsync(Url(world.MemberA.Id))).AssertProblemAsync(404, "organization.not-found");
            await (await client.PostJsonAsync(revoke, new { })).AssertProblemAsync(404, "organization.not-found");

            // Its own organization's path with someone else's delegation: not found either.
            await (await client.PostJsonAsync($"{Url(world.MemberB.Id)}/{id}/revoke", new { })).AssertProblemAsync(404, "signingdelegation.not-found");
        }

        await (await owner.PostJsonAsync($"{Url(world.MemberA.Id)}/{Guid.NewGuid()}/revoke", new { })).AssertProblemAsync(404, "signingdelegation.not-found");
        await (await owner.PostJsonAsync(Url(new OrganizationId(Guid.NewGuid())), body)).AssertProblemAsync(404, "organization.not-found");

        using (var application = await Factory.CreateIntegrationClientAsync())
        {
            await (await application.PostJsonAsync(Url(world.MemberA.Id), body)).AssertProblemAsync(403, "access.legal-representative-required");
        }

        using (var anonymous = Factory.CreateClient())
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostJsonAsync(Url(world.MemberA.Id), body)).StatusCode);
        }

        await using var scope = Factory.Scope();
        var stored = await GovernanceApiFactory.Db(scope).SigningDelegations.AsNoTracking().ToListAsync();
        Assert.Equal(id, Assert.Single(stored).Id);
        Assert.Null(stored[0].RevokedAt);
        Assert.Single(await AuditAsync("signing-delegation.grant"));
        Assert.Empty(await AuditAsync("signing-delegation.revoke"));
    }

    [Fact]
    public async Task Grant_InvalidInput_CodeAndFieldAndNothingStored()
    {
        var (world, representative, deputy) = await SeedAsync();
        var unknownAgreement = Guid.NewGuid();
        using var client = await Factory.CreateClientForAsync(representative);
        var until = Now.AddDays(30);

        await (await client.PostJsonAsync(Url(world.MemberA.Id), new { until })).AssertProblemAsync(422, "delegation.delegate-required", "delegateId");
        await (await client.PostJsonAsync(Url(world.MemberA.Id), new { delegateId = Guid.NewGuid(), until }))
            .AssertProblemAsync(422, "delegation.delegate-not-found", "delegateId");
        await (await client.PostJsonAsync(Url(world.MemberA.Id), new { delegateId = representative.Value, until }))
            .AssertProblemAsync(422, "delegation.self-delegation", "delegateId");
        await (await client.PostJsonAsync(Url(world.MemberA.Id), new { delegateId = deputy.Value }))
            .AssertProblemAsync(422, "delegation.until-required", "until");
        await (await client.PostJsonAsync(Url(world.MemberA.Id), new { delegateId = deputy.Value, from = Now.AddDays(2), until = Now.AddDays(1) }))
            .AssertProblemAsync(422, "delegation.invalid-period", "until");
        await (await client.PostJsonAsync(Url(world.MemberA.Id), new { delegateId = deputy.Value, from = Now.AddDays(-1), until }))
            .AssertProblemAsync(422, "delegation.from-in-past", "from");
        await (await client.PostJsonAsync(Url(world.MemberA.Id), new { delegateId = deputy.Value, until, allianceId = world.B.Id.Value }))
            .AssertProblemAsync(422, "delegation.not-a-member", "allianceId");
        await (await client.PostJsonAsync(Url(world.MemberA.Id), new { delegateId = deputy.Value, until, allianceId = Guid.NewGuid() }))
            .AssertProblemAsync(422, "delegation.alliance-not-found", "allianceId");
        await (await client.PostJsonAsync(Url(world.MemberA.Id), new { delegateId = deputy.Value, until, agreementId = unknownAgreement }))
            .AssertProblemAsync(422, "delegation.agreement-not-found", "agreementId");
        await (await client.PostJsonAsync(Url(world.MemberA.Id), new { delegateId = deputy.Value, until, legalRepresentativeId = Guid.NewGuid() }))
            .AssertProblemAsync(422, "delegation.grantor-not-caller", "legalRepresentativeId");
        await (await client.PostRawAsync(Url(world.MemberA.Id), "{\"delegateId\": 42}")).AssertProblemAsync(400, "request.malformed-json", "delegateId");

        await using var scope = Factory.Scope();
        Assert.Equal(0, await GovernanceApiFactory.Db(scope).SigningDelegations.CountAsync());
        Assert.Empty(await AuditAsync("signing-delegation.grant"));
    }

    private static string Url(OrganizationId organization) => $"/api/v1/organizations/{organization.Value}/signing-delegations";

    private async Task<(TwoAlliances World, PersonId Representative, PersonId Deputy)> SeedAsync()
    {
        var world = await TwoAlliances.SeedAsync(Factory);
        var representative = await Factory.CreatePersonAsync("法定代表人", For(world.MemberA.Id, Role.LegalRepresentative));
        var deputy = await Factory.CreatePersonAsync("受托人");
        return (world, representative, deputy);
    }

    private static async Task<Guid> GrantAsync(HttpClient client, OrganizationId organization, object body)
    {
        var response = await client.PostJsonAsync(Url(organization), body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }

    private async Task<List<Governance.Domain.Audit.AuditEntry>> AuditAsync(string action)
    {
        await using var scope = Factory.Scope();
        return await GovernanceApiFactory.Db(scope).AuditEntries.AsNoTracking().Where(e => e.Action == action).OrderBy(e => e.Sequence).ToListAsync();
    }

    private async Task<bool> MaySignAsync(PersonId person, SigningFor signing)
    {
        await using var scope = Factory.Scope();
        var user = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("sub", person.Value.ToString()), new Claim(Caller.ActorTypeClaim, Caller.PersonActor)], "Bearer"));
        return (await scope.ServiceProvider.GetRequiredService<IAuthorizationService>().AuthorizeAsync(user, signing, new SignatoryRequirement())).Succeeded;
    }

    private async Task<Signatory?> ResolveAsync(PersonId person, SigningFor signing)
    {
        await using var scope = Factory.Scope();
        return await scope.ServiceProvider.GetRequiredService<SignatoryResolver>().ResolveAsync(person, signing, CancellationToken.None);
    }
}

[Collection(OnSqlite.Name)]
public sealed class SqliteSigningDelegationApiTests(SqliteServerFixture fixture) : SigningDelegationApiTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresSigningDelegationApiTests(PostgresServerFixture fixture) : SigningDelegationApiTests(fixture);
