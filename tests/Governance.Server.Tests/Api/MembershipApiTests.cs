using System.Net;
using Governance.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Governance.Server.Tests.Api.AllianceApiTests;

namespace Governance.Server.Tests.Api;

public abstract class MembershipApiTests(ServerFixture fixture) : ServerTest(fixture)
{
    [Fact]
    public async Task Apply_School_MayJoinSeveralAlliances()
    {
        using var client = await Factory.CreateAdminClientAsync();
        var (first, second) = await TwoAlliancesAsync(client);
        var school = await CreateOrganizationAsync(client, "VocationalSchool", "辽宁机电职业技术学院");

        Assert.Equal(HttpStatusCode.Created, (await Apply(client, first, school)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Apply(client, second, school)).StatusCode);
    }

    [Fact]
    public async Task Apply_EnterpriseAlreadyInAnotherAlliance_Returns422UnlessExempted()
    {
        using var client = await Factory.CreateAdminClientAsync();
        var (first, second) = await TwoAlliancesAsync(client);
        var enterprise = await CreateOrganizationAsync(client, "Enterprise", "沈阳精工数控机床有限公司");
        Assert.Equal(HttpStatusCode.Created, (await Apply(client, first, enterprise)).StatusCode);

        await (await Apply(client, second, enterprise)).AssertProblemAsync(422, "membership.enterprise-already-in-alliance", "organizationId");

        var exempted = await client.PostJsonAsync($"/api/v1/alliances/{second}/memberships", new { organizationId = enterprise, enterpriseExemption = true });
        Assert.Equal(HttpStatusCode.Created, exempted.StatusCode);
        Assert.True((await exempted.JsonAsync()).GetProperty("enterpriseExemption").GetBoolean());
    }

    [Fact]
    public async Task Apply_BarredOrganization_Returns422AndWritesNothing()
    {
        using var client = await Factory.CreateAdminClientAsync();
        var (alliance, _) = await TwoAlliancesAsync(client);
        var enterprise = await CreateOrganizationAsync(client, "Enterprise", "失信企业");
        await client.PostJsonAsync($"/api/v1/organizations/{enterprise}/credit-status", new { status = "Barred", reason = "严重失信" });

        await (await Apply(client, alliance, enterprise)).AssertProblemAsync(422, "membership.organization-barred", "organizationId");

        await using var scope = Factory.Scope();
        Assert.Equal(0, await GovernanceApiFactory.Db(scope).Memberships.CountAsync());
    }

    [Fact]
    public async Task Apply_Twice_Returns422Duplicate()
    {
        using var client = await Factory.CreateAdminClientAsync();
        var (alliance, _) = await TwoAlliancesAsync(client);
        var school = await CreateOrganizationAsync(client, "University", "渤海工业大学");
        await Apply(client, alliance, school);

        await (await Apply(client, alliance, school)).AssertProblemAsync(422, "membership.duplicate", "organizationId");
    }

