using System.Net;
using System.Text;
using Governance.Domain.People;
using Governance.Server.Tests.Access;
using Governance.Server.Tests.Api;
using Governance.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Governance.Server.Tests.Access.TwoAlliances;

namespace Governance.Server.Tests.Auditing;

public abstract class AuditApiTests(ServerFixture fixture) : ServerTest(fixture)
{
    [Fact]
    public async Task StateChanges_WriteChainedEntries_WithActorTargetAndBeforeAfter()
    {
        using var admin = await Factory.CreateAdminClientAsync();
        admin.DefaultRequestHeaders.UserAgent.ParseAdd("AuditTest/1.0");
        var department = await AllianceApiTests.CreateOrganizationAsync(admin, "GovernmentAgency", "辽宁省教育厅");
        var alliance = (await (await admin.PostJsonAsync("/api/v1/alliances", AllianceApiTests.NewAlliance("审计联盟", department))).JsonAsync())
            .GetProperty("id").GetGuid();
        await admin.PostJsonAsync($"/api/v1/alliances/{alliance}/status", new { status = "UnderReview" });

        var page = await (await admin.GetAsync($"/api/v1/audit?allianceId={alliance}")).JsonAsync();
        var entries = page.GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(["alliance.status", "alliance.create"], entries.Select(e => e.GetProperty("action").GetString()));
        var status = entries[0];
        Assert.Equal(TestAccounts.AdministratorId.Value, status.GetProperty("actorId").GetGuid());
        Assert.Equal("Alliance", status.GetProperty("targetType").GetString());
        Assert.Equal(alliance.ToString(), status.GetProperty("targetId").GetString());
        Assert.StartsWith("status: Proposed → UnderReview", status.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal("AuditTest/1.0", status.GetProperty("userAgent").GetString());
        Assert.Equal(Factory.Clock.GetUtcNow(), status.GetProperty("at").GetDateTimeOffset());

        var verify = await (await admin.GetAsync("/api/v1/audit/verify")).JsonAsync();
        Assert.True(verify.GetProperty("isIntact").GetBoolean());
        Assert.Equal(3, await CountAsync(e => !IsIdentity(e.Action)));
        Assert.Equal(await CountAsync(_ => true), verify.GetProperty("entriesChecked").GetInt64());
    }

    [Fact]
    public async Task Verify_OneStoredRowEdited_ReportsThatEntryAsTheFirstBrokenLink()
    {
        using var admin = await Factory.CreateAdminClientAsync();
        for (var i = 0; i < 5; i++)
        {
            await AllianceApiTests.CreateOrganizationAsync(admin, "Enterprise", $"企业{i}");
        }

        await using (var scope = Factory.Scope())
        {
            var db = GovernanceApiFactory.Db(scope);
            Assert.Equal(5, await db.AuditEntries.CountAsync(e => e.Action == "organization.create"));

            // Someone with database access rewrites what entry 3 says.
            await db.AuditEntries.Where(e => e.Sequence == 3).ExecuteUpdateAsync(s => s.SetProperty(e => e.Summary, "Enterprise 无害的企业"));
        }

        var verify = await (await admin.GetAsync("/api/v1/audit/verify")).JsonAsync();

        Assert.False(verify.GetProperty("isIntact").GetBoolean());
        Assert.Equal(3, verify.GetProperty("firstBrokenSequence").GetInt64());
        Assert.Equal(2, verify.GetProperty("entriesChecked").GetInt64());
    }

    [Fact]
    public async Task Verify_EntryWrittenAtASubMicrosecondTime_StaysIntactAfterTheDatabaseRoundTrip()
    {
        using var admin = await Factory.CreateAdminClientAsync();

        // A real clock has 100 ns ticks; PostgreSQL stores microseconds.
        Factory.Clock.Advance(TimeSpan.FromTicks(1_234_567));
        try
        {
            await AllianceApiTests.CreateOrganizationAsync(admin, "Enterprise", "亚微秒时刻企业");

            var verify = await (await admin.GetAsync("/api/v1/audit/verify")).JsonAsync();

            Assert.True(verify.GetProperty("isIntact").GetBoolean(), verify.ToString());
            Assert.Equal(1, verify.GetProperty("entriesChecked").GetInt64());
        }
        finally
        {
            // Back on a whole microsecond for the tests that compare stored times with the clock.
            Factory.Clock.Advance(TimeSpan.FromTicks(3));
        }
    }

    [Fact]
    public async Task Verify_RowDeleted_IsDetected()
    {
        using var admin = await Factory.CreateAdminClientAsync();
        for (var i = 0; i < 3; i++)
        {
            await AllianceApiTests.CreateOrganizationAsync(admin, "Enterprise", $"企业{i}");
        }

        await using (var scope = Factory.Scope())
        {
            await GovernanceApiFactory.Db(scope).AuditEntries.Where(e => e.Sequence == 2).ExecuteDeleteAsync();
        }

        var verify = await (await admin.GetAsync("/api/v1/audit/verify")).JsonAsync();

        Assert.False(verify.GetProperty("isIntact").GetBoolean());
        Assert.Equal(2, verify.GetProperty("firstBrokenSequence").GetInt64());
    }

    [Fact]
    public async Task ConcurrentWriters_ChainStaysUnbrokenWithoutGaps()
    {
        using var admin = await Factory.CreateAdminClientAsync();

        var created = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => admin.PostJsonAsync("/api/v1/organizations", new
        {
            kind = "Enterprise",
            name = $"并发企业{i}",
            creditCode = Builders.TestData.CreditCode(),
            region = "沈阳市",
            legalRepresentativeName = "张三",
        })));

