using System.Security.Claims;
using Governance.Domain.Common;
using Governance.Domain.People;
using Governance.Server.Api;
using Governance.Server.Features.People;
using Governance.Server.Features.Workflows;
using Governance.Server.Ui.Infrastructure;
using Governance.Ui.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Ui.Tests.Operations;

/// <summary>
/// The pages' one way to the server: a feature handler run as the signed-in person, in a scope of its own.
/// The handler's authorization and the audit trail must see that person exactly as over HTTP.
/// </summary>
public abstract class UiOperationsTests(UiFixture fixture)
{
    [Fact]
    public async Task Handler_RunAsANonAdministrator_IsRefusedWithTheApisCode()
    {
        await using var scope = await SignedInScopeAsync("council.northeast");
        var operations = scope.ServiceProvider.GetRequiredService<UiOperations>();

        var result = await operations.RunAsync<ListWorkflowInstancesHandler, Page<InstanceSummaryResponse>>(
            (h, ct) => h.HandleAsync(new ListInstancesQuery(null, null, null, null, null, 1, 20), ct));

        Assert.Null(result.Value);
        Assert.Equal(403, result.Problem!.Status);
        Assert.Equal("access.operator-required", result.Problem.Code);
    }

    [Fact]
    public async Task Handler_RunAsAnAdministrator_Succeeds()
    {
        await using var scope = await SignedInScopeAsync("admin");
        var operations = scope.ServiceProvider.GetRequiredService<UiOperations>();

        var result = await operations.RunAsync<ListPeopleHandler, Page<PersonResponse>>(
            (h, ct) => h.HandleAsync(new ListPeopleQuery("demo.example", null, 1, 50), ct));

        Assert.Null(result.Problem);
        Assert.Contains(result.Value!.Items, p => p.Email == UiServer.DemoEmail("admin"));
    }

    [Fact]
    public async Task Handler_ChangingSomeoneElse_IsNotFoundForAPerson_AndTheirOwnChangeIsAuditedAsThem()
    {
        await using var scope = await SignedInScopeAsync("expert", ip: "10.1.2.3", agent: "test-agent/1.0");
        var operations = scope.ServiceProvider.GetRequiredService<UiOperations>();
        var me = await PersonIdAsync("expert");
        var other = await PersonIdAsync("chair");

        var refused = await operations.RunAsync<ChangeLanguageHandler, Person>((h, ct) => h.HandleAsync(other.Value, new ChangeLanguageRequest(PreferredLanguage.En), ct));
        var changed = await operations.RunAsync<ChangeLanguageHandler, Person>((h, ct) => h.HandleAsync(me.Value, new ChangeLanguageRequest(PreferredLanguage.En), ct));
        var back = await operations.RunAsync<ChangeLanguageHandler, Person>((h, ct) => h.HandleAsync(me.Value, new ChangeLanguageRequest(PreferredLanguage.ZhCn), ct));

        Assert.Equal(404, refused.Problem!.Status);
        Assert.Null(changed.Problem);
        Assert.Null(back.Problem);
        await using var check = fixture.Server.Scope();
        var entries = await UiServer.Db(check).AuditEntries.AsNoTracking()
            .Where(e => e.Action == "person.language" && e.TargetId == me.ToString()).OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal(me, e.ActorId));
        Assert.All(entries, e => Assert.Equal("10.1.2.3", e.IpAddress));
        Assert.All(entries, e => Assert.Equal("test-agent/1.0", e.UserAgent));
        Assert.Equal("language: ZhCn → En", entries[0].Summary);
    }

    [Fact]
    public async Task Handler_RunWithoutASignedInPerson_IsRefused()
    {
        await using var scope = fixture.Server.Services.CreateAsyncScope();
        SetUser(scope, new ClaimsPrincipal(new ClaimsIdentity()));
        var operations = scope.ServiceProvider.GetRequiredService<UiOperations>();

        var result = await operations.RunAsync<ListPeopleHandler, Page<PersonResponse>>((h, ct) => h.HandleAsync(new ListPeopleQuery(null, null, 1, 20), ct));

        Assert.Equal("access.administrator-required", result.Problem!.Code);
    }

    // A circuit's scope as the framework sets it up: the signed-in principal (Identity's cookie claims) and where it connected from.
    private async Task<AsyncServiceScope> SignedInScopeAsync(string mailbox, string ip = "127.0.0.1", string agent = "tests")
    {
        var scope = fixture.Server.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Governance.Server.Identity.Account>>();
        var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<Governance.Server.Identity.Account>>();
        var account = await users.FindByEmailAsync(UiServer.DemoEmail(mailbox)) ?? throw new InvalidOperationException($"no demo account {mailbox}");
        SetUser(scope, await factory.CreateAsync(account));
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(ip);
        context.Request.Headers.UserAgent = agent;
        scope.ServiceProvider.GetRequiredService<CircuitOrigin>().Capture(context);
        return scope;
    }

    private static void SetUser(AsyncServiceScope scope, ClaimsPrincipal user) =>
        ((IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>())
            .SetAuthenticationState(Task.FromResult(new AuthenticationState(user)));

    private async Task<PersonId> PersonIdAsync(string mailbox)
    {
        await using var scope = fixture.Server.Scope();
        return await UiServer.Db(scope).People.Where(p => p.Email == UiServer.DemoEmail(mailbox)).Select(p => p.Id).SingleAsync();
    }
}

[Collection(UiOnSqlite.Name)]
public sealed class SqliteUiOperationsTests(SqliteUiFixture fixture) : UiOperationsTests(fixture);

[Collection(UiOnPostgres.Name)]
public sealed class PostgresUiOperationsTests(PostgresUiFixture fixture) : UiOperationsTests(fixture);
