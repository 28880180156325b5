using System.Net;
using System.Text.RegularExpressions;
using Governance.Domain.Common;
using Governance.Domain.People;
using Governance.Server.Identity;
using Governance.Server.Tests.Api;
using Governance.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Server.Tests.Identity;

public abstract class AccountLinkTests(ServerFixture fixture) : ServerTest(fixture)
{
    [Fact]
    public async Task Invitation_EmailedLinkSetsThePassword_ThenThePersonSignsIn()
    {
        var person = await NewPersonAsync(PreferredLanguage.ZhCn);
        using var admin = await Factory.CreateAdminClientAsync();

        var invited = await admin.PostAsync($"/api/v1/people/{person.Value}/invitation", null);

        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        var (subject, body, link) = await LastEmailAsync(person);
        Assert.Equal("联盟治理平台账号开通通知", subject);
        Assert.Contains("请在", body, StringComparison.Ordinal);
        using var browser = Browser();
        var answer = await SetPasswordAsync(browser, link, "new-password-2026");
        Assert.Contains("密码已设置", answer, StringComparison.Ordinal);

        await using var scope = Factory.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var account = await users.FindByIdAsync(person.Value.ToString());
        Assert.True(account!.EmailConfirmed);
        Assert.True(await users.CheckPasswordAsync(account, "new-password-2026"));

        // The invitation and its acceptance are audited, the acceptance as the person's own act; the password is nowhere.
        var entries = await AuditAsync();
        Assert.Contains(entries, e => e.Action == "account.invite" && e.TargetId == person.ToString() && e.ActorId == TestAccounts.AdministratorId);
        var accepted = Assert.Single(entries, e => e.Action == "account.password-set");
        Assert.Equal((person.ToString(), (PersonId?)person, "invitation accepted"), (accepted.TargetId, accepted.ActorId, accepted.Summary));
        Assert.DoesNotContain(entries, e => $"{e.Summary}{e.TargetId}{e.UserAgent}".Contains("new-password-2026", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invitation_LinkWorksOnce()
    {
        var person = await NewPersonAsync(PreferredLanguage.En);
        using var admin = await Factory.CreateAdminClientAsync();
        await admin.PostAsync($"/api/v1/people/{person.Value}/invitation", null);
        var (subject, _, link) = await LastEmailAsync(person);
        Assert.Equal("Your account on the alliance governance platform", subject);
        using var browser = Browser();
        await SetPasswordAsync(browser, link, "first-password-1");

        var second = await SetPasswordAsync(browser, link, "second-password-2");

        Assert.Contains("expired or was already used", second, StringComparison.Ordinal);
        var failed = Assert.Single(await AuditAsync(), e => e.Action == "account.password-set-failed");
        Assert.Equal((person.ToString(), "link already used", (PersonId?)null), (failed.TargetId, failed.Summary, failed.ActorId));
        Assert.DoesNotContain(await AuditAsync(), e => e.Summary?.Contains(System.Web.HttpUtility.ParseQueryString(link.Query)["token"]!, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Invitation_Expires()
    {
        var person = await NewPersonAsync(PreferredLanguage.ZhCn);
        using var admin = await Factory.CreateAdminClientAsync();
        await admin.PostAsync($"/api/v1/people/{person.Value}/invitation", null);
        var (_, _, link) = await LastEmailAsync(person);

        Factory.Clock.Advance(TimeSpan.FromDays(3));
        using var browser = Browser();
        var answer = await SetPasswordAsync(browser, link, "late-password-1");

        Assert.Contains("expired or was already used", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invitation_WeakPassword_IsRefusedAndTheLinkStillWorks()
    {
        var person = await NewPersonAsync(PreferredLanguage.ZhCn);
        using var admin = await Factory.CreateAdminClientAsync();
        await admin.PostAsync($"/api/v1/people/{person.Value}/invitation", null);
        var (_, _, link) = await LastEmailAsync(person);
        using var browser = Browser();

        var weak = await SetPasswordAsync(browser, link, "short");
        var good = await SetPasswordAsync(browser, link, "long-enough-password-7");

        Assert.Contains("密码至少 10 位", weak, StringComparison.Ordinal);
        Assert.Contains("密码已设置", good, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reset_ForAnActiveAccount_SendsALink_UnknownAddressSendsNothing()
    {
        var person = await NewPersonAsync(PreferredLanguage.ZhCn);
        await Factory.EnsureAccountAsync(person);
        using var browser = Browser();

        var unknown = await PostFormAsync(browser, "/account/forgot-password", "/account/forgot-password", new() { ["email"] = "nobody@tests.example" });
        var known = await PostFormAsync(browser, "/account/forgot-password", "/account/forgot-password", new() { ["email"] = $"p{person.Value:N}@tests.example" });

        // Apart from the antiforgery token, the answer is the same: it does not tell who has an account.
        static string WithoutToken(string html) => Regex.Replace(html, "name=\"__RequestVerificationToken\" value=\"[^\"]*\"", string.Empty);
        Assert.Equal(WithoutToken(unknown), WithoutToken(known));
        Assert.Contains("重置链接已发出", known, StringComparison.Ordinal);
        var (subject, _, link) = await LastEmailAsync(person);
        Assert.Equal("重置密码", subject);
        await using (var scope = Factory.Scope())
        {
            Assert.Equal(1, await GovernanceApiFactory.Db(scope).OutboxMessages.CountAsync());
        }

        Assert.Contains("密码已设置", await SetPasswordAsync(browser, link, "reset-password-99"), StringComparison.Ordinal);

        // Both requests are audited, the unknown one without the address typed; then the reset itself.
        var entries = await AuditAsync();
        Assert.Equal(["Account:unknown", $"Person:{person}"],
            entries.Where(e => e.Action == "account.password-reset-requested").Select(e => $"{e.TargetType}:{e.TargetId}"));
        Assert.DoesNotContain(entries, e => e.Summary?.Contains("nobody@tests.example", StringComparison.Ordinal) == true);
        Assert.Equal("password reset by emailed link", Assert.Single(entries, e => e.Action == "account.password-set").Summary);
    }

    [Fact]
    public async Task Invite_NotForNonAdministrators()
    {
        var person = await NewPersonAsync(PreferredLanguage.ZhCn);
        var other = await Factory.CreatePersonAsync("普通人");
        using var client = await Factory.CreateClientForAsync(other);

        await (await client.PostAsync($"/api/v1/people/{person.Value}/invitation", null)).AssertProblemAsync(403, "access.forbidden");
    }

    private async Task<List<Governance.Domain.Audit.AuditEntry>> AuditAsync()
    {
        await using var scope = Factory.Scope();
        return await GovernanceApiFactory.Db(scope).AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
    }

    private HttpClient Browser() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private async Task<PersonId> NewPersonAsync(PreferredLanguage language)
    {
        var id = PersonId.New();
        await using var scope = Factory.Scope();
        var db = GovernanceApiFactory.Db(scope);
        db.People.Add(new Person(id, "新成员", $"p{id.Value:N}@tests.example", null, language, Factory.Clock.GetUtcNow()));
        await db.SaveChangesAsync();
        return id;
    }

    private async Task<(string Subject, string Body, Uri Link)> LastEmailAsync(PersonId person)
    {
        await using var scope = Factory.Scope();
        var db = GovernanceApiFactory.Db(scope);
        var email = $"p{person.Value:N}@tests.example";
        var messages = await db.OutboxMessages.Where(m => m.To == email).ToListAsync();
        var message = messages.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Last();
        return (message.Subject, message.Body, new Uri(Regex.Match(message.Body, @"http\S+").Value));
    }

    private static async Task<string> SetPasswordAsync(HttpClient browser, Uri link, string password)
    {
        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        return await PostFormAsync(browser, link.PathAndQuery, "/account/set-password", new()
        {
            ["person"] = query["person"]!,
            ["token"] = query["token"]!,
            ["password"] = password,
            ["confirm"] = password,
        });
    }

    private static async Task<string> PostFormAsync(HttpClient browser, string pageUrl, string action, Dictionary<string, string> fields)
    {
        var page = await browser.GetStringAsync(pageUrl);
        fields["__RequestVerificationToken"] = TestAccounts.HiddenValue(page, "__RequestVerificationToken");
        var answer = await browser.PostAsync(action, new FormUrlEncodedContent(fields));
        return await answer.Content.ReadAsStringAsync();
    }
}

[Collection(OnSqlite.Name)]
public sealed class SqliteAccountLinkTests(SqliteServerFixture fixture) : AccountLinkTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresAccountLinkTests(PostgresServerFixture fixture) : AccountLinkTests(fixture);
