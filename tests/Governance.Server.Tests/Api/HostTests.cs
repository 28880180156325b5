using System.Net;
using Governance.Server.Tests.Infrastructure;

namespace Governance.Server.Tests.Api;

public abstract class HostTests(ServerFixture fixture) : ServerTest(fixture)
{
    [Fact]
    public async Task Health_ChecksTheDatabase()
    {
        using var client = Factory.CreateClient();

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task OpenApi_DescribesEveryApiArea()
    {
        using var client = Factory.CreateClient();

        var document = await (await client.GetAsync("/openapi/v1.json")).JsonAsync();

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/organizations", paths);
        Assert.Contains("/api/v1/alliances/{id}/status", paths);
        Assert.Contains("/api/v1/memberships/{id}/status", paths);
        var operationIds = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject())
            .Select(o => o.Value.GetProperty("operationId").GetString())
            .ToList();
        Assert.Contains("ApplyForMembership", operationIds);
    }

    [Fact]
    public async Task ApiReference_IsServedLocallyWithoutExternalAssets()
    {
        using var client = Factory.CreateClient();

        var page = await client.GetStringAsync("/api-docs/index.html");
        var script = await client.GetAsync("/api-docs/swagger-ui-bundle.js");

        Assert.Contains("swagger-ui", page, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(src|href)=""https?://", page);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task UnknownRoute_AnswersProblemDetails()
    {
        using var client = Factory.CreateClient();

        var response = await client.GetAsync("/api/v1/no-such-thing");

        await response.AssertProblemAsync(404, "resource.not-found");
    }
}

[Collection(OnSqlite.Name)]
public sealed class SqliteHostTests(SqliteServerFixture fixture) : HostTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresHostTests(PostgresServerFixture fixture) : HostTests(fixture);
