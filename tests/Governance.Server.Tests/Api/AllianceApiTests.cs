using System.Net;
using System.Text.Json;
using Governance.Server.Tests.Builders;
using Governance.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Tests.Api;

public abstract class AllianceApiTests(ServerFixture fixture) : ServerTest(fixture)
{
    [Fact]
    public async Task Create_UnderGovernmentAgency_Returns201Proposed()
    {
        using var client = await Factory.CreateAdminClientAsync();
        var department = await CreateOrganizationAsync(client, "GovernmentAgency", "辽宁省教育厅");

        var response = await client.PostJsonAsync("/api/v1/alliances", NewAlliance("辽宁省智能制造产教联盟", department));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("Proposed", body.GetProperty("status").GetString());
        Assert.Equal(["UnderReview"], body.GetProperty("allowedNextStatuses").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Create_SupervisorIsNotGovernment_Returns422()
    {
        using var client = await Factory.CreateAdminClientAsync();
        var enterprise = await CreateOrganizationAsync(client, "Enterprise", "某企业");

        var response = await client.PostJsonAsync("/api/v1/alliances", NewAlliance("某联盟", enterprise));

        await response.AssertProblemAsync(422, "alliance.supervisor-not-government", "supervisingDepartmentId");
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task Create_UnknownSupervisor_Returns422()
    {
        using var client = await Factory.CreateAdminClientAsync();

        var response = await client.PostJsonAsync("/api/v1/alliances", NewAlliance("某联盟", Guid.NewGuid()));

        await response.AssertProblemAsync(422, "alliance.supervisor-not-found", "supervisingDepartmentId");
    }

    [Fact]
    public async Task Create_DuplicateName_Returns409()
    {
        using var client = await Factory.CreateAdminClientAsync();
        var department = await CreateOrganizationAsync(client, "GovernmentAgency", "辽宁省教育厅");
        await client.PostJsonAsync("/api/v1/alliances", NewAlliance("重名联盟", department));

        var response = await client.PostJsonAsync("/api/v1/alliances", NewAlliance("重名联盟", department));

        await response.AssertProblemAsync(409, "alliance.duplicate-name", "name");
    }

    [Fact]
    public async Task Status_FoundingPathAndActivation_FollowTheStatusMachine()
    {
        using var client = await Factory.CreateAdminClientAsync();
        var department = await CreateOrganizationAsync(client, "GovernmentAgency", "辽宁省教育厅");
        var alliance = (await (await client.PostJsonAsync("/api/v1/alliances", NewAlliance("产教联盟", department))).JsonAsync()).GetProperty("id").GetGuid();

        await (await client.PostJsonAsync($"/api/v1/alliances/{alliance}/status", new { status = "Active" }))
            .AssertProblemAsync(422, "alliance.invalid-status-transition", "status");
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync($"/api/v1/alliances/{alliance}/status", new { status = "UnderReview" })).StatusCode);
        await (await client.PostJsonAsync($"/api/v1/alliances/{alliance}/status", new { status = "Proposed" }))
            .AssertProblemAsync(422, "alliance.reason-required", "reason");
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync($"/api/v1/alliances/{alliance}/status", new { status = "Founded" })).StatusCode);

        // No chair unit yet: the alliance cannot start operating.
        await (await client.PostJsonAsync($"/api/v1/alliances/{alliance}/status", new { status = "Active" }))
            .AssertProblemAsync(422, "alliance.chair-unit-required");

        var university = await CreateOrganizationAsync(client, "University", "辽沈理工大学");
        var membership = (await (await client.PostJsonAsync($"/api/v1/alliances/{alliance}/memberships",
            new { organizationId = university, role = "ChairUnit" })).JsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync($"/api/v1/memberships/{membership}/status", new { status = "Admitted" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync($"/api/v1/memberships/{membership}/status", new { status = "Active" })).StatusCode);

        var active = await client.PostJsonAsync($"/api/v1/alliances/{alliance}/status", new { status = "Active" });
        Assert.Equal(HttpStatusCode.OK, active.StatusCode);
        var body = await active.JsonAsync();
        Assert.Equal("Active", body.GetProperty("status").GetString());
        Assert.Equal(["Suspended", "Dissolving"], body.GetProperty("allowedNextStatuses").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Status_MissingStatus_Returns422WithField()
    {
        using var client = await Factory.CreateAdminClientAsync();
        var department = await CreateOrganizationAsync(client, "GovernmentAgency", "辽宁省教育厅");
        var alliance = (await (await client.PostJsonAsync("/api/v1/alliances", NewAlliance("产教联盟", department))).JsonAsync()).GetProperty("id").GetGuid();

        var response = await client.PostJsonAsync($"/api/v1/alliances/{alliance}/status", new { reason = "x" });

        await response.AssertProblemAsync(422, "alliance.status-required", "status");
    }

    [Fact]
    public async Task Status_UnknownAlliance_Returns404()
    {
        using var client = await Factory.CreateAdminClientAsync();

        var response = await client.PostJsonAsync($"/api/v1/alliances/{Guid.NewGuid()}/status", new { status = "UnderReview" });

        await response.AssertProblemAsync(404, "alliance.not-found");
    }

    [Fact]
    public async Task List_FiltersByStatusAndSearch()
    {
        using var client = await Factory.CreateAdminClientAsync();
        var department = await CreateOrganizationAsync(client, "GovernmentAgency", "辽宁省教育厅");
        var first = (await (await client.PostJsonAsync("/api/v1/alliances", NewAlliance("辽宁省智能制造产教联盟", department))).JsonAsync()).GetProperty("id").GetGuid();
        await client.PostJsonAsync("/api/v1/alliances", NewAlliance("辽宁省现代农业职教集团", department, "VocationalEducationGroup"));
        await client.PostJsonAsync($"/api/v1/alliances/{first}/status", new { status = "UnderReview" });

        var underReview = await (await client.GetAsync("/api/v1/alliances?status=UnderReview")).JsonAsync();
        var search = await (await client.GetAsync($"/api/v1/alliances?search={Uri.EscapeDataString("农业")}")).JsonAsync();
        var byKind = await (await client.GetAsync("/api/v1/alliances?kind=VocationalEducationGroup")).JsonAsync();

        Assert.Equal(first, Assert.Single(underReview.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal("辽宁省现代农业职教集团", Assert.Single(search.GetProperty("items").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal(1, byKind.GetProperty("totalCount").GetInt32());
    }

    internal static async Task<Guid> CreateOrganizationAsync(HttpClient client, string kind, string name)
    {
        var response = await client.PostJsonAsync("/api/v1/organizations", new
        {
            kind,
            name,
            creditCode = TestData.CreditCode(kind == "Enterprise" ? "91" : "12"),
            region = "沈阳市",
            legalRepresentativeName = "法定代表人",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }

    internal static object NewAlliance(string name, Guid supervisor, string kind = "IndustryEducationAlliance") =>
        new { name, industryField = "智能制造", kind, supervisingDepartmentId = supervisor };

    private async Task<int> CountAsync()
    {
        await using var scope = Factory.Scope();
        return await GovernanceApiFactory.Db(scope).Alliances.CountAsync();
    }
}

[Collection(OnSqlite.Name)]
public sealed class SqliteAllianceApiTests(SqliteServerFixture fixture) : AllianceApiTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresAllianceApiTests(PostgresServerFixture fixture) : AllianceApiTests(fixture);