    [Fact]
    public async Task Apply_ConcurrentDuplicates_ExactlyOneApplicationIsOpen()
    {
        using var client = await Factory.CreateAdminClientAsync();
        var (alliance, _) = await TwoAlliancesAsync(client);
        var school = await CreateOrganizationAsync(client, "University", "东北装备科技大学");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Apply(client, alliance, school)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created),
            r => Assert.True(r.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity, r.StatusCode.ToString()));
        await using var scope = Factory.Scope();
        Assert.Equal(1, await GovernanceApiFactory.Db(scope).Memberships.CountAsync());
    }

    [Fact]
    public async Task Status_FullLifecycle_AndIllegalMovesRejected()
    {
        using var client = await Factory.CreateAdminClientAsync();
        var (alliance, _) = await TwoAlliancesAsync(client);
        var school = await CreateOrganizationAsync(client, "University", "辽东工程学院");
        var id = (await (await Apply(client, alliance, school)).JsonAsync()).GetProperty("id").GetGuid();

        await (await Move(client, id, "Active")).AssertProblemAsync(422, "membership.invalid-status-transition", "status");
        Assert.Equal(HttpStatusCode.OK, (await Move(client, id, "Admitted")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Move(client, id, "Active")).StatusCode);
        await (await Move(client, id, "Exiting")).AssertProblemAsync(422, "membership.reason-required", "reason");
        Assert.Equal(HttpStatusCode.OK, (await Move(client, id, "Exiting", "自愿退出联盟")).StatusCode);
        var exited = await Move(client, id, "Exited");
        Assert.Equal(HttpStatusCode.OK, exited.StatusCode);
        Assert.Equal("Exited", (await exited.JsonAsync()).GetProperty("status").GetString());

        // Once exited, the school may apply again.
        Assert.Equal(HttpStatusCode.Created, (await Apply(client, alliance, school)).StatusCode);
    }

    [Fact]
    public async Task Role_SecondChairUnit_Returns422()
    {
        using var client = await Factory.CreateAdminClientAsync();
        var (alliance, _) = await TwoAlliancesAsync(client);
        var chair = await CreateOrganizationAsync(client, "University", "辽沈理工大学");
        var other = await CreateOrganizationAsync(client, "University", "渤海工业大学");
        var chairId = (await (await client.PostJsonAsync($"/api/v1/alliances/{alliance}/memberships", new { organizationId = chair, role = "ChairUnit" })).JsonAsync()).GetProperty("id").GetGuid();
        await Move(client, chairId, "Admitted");
        var otherId = (await (await Apply(client, alliance, other)).JsonAsync()).GetProperty("id").GetGuid();
        await Move(client, otherId, "Admitted");

        var response = await client.PostJsonAsync($"/api/v1/memberships/{otherId}/role", new { role = "ChairUnit" });

        await response.AssertProblemAsync(422, "membership.chair-unit-exists", "role");
        var stored = await (await client.GetAsync($"/api/v1/memberships/{otherId}")).JsonAsync();
        Assert.Equal("MemberUnit", stored.GetProperty("role").GetString());
    }

    [Fact]
    public async Task List_ByAllianceAndOrganization_WithNames()
    {
        using var client = await Factory.CreateAdminClientAsync();
        var (first, second) = await TwoAlliancesAsync(client);
        var school = await CreateOrganizationAsync(client, "University", "渤海工业大学");
        var enterprise = await CreateOrganizationAsync(client, "Enterprise", "大连远航机器人科技有限公司");
        await Apply(client, first, school);
        await Apply(client, second, school);
        await Apply(client, first, enterprise);

        var ofAlliance = await (await client.GetAsync($"/api/v1/alliances/{first}/memberships")).JsonAsync();
        var ofSchool = await (await client.GetAsync($"/api/v1/organizations/{school}/memberships")).JsonAsync();
        var searched = await (await client.GetAsync($"/api/v1/memberships?search={Uri.EscapeDataString("远航")}")).JsonAsync();

        Assert.True(ofAlliance.TryGetProperty("totalCount", out _), ofAlliance.ToString());
        Assert.Equal(2, ofAlliance.GetProperty("totalCount").GetInt32());
        Assert.Equal(2, ofSchool.GetProperty("totalCount").GetInt32());
        Assert.Equal("大连远航机器人科技有限公司", Assert.Single(searched.GetProperty("items").EnumerateArray()).GetProperty("organizationName").GetString());
    }

    [Fact]
    public async Task Get_UnknownMembership_Returns404()
    {
        using var client = await Factory.CreateAdminClientAsync();

        await (await client.GetAsync($"/api/v1/memberships/{Guid.NewGuid()}")).AssertProblemAsync(404, "membership.not-found");
    }

    private static Task<HttpResponseMessage> Apply(HttpClient client, Guid alliance, Guid organization) =>
        client.PostJsonAsync($"/api/v1/alliances/{alliance}/memberships", new { organizationId = organization });

    private static Task<HttpResponseMessage> Move(HttpClient client, Guid membership, string status, string? reason = null) =>
        client.PostJsonAsync($"/api/v1/memberships/{membership}/status", new { status, reason });

    private static async Task<(Guid First, Guid Second)> TwoAlliancesAsync(HttpClient client)
    {
        var department = await CreateOrganizationAsync(client, "GovernmentAgency", "辽宁省教育厅");
        var first = (await (await client.PostJsonAsync("/api/v1/alliances", NewAlliance("智能制造产教联盟", department))).JsonAsync()).GetProperty("id").GetGuid();
        var second = (await (await client.PostJsonAsync("/api/v1/alliances", NewAlliance("现代农业职教集团", department))).JsonAsync()).GetProperty("id").GetGuid();
        return (first, second);
    }
}

[Collection(OnSqlite.Name)]
public sealed class SqliteMembershipApiTests(SqliteServerFixture fixture) : MembershipApiTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresMembershipApiTests(PostgresServerFixture fixture) : MembershipApiTests(fixture);
