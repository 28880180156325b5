using System.Net;
using System.Text.Json.Nodes;
using Governance.Domain.People;
using Governance.Server.Features.Documents;
using Governance.Server.Tests.Api;
using Governance.Server.Tests.Documents;
using Governance.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Governance.Server.Tests.Access.TwoAlliances;

namespace Governance.Server.Tests.Access;

/// <summary>Documents are seen like their alliance; an email preference belongs to its person.</summary>
public abstract class DocumentAndPreferenceAccessTests(ServerFixture fixture) : ServerTest(fixture)
{
    [Fact]
    public async Task Document_OfAnotherAlliance_IsNotFound_NotListed_AndCannotBeIssuedThere()
    {
        var world = await SeedAsync(Factory);
        var demo = await DocumentDemoData.SeedAsync(Factory);
        Guid inB;
        await using (var scope = Factory.Scope())
        {
            inB = (await scope.ServiceProvider.GetRequiredService<IDocumentService>().GenerateAsync(
                DocumentKind.ExitNotice, "zh-CN", demo.Model(DocumentKind.ExitNotice), world.B.Id.Value, null, CancellationToken.None)).Id;
        }

        var secretaryA = await Factory.CreatePersonAsync("甲联盟秘书", In(world.A.Id, Role.Secretariat));
        var secretaryB = await Factory.CreatePersonAsync("乙联盟秘书", In(world.B.Id, Role.Secretariat));
        using var a = await Factory.CreateClientForAsync(secretaryA);
        using var b = await Factory.CreateClientForAsync(secretaryB);

        await (await a.GetAsync($"/api/v1/documents/{inB}")).AssertProblemAsync(404, "document.not-found");
        await (await a.GetAsync($"/api/v1/documents/{inB}/content")).AssertProblemAsync(404, "document.not-found");
        Assert.Equal(0, (await (await a.GetAsync("/api/v1/documents")).JsonAsync()).GetProperty("totalCount").GetInt32());
        var issue = new { kind = "ExitNotice", language = "zh-CN", allianceId = world.B.Id.Value, model = demo.Model(DocumentKind.ExitNotice) };
        await (await a.PostJsonAsync("/api/v1/documents", issue)).AssertProblemAsync(404, "alliance.not-found");

        Assert.Equal(HttpStatusCode.OK, (await b.GetAsync($"/api/v1/documents/{inB}/content")).StatusCode);
        Assert.Equal(1, (await (await b.GetAsync("/api/v1/documents")).JsonAsync()).GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Document_IssuedByHand_NeedsTheSecretariatOrChairOfThatAlliance()
    {
        var world = await SeedAsync(Factory);
        var demo = await DocumentDemoData.SeedAsync(Factory);
        var member = await Factory.CreatePersonAsync("甲联盟理事", In(world.A.Id, Role.CouncilMember));
        using var client = await Factory.CreateClientForAsync(member);

        var issue = new { kind = "ExitNotice", language = "zh-CN", allianceId = world.A.Id.Value, model = demo.Model(DocumentKind.ExitNotice) };
        await (await client.PostJsonAsync("/api/v1/documents", issue)).AssertProblemAsync(403, "access.alliance-role-required");
    }

    [Fact]
    public async Task EmailPreference_OfSomeoneElse_IsNotFound_OwnIsChangeable()
    {
        var world = await SeedAsync(Factory);
        var me = await Factory.CreatePersonAsync("理事甲", In(world.A.Id, Role.CouncilMember));
        var other = await Factory.CreatePersonAsync("理事乙", In(world.A.Id, Role.CouncilMember));
        using var client = await Factory.CreateClientForAsync(me);

        await (await client.GetAsync($"/api/v1/people/{other.Value}/email-preferences")).AssertProblemAsync(404, "person.not-found");
        await (await client.PutAsync($"/api/v1/people/{other.Value}/email-preferences", JsonContent(new JsonObject { ["dailyDigest"] = true })))
            .AssertProblemAsync(404, "person.not-found");
        var own = await client.PutAsync($"/api/v1/people/{me.Value}/email-preferences", JsonContent(new JsonObject { ["dailyDigest"] = true }));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.True((await own.JsonAsync()).GetProperty("dailyDigest").GetBoolean());
    }

    private static StringContent JsonContent(JsonObject body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}

[Collection(OnSqlite.Name)]
public sealed class SqliteDocumentAndPreferenceAccessTests(SqliteServerFixture fixture) : DocumentAndPreferenceAccessTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresDocumentAndPreferenceAccessTests(PostgresServerFixture fixture) : DocumentAndPreferenceAccessTests(fixture);