        Assert.All(created, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var verify = await (await admin.GetAsync("/api/v1/audit/verify")).JsonAsync();
        Assert.True(verify.GetProperty("isIntact").GetBoolean(), verify.ToString());
        Assert.Equal(12, await CountAsync(e => e.Action == "organization.create"));
        Assert.Equal(await CountAsync(_ => true), verify.GetProperty("entriesChecked").GetInt64());
    }

    [Fact]
    public async Task Query_ByAllianceOrganizationAndPerson_OnlyWithinTheCallersRoles()
    {
        var world = await SeedAsync(Factory);
        var secretaryA = await Factory.CreatePersonAsync("甲联盟秘书", In(world.A.Id, Role.Secretariat));
        var secretaryB = await Factory.CreatePersonAsync("乙联盟秘书", In(world.B.Id, Role.Secretariat));
        using (var a = await Factory.CreateClientForAsync(secretaryA))
        {
            await a.PostJsonAsync($"/api/v1/memberships/{world.MembershipA.Id}/role", new { role = "CouncilMemberUnit" });
        }

        using (var b = await Factory.CreateClientForAsync(secretaryB))
        {
            await b.PostJsonAsync($"/api/v1/memberships/{world.MembershipB.Id}/role", new { role = "CouncilMemberUnit" });
            // Its own entries, leaving out its sign-in and token (identity entries have no alliance).
            var own = await (await b.GetAsync("/api/v1/audit?action=membership.role")).JsonAsync();
            var ofA = await (await b.GetAsync($"/api/v1/audit?allianceId={world.A.Id}")).JsonAsync();

            Assert.Equal([world.B.Id.Value], own.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("allianceId").GetGuid()));
            Assert.Equal(0, ofA.GetProperty("totalCount").GetInt32());
        }

        using var admin = await Factory.CreateAdminClientAsync();
        var byOrganization = await (await admin.GetAsync($"/api/v1/audit?organizationId={world.MemberA.Id}")).JsonAsync();
        var byPerson = await (await admin.GetAsync($"/api/v1/audit?personId={secretaryB.Value}&action=membership.role")).JsonAsync();
        Assert.Equal(1, byOrganization.GetProperty("totalCount").GetInt32());
        Assert.Equal(world.MembershipB.Id.Value.ToString(), Assert.Single(byPerson.GetProperty("items").EnumerateArray()).GetProperty("targetId").GetString());
    }

    [Fact]
    public async Task Export_IsCsvWithQuotedTextAndNeutralisedFormulas()
    {
        using var admin = await Factory.CreateAdminClientAsync();
        admin.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", "=1+2");
        await AllianceApiTests.CreateOrganizationAsync(admin, "Enterprise", "=HYPERLINK(\"x\"),\"逗号,企业\"");

        var response = await admin.GetAsync("/api/v1/audit/export?action=organization.create");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("sequence,at,actorId,onBehalfOfId,action", lines[0], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);
        Assert.Contains("organization.create", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"Enterprise =HYPERLINK(\"\"x\"\"),\"\"逗号,企业\"\"", lines[1], StringComparison.Ordinal);
        Assert.Contains(",'=1+2,", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_OnlyForAdministrators()
    {
        var world = await SeedAsync(Factory);
        var chair = await Factory.CreatePersonAsync("甲联盟理事长", In(world.A.Id, Role.Chair));
        using var client = await Factory.CreateClientForAsync(chair);

        await (await client.GetAsync("/api/v1/audit/verify")).AssertProblemAsync(403, "access.forbidden");
    }

    // Sign-ins and tokens (account.*, token.*) are audited too; a test's own sign-in may or may not be among them.
    private static bool IsIdentity(string action) => action.StartsWith("account.", StringComparison.Ordinal) || action.StartsWith("token.", StringComparison.Ordinal);

    private async Task<int> CountAsync(System.Linq.Expressions.Expression<Func<Governance.Domain.Audit.AuditEntry, bool>> filter)
    {
        await using var scope = Factory.Scope();
        var entries = await GovernanceApiFactory.Db(scope).AuditEntries.AsNoTracking().ToListAsync();
        return entries.Count(filter.Compile());
    }
}

[Collection(OnSqlite.Name)]
public sealed class SqliteAuditApiTests(SqliteServerFixture fixture) : AuditApiTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresAuditApiTests(PostgresServerFixture fixture) : AuditApiTests(fixture);
