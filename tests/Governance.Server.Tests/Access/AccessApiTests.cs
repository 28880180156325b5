using System.Net;
using Governance.Domain.People;
using Governance.Server.Tests.Api;
using Governance.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static Governance.Server.Tests.Access.TwoAlliances;

namespace Governance.Server.Tests.Access;

public abstract class AccessApiTests(ServerFixture fixture) : ServerTest(fixture)
{
    // Open to anyone on purpose: whoever holds a PDF may ask whether the platform issued it (the answer
    // names the alliance and the time, never the content).
    private static readonly string[] PublicByDesign = ["VerifyDocumentUpload", "VerifyDocumentSha256"];

    [Fact]
    public void EveryApiEndpoint_RequiresAnAuthorizationPolicy_ExceptThePublicVerification()
    {
        var open = ApiEndpoints().Where(e => e.Metadata.GetMetadata<IAuthorizeData>() is null).Select(NameOf).ToList();

        Assert.NotEmpty(ApiEndpoints());
        Assert.Equal(PublicByDesign.Order(), open.Order());
        Assert.All(ApiEndpoints().Where(e => PublicByDesign.Contains(NameOf(e))), e => Assert.NotNull(e.Metadata.GetMetadata<IAllowAnonymous>()));
    }

    [Fact]
    public async Task EveryApiEndpoint_Anonymous_Returns401ProblemDetails()
    {
        using var client = Factory.CreateClient();
        var failures = new List<string>();

        foreach (var endpoint in ApiEndpoints().Where(e => !PublicByDesign.Contains(NameOf(e))))
        {
            var url = "/" + string.Join('/', endpoint.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { Name: "version" } => "1",
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { Name: "definitionId" } => "some-definition",
                _ => Guid.NewGuid().ToString(),
            }))));
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method is "POST" or "PUT")
                {
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }

                using var response = await client.SendAsync(request);
                if (response.StatusCode != HttpStatusCode.Unauthorized)
                {
                    failures.Add($"{method} {url}: {(int)response.StatusCode}");
                }
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task InvalidToken_Returns401()
    {
        using var client = Factory.WithBearer("not-a-token");

        var response = await client.GetAsync("/api/v1/alliances");

        await response.AssertProblemAsync(401, "access.unauthenticated");
    }

    [Fact]
    public async Task PersonOfAllianceA_CannotReadOrActOnAllianceB()
    {
        var world = await SeedAsync(Factory);
        var secretary = await Factory.CreatePersonAsync("甲联盟秘书", In(world.A.Id, Role.Secretariat));
        using var client = await Factory.CreateClientForAsync(secretary);

        var list = await (await client.GetAsync("/api/v1/alliances")).JsonAsync();
        Assert.Equal([world.A.Id.Value], list.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/alliances/{world.A.Id}")).StatusCode);

        await (await client.GetAsync($"/api/v1/alliances/{world.B.Id}")).AssertProblemAsync(404, "alliance.not-found");
        await (await client.GetAsync($"/api/v1/alliances/{world.B.Id}/memberships")).AssertProblemAsync(404, "alliance.not-found");
        await (await client.GetAsync($"/api/v1/memberships/{world.MembershipB.Id}")).AssertProblemAsync(404, "membership.not-found");
        await (await client.GetAsync($"/api/v1/organizations/{world.MemberB.Id}")).AssertProblemAsync(404, "organization.not-found");
        await (await client.GetAsync($"/api/v1/organizations/{world.MemberB.Id}/memberships")).AssertProblemAsync(404, "organization.not-found");
        await (await client.PostJsonAsync($"/api/v1/alliances/{world.B.Id}/status", new { status = "Active" })).AssertProblemAsync(404, "alliance.not-found");
        await (await client.PostJsonAsync($"/api/v1/memberships/{world.MembershipB.Id}/status", new { status = "Exiting", reason = "x" }))
            .AssertProblemAsync(404, "membership.not-found");
        await (await client.PostJsonAsync($"/api/v1/memberships/{world.MembershipB.Id}/role", new { role = "CouncilMemberUnit" }))
            .AssertProblemAsync(404, "membership.not-found");

        var memberships = await (await client.GetAsync("/api/v1/memberships?pageSize=200")).JsonAsync();
        Assert.All(memberships.GetProperty("items").EnumerateArray(), m => Assert.Equal(world.A.Id.Value, m.GetProperty("allianceId").GetGuid()));
        var organizations = await (await client.GetAsync("/api/v1/organizations?pageSize=200")).JsonAsync();
        var names = organizations.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("name").GetString()).ToList();
        Assert.Contains("甲企业", names);
        Assert.DoesNotContain("乙企业", names);
        Assert.DoesNotContain("丙企业", names);
    }

    [Fact]
    public async Task CouncilMember_SeesTheAllianceButCannotChangeIt_Returns403()
    {
        var world = await SeedAsync(Factory);
        var member = await Factory.CreatePersonAsync("甲联盟理事", In(world.A.Id, Role.CouncilMember));
        using var client = await Factory.CreateClientForAsync(member);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/alliances/{world.A.Id}")).StatusCode);
        await (await client.PostJsonAsync($"/api/v1/alliances/{world.A.Id}/status", new { status = "Active" }))
            .AssertProblemAsync(403, "access.alliance-role-required");
        await (await client.PostJsonAsync($"/api/v1/memberships/{world.MembershipA.Id}/role", new { role = "CouncilMemberUnit" }))
            .AssertProblemAsync(403, "access.alliance-role-required");
        await (await client.PostJsonAsync("/api/v1/organizations", new { kind = "Enterprise", name = "x" })).AssertProblemAsync(403, "access.forbidden");
    }

    [Fact]
    public async Task Secretariat_ChangesItsOwnAllianceMembership()
    {
        var world = await SeedAsync(Factory);
        var secretary = await Factory.CreatePersonAsync("甲联盟秘书", In(world.A.Id, Role.Secretariat));
        using var client = await Factory.CreateClientForAsync(secretary);

        var response = await client.PostJsonAsync($"/api/v1/memberships/{world.MembershipA.Id}/role", new { role = "CouncilMemberUnit" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ExpiredRole_NoLongerWorks_WithTheSameToken()
    {
        var world = await SeedAsync(Factory);
        var until = Factory.Clock.GetUtcNow().AddMinutes(10);
        var secretary = await Factory.CreatePersonAsync("任期将满的秘书", In(world.A.Id, Role.Secretariat, until));
        using var client = await Factory.CreateClientForAsync(secretary, "governance.read governance.write");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/alliances/{world.A.Id}")).StatusCode);

        // The token (30 minutes) is still good; the role is not.
        Factory.Clock.Advance(TimeSpan.FromMinutes(11));

        await (await client.GetAsync($"/api/v1/alliances/{world.A.Id}")).AssertProblemAsync(404, "alliance.not-found");
        await (await client.PostJsonAsync($"/api/v1/memberships/{world.MembershipA.Id}/role", new { role = "CouncilMemberUnit" }))
            .AssertProblemAsync(404, "membership.not-found");
    }

    [Fact]
    public async Task ClientCredentials_ReadsButCannotActAsAPerson()
    {
        var world = await SeedAsync(Factory);
        using var client = await Factory.CreateIntegrationClientAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/alliances/{world.B.Id}")).StatusCode);
        await (await client.PostJsonAsync($"/api/v1/alliances/{world.A.Id}/status", new { status = "Active" }))
            .AssertProblemAsync(403, "access.alliance-role-required");
        await (await client.PostJsonAsync($"/api/v1/alliances/{world.A.Id}/memberships", new { organizationId = world.Unaffiliated.Id.Value }))
            .AssertProblemAsync(403, "access.liaison-required");
        await (await client.PostJsonAsync("/api/v1/step-up/codes", new { purpose = "sign:agreement:1" })).AssertProblemAsync(403, "access.person-required");
        await (await client.PostJsonAsync("/api/v1/organizations", new { kind = "Enterprise" })).AssertProblemAsync(403, "access.forbidden");
        await (await client.GetAsync("/api/v1/audit")).AssertProblemAsync(403, "access.person-required");
    }

    [Fact]
    public async Task ReadOnlyToken_CannotWrite_Returns403()
    {
        var world = await SeedAsync(Factory);
        var secretary = await Factory.CreatePersonAsync("只读令牌", In(world.A.Id, Role.Secretariat));
        using var client = await Factory.CreateClientForAsync(secretary, "governance.read");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/alliances/{world.A.Id}")).StatusCode);
        await (await client.PostJsonAsync($"/api/v1/memberships/{world.MembershipA.Id}/role", new { role = "CouncilMemberUnit" }))
            .AssertProblemAsync(403, "access.forbidden");
    }

    [Fact]
    public async Task Liaison_AppliesOnlyForItsOwnOrganization()
    {
        var world = await SeedAsync(Factory);
        var liaison = await Factory.CreatePersonAsync("丙企业联络员", For(world.Unaffiliated.Id, Role.Liaison));
        using var client = await Factory.CreateClientForAsync(liaison);

        var own = await client.PostJsonAsync($"/api/v1/alliances/{world.A.Id}/memberships", new { organizationId = world.Unaffiliated.Id.Value });
        var other = await client.PostJsonAsync($"/api/v1/alliances/{world.B.Id}/memberships", new { organizationId = world.ChairUnitA.Id.Value });

        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        await other.AssertProblemAsync(403, "access.liaison-required");

        // Its own application is visible to it, the alliance (now that its organization applied) too.
        var id = (await own.JsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/memberships/{id}")).StatusCode);
        await (await client.GetAsync($"/api/v1/alliances/{world.B.Id}")).AssertProblemAsync(404, "alliance.not-found");
    }

    [Fact]
    public async Task SupervisingOfficer_ReadsSupervisedAlliancesAndDecidesFoundingOnly()
    {
        var world = await SeedAsync(Factory);
        var officer = await Factory.CreatePersonAsync("甲省主管处长", For(world.DepartmentA.Id, Role.SupervisingOfficer));
        using var client = await Factory.CreateClientForAsync(officer);

        var list = await (await client.GetAsync("/api/v1/alliances")).JsonAsync();
        Assert.Equal(2, list.GetProperty("totalCount").GetInt32());
        await (await client.GetAsync($"/api/v1/alliances/{world.B.Id}")).AssertProblemAsync(404, "alliance.not-found");

        var approved = await client.PostJsonAsync($"/api/v1/alliances/{world.UnderReview.Id}/status", new { status = "Founded" });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);

        // Running the alliance is the alliance's business, not the department's.
        await (await client.PostJsonAsync($"/api/v1/alliances/{world.A.Id}/status", new { status = "Active" }))
            .AssertProblemAsync(403, "access.alliance-role-required");
        await (await client.PostJsonAsync($"/api/v1/memberships/{world.MembershipA.Id}/status", new { status = "Exiting", reason = "x" }))
            .AssertProblemAsync(403, "access.alliance-role-required");
    }

    [Fact]
    public async Task FoundingDecision_OnlyBySupervisingOfficer_NotTheAllianceChair()
    {
        var world = await SeedAsync(Factory);
        var chair = await Factory.CreatePersonAsync("待审联盟理事长", In(world.UnderReview.Id, Role.Chair));
        using var client = await Factory.CreateClientForAsync(chair);

        await (await client.PostJsonAsync($"/api/v1/alliances/{world.UnderReview.Id}/status", new { status = "Founded" }))
            .AssertProblemAsync(403, "access.supervising-officer-required");
    }

    [Fact]
    public async Task MemberUnitLiaison_StartsItsOwnWithdrawalOnly()
    {
        var world = await SeedAsync(Factory);
        var liaison = await Factory.CreatePersonAsync("甲企业联络员", For(world.MemberA.Id, Role.Liaison));
        using var client = await Factory.CreateClientForAsync(liaison);

        await (await client.PostJsonAsync($"/api/v1/memberships/{world.MembershipA.Id}/role", new { role = "CouncilMemberUnit" }))
            .AssertProblemAsync(403, "access.alliance-role-required");
        var exiting = await client.PostJsonAsync($"/api/v1/memberships/{world.MembershipA.Id}/status", new { status = "Exiting", reason = "业务调整" });

        Assert.Equal(HttpStatusCode.OK, exiting.StatusCode);
    }

    [Fact]
    public async Task WorkflowOperations_NotForOrdinaryMembers_Returns403()
    {
        var world = await SeedAsync(Factory);
        var chair = await Factory.CreatePersonAsync("甲联盟理事长", In(world.A.Id, Role.Chair));
        using var client = await Factory.CreateClientForAsync(chair);

        await (await client.GetAsync("/api/v1/workflows/instances")).AssertProblemAsync(403, "access.operator-required");
        await (await client.PostJsonAsync("/api/v1/workflows/events", new { name = "x" })).AssertProblemAsync(403, "access.operator-required");
        await (await client.PostRawAsync("/api/v1/workflows/definitions", "{}")).AssertProblemAsync(403, "access.forbidden");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/workflows/definitions")).StatusCode);
    }

    private static string NameOf(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? endpoint.DisplayName ?? endpoint.RoutePattern.RawText!;

    private List<RouteEndpoint> ApiEndpoints() =>
        Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .ToList();
}

[Collection(OnSqlite.Name)]
public sealed class SqliteAccessApiTests(SqliteServerFixture fixture) : AccessApiTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresAccessApiTests(PostgresServerFixture fixture) : AccessApiTests(fixture);
