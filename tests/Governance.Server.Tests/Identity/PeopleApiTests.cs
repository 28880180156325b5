using System.Net;
using Governance.Server.Tests.Access;
using Governance.Server.Tests.Api;
using Governance.Server.Tests.Infrastructure;

namespace Governance.Server.Tests.Identity;

public abstract class PeopleApiTests(ServerFixture fixture) : ServerTest(fixture)
{
    [Fact]
    public async Task Admin_RegistersPersonWithADatedRole_RoleWorksUntilEnded()
    {
        var world = await TwoAlliances.SeedAsync(Factory);
        using var admin = await Factory.CreateAdminClientAsync();

        var created = await admin.PostJsonAsync("/api/v1/people", new { name = "新秘书", email = "New.Secretary@tests.example", language = "En" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();
        await (await admin.PostJsonAsync("/api/v1/people", new { name = "重复", email = "new.secretary@tests.example" })).AssertProblemAsync(409, "person.duplicate-email", "email");
        var granted = await (await admin.PostJsonAsync($"/api/v1/people/{id}/roles", new { role = "Secretariat", allianceId = world.A.Id.Value })).JsonAsync();
        var assignment = Assert.Single(granted.GetProperty("roles").EnumerateArray()).GetProperty("id").GetGuid();
        await (await admin.PostJsonAsync($"/api/v1/people/{id}/roles", new { role = "Secretariat", organizationId = world.MemberA.Id.Value }))
            .AssertProblemAsync(422, "person.role-scope-mismatch", "scope");

        using var person = await Factory.CreateClientForAsync(new Domain.Common.PersonId(id));
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync($"/api/v1/alliances/{world.A.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync($"/api/v1/people/{id}")).StatusCode);

        Factory.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/people/{id}/roles/{assignment}/end", null)).StatusCode);
        await (await person.GetAsync($"/api/v1/alliances/{world.A.Id}")).AssertProblemAsync(404, "alliance.not-found");
        await (await person.PostJsonAsync("/api/v1/people", new { name = "x", email = "x@tests.example" })).AssertProblemAsync(403, "access.forbidden");
    }
}

[Collection(OnSqlite.Name)]
public sealed class SqlitePeopleApiTests(SqliteServerFixture fixture) : PeopleApiTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresPeopleApiTests(PostgresServerFixture fixture) : PeopleApiTests(fixture);
