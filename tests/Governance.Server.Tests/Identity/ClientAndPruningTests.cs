using System.Net;
using System.Net.Http.Json;
using Governance.Server.Identity;
using Governance.Server.Tests.Api;
using Governance.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace Governance.Server.Tests.Identity;

public abstract class ClientAndPruningTests(ServerFixture fixture) : ServerTest(fixture)
{
    private static readonly string[] ClientCredentials = ["client_credentials"];
    private static readonly string[] PasswordGrant = ["password"];

    [Fact]
    public async Task AdminRegistersAClient_ItGetsATokenAndReads_RegisteringAgainUpdatesIt()
    {
        using var admin = await Factory.CreateAdminClientAsync();
        var request = new
        {
            clientId = "liaoning-provincial-platform",
            clientSecret = "a-long-enough-secret-for-the-province-01",
            displayName = "辽宁省产教融合平台",
            grantTypes = new[] { "client_credentials" },
            scopes = new[] { "governance.read" },
        };

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/admin/clients", request)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/admin/clients", request)).StatusCode);

        var clients = await (await admin.GetAsync("/api/v1/admin/clients")).JsonAsync();
        Assert.Single(clients.EnumerateArray(), c => c.GetProperty("clientId").GetString() == "liaoning-provincial-platform");
        using var anonymous = Factory.CreateClient();
        var token = await Factory.RedeemAsync(anonymous, new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = request.clientId,
            ["client_secret"] = request.clientSecret,
            ["scope"] = "governance.read",
        });
        using var platform = Factory.WithBearer(token.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await platform.GetAsync("/api/v1/alliances")).StatusCode);

        // Asking for a scope it was not given fails at the token endpoint.
        var write = await anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = request.clientId,
            ["client_secret"] = request.clientSecret,
            ["scope"] = "governance.write",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, write.StatusCode);
    }

    [Fact]
    public async Task RegisterClient_ShortSecretOrUnknownGrant_Returns422()
    {
        using var admin = await Factory.CreateAdminClientAsync();

        await (await admin.PutAsJsonAsync("/api/v1/admin/clients", new { clientId = "x", clientSecret = "short", grantTypes = ClientCredentials }))
            .AssertProblemAsync(422, "client.secret-too-short", "clientSecret");
        await (await admin.PutAsJsonAsync("/api/v1/admin/clients", new { clientId = "x", grantTypes = PasswordGrant }))
            .AssertProblemAsync(422, "client.invalid-grant-types", "grantTypes");
    }

    [Fact]
    public async Task Pruning_RemovesTokensLongExpired_KeepsLiveOnes()
    {
        var person = await Factory.CreatePersonAsync("令牌清理");
        await Factory.SignInAsync(person);
        await using (var scope = Factory.Scope())
        {
            var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
            Assert.True(await tokens.CountAsync() > 0);
            await TokenPruningAccess.PruneAsync(scope.ServiceProvider, Factory.Clock.GetUtcNow());
            Assert.True(await tokens.CountAsync() > 0);
        }

        Factory.Clock.Advance(TimeSpan.FromDays(16));
        await using (var scope = Factory.Scope())
        {
            var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
            await TokenPruningAccess.PruneAsync(scope.ServiceProvider, Factory.Clock.GetUtcNow());
            Assert.Equal(0, await tokens.CountAsync());
        }
    }
}

internal static class TokenPruningAccess
{
    public static Task PruneAsync(IServiceProvider services, DateTimeOffset now) =>
        TokenPruning.PruneAsync(services, now, CancellationToken.None);
}

[Collection(OnSqlite.Name)]
public sealed class SqliteClientAndPruningTests(SqliteServerFixture fixture) : ClientAndPruningTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresClientAndPruningTests(PostgresServerFixture fixture) : ClientAndPruningTests(fixture);
