using System.Net;
using System.Text.Json;
using Governance.Server.Tests.Builders;
using Governance.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Tests.Api;

public abstract class OrganizationApiTests(ServerFixture fixture) : ServerTest(fixture)
{
    private const string Url = "/api/v1/organizations";

    [Fact]
    public async Task Create_ValidOrganization_Returns201WithLocationAndETag()
    {
        using var client = await Factory.CreateAdminClientAsync();
        var code = TestData.CreditCode();

        var response = await client.PostJsonAsync(Url, NewOrganization(code, "沈阳精工数控机床有限公司"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal($"{Url}/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"0\"", response.Headers.ETag?.Tag);
        Assert.Equal(code, body.GetProperty("creditCode").GetString());
        Assert.Equal("Enterprise", body.GetProperty("kind").GetString());
        Assert.Equal("Good", body.GetProperty("creditStatus").GetString());

        var fetched = await client.GetAsync($"{Url}/{id}");
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal("沈阳精工数控机床有限公司", (await fetched.JsonAsync()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Create_LowerCaseCodeWithSpaces_IsStoredNormalised()
    {
        using var client = await Factory.CreateAdminClientAsync();
        var code = TestData.CreditCode();

        var response = await client.PostJsonAsync(Url, NewOrganization($"  {code.ToLowerInvariant()} ", "大连远航机器人科技有限公司"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(code, (await response.JsonAsync()).GetProperty("creditCode").GetString());
    }

    [Theory]
    [InlineData("91210100MA0XXXXX")]
    [InlineData("91210100MA0XXXXX1234")]
    [InlineData("91210100MA0IOZSV1X")]
    [InlineData("")]
    public async Task Create_InvalidCreditCode_Returns422WithFieldAndWritesNothing(string code)
    {
        using var client = await Factory.CreateAdminClientAsync();

        var response = await client.PostJsonAsync(Url, NewOrganization(code, "无效代码单位"));

        await response.AssertProblemAsync(422, "organization.invalid-credit-code", "creditCode");
        Assert.Equal(0, await CountOrganizationsAsync());
    }

    [Fact]
    public async Task Create_WrongCheckCharacter_Returns422()
    {
        using var client = await Factory.CreateAdminClientAsync();
        var valid = TestData.CreditCode();
        var wrongCheck = valid[..17] + (valid[17] == '0' ? '1' : '0');

        var response = await client.PostJsonAsync(Url, NewOrganization(wrongCheck, "校验位错误单位"));

        var problem = await response.AssertProblemAsync(422, "organization.invalid-credit-code", "creditCode");
        Assert.Contains("check", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Create_DuplicateCreditCode_Returns409AndKeepsTheFirst()
    {
        using var client = await Factory.CreateAdminClientAsync();
        var code = TestData.CreditCode();
        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync(Url, NewOrganization(code, "第一家"))).StatusCode);

        var response = await client.PostJsonAsync(Url, NewOrganization(code, "第二家"));

        await response.AssertProblemAsync(409, "organization.duplicate-credit-code", "creditCode");
        Assert.Equal(1, await CountOrganizationsAsync());
    }

    [Fact]
    public async Task Create_SameCodeConcurrently_ExactlyOneIsCreated()
    {
        using var client = await Factory.CreateAdminClientAsync();
        var code = TestData.CreditCode();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(i => client.PostJsonAsync(Url, NewOrganization(code, $"并发单位{i}"))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created),
            r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(1, await CountOrganizationsAsync());
    }

    [Fact]
    public async Task Create_MissingName_Returns422WithField()
    {
        using var client = await Factory.CreateAdminClientAsync();

        var response = await client.PostJsonAsync(Url, new { kind = "University", creditCode = TestData.CreditCode("12"), region = "沈阳市", legalRepresentativeName = "张三" });

        await response.AssertProblemAsync(422, "organization.name-required", "name");
    }

    [Fact]
    public async Task Create_MalformedJson_Returns400()
    {
        using var client = await Factory.CreateAdminClientAsync();

        var response = await client.PostRawAsync(Url, "{\"kind\": \"Enterprise\", \"name\": ");

        await response.AssertProblemAsync(400, "request.malformed-json");
        Assert.Equal(0, await CountOrganizationsAsync());
    }

    [Fact]
    public async Task Create_UnknownKind_Returns400NamingTheField()
    {
        using var client = await Factory.CreateAdminClientAsync();

        var response = await client.PostRawAsync(Url, "{\"kind\": \"Spaceship\", \"name\": \"x\"}");

        await response.AssertProblemAsync(400, "request.malformed-json", "kind");
    }

    [Fact]
    public async Task Create_OversizedBody_Returns413()
    {
        using var client = await Factory.CreateAdminClientAsync();
        var huge = JsonSerializer.Serialize(new { kind = "Enterprise", name = new string('大', 700_000) });

        var response = await client.PostRawAsync(Url, huge);

        await response.AssertProblemAsync(413, "request.too-large");
        Assert.Equal(0, await CountOrganizationsAsync());
    }

    [Fact]
    public async Task Get_UnknownId_Returns404ProblemDetails()
    {
        using var client = await Factory.CreateAdminClientAsync();

        var response = await client.GetAsync($"{Url}/{Guid.NewGuid()}");

        await response.AssertProblemAsync(404, "organization.not-found");
    }

    [Fact]
    public async Task List_PagesAndSearches()
    {
        using var client = await Factory.CreateAdminClientAsync();
        for (var i = 0; i < 5; i++)
        {
            await client.PostJsonAsync(Url, NewOrganization(TestData.CreditCode(), $"辽宁测试企业{i}"));
        }

        var school = TestData.CreditCode("12");
        await client.PostJsonAsync(Url, new { kind = "University", name = "渤海工业大学", creditCode = school, region = "锦州市", legalRepresentativeName = "李文博" });

        var page = await (await client.GetAsync($"{Url}?page=2&pageSize=2")).JsonAsync();
        Assert.Equal(6, page.GetProperty("totalCount").GetInt32());
        Assert.Equal(2, page.GetProperty("pageNumber").GetInt32());
        Assert.Equal(2, page.GetProperty("items").GetArrayLength());

        var byName = await (await client.GetAsync($"{Url}?search={Uri.EscapeDataString("渤海")}")).JsonAsync();
        Assert.Equal("渤海工业大学", Assert.Single(byName.GetProperty("items").EnumerateArray()).GetProperty("name").GetString());

        var byCode = await (await client.GetAsync($"{Url}?search={school}")).JsonAsync();
        Assert.Equal(school, Assert.Single(byCode.GetProperty("items").EnumerateArray()).GetProperty("creditCode").GetString());

        var byKind = await (await client.GetAsync($"{Url}?kind=Enterprise")).JsonAsync();
        Assert.Equal(5, byKind.GetProperty("totalCount").GetInt32());
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("pageSize=0")]
    [InlineData("pageSize=1000")]
    public async Task List_InvalidPaging_Returns422(string query)
    {
        using var client = await Factory.CreateAdminClientAsync();

        var response = await client.GetAsync($"{Url}?{query}");

        Assert.Equal(422, (int)response.StatusCode);
    }

    [Fact]
    public async Task CreditStatus_BarredWithReason_IsRecordedAndVersionAdvances()
    {
        using var client = await Factory.CreateAdminClientAsync();
        var created = await (await client.PostJsonAsync(Url, NewOrganization(TestData.CreditCode(), "失信企业"))).JsonAsync();
        var id = created.GetProperty("id").GetGuid();

        var response = await client.PostJsonAsync($"{Url}/{id}/credit-status", new { status = "Barred", reason = "列入严重失信名单" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("Barred", body.GetProperty("creditStatus").GetString());
        Assert.Equal(1, body.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task CreditStatus_DowngradeWithoutReason_Returns422()
    {
        using var client = await Factory.CreateAdminClientAsync();
        var created = await (await client.PostJsonAsync(Url, NewOrganization(TestData.CreditCode(), "某企业"))).JsonAsync();

        var response = await client.PostJsonAsync($"{Url}/{created.GetProperty("id").GetGuid()}/credit-status", new { status = "Warned" });

        await response.AssertProblemAsync(422, "organization.credit-reason-required", "reason");
    }

    [Fact]
    public async Task CreditStatus_StaleIfMatch_Returns409AndChangesNothing()
    {
        using var client = await Factory.CreateAdminClientAsync();
        var created = await (await client.PostJsonAsync(Url, NewOrganization(TestData.CreditCode(), "某企业"))).JsonAsync();
        var id = created.GetProperty("id").GetGuid();
        await client.PostJsonAsync($"{Url}/{id}/credit-status", new { status = "Warned", reason = "第一次警示" });

        using var stale = new HttpRequestMessage(HttpMethod.Post, $"{Url}/{id}/credit-status")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { status = "Good" }),
        };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"0\""));
        var response = await client.SendAsync(stale);

        await response.AssertProblemAsync(409, "concurrency.version-mismatch");
        var current = await (await client.GetAsync($"{Url}/{id}")).JsonAsync();
        Assert.Equal("Warned", current.GetProperty("creditStatus").GetString());
    }

    [Fact]
    public async Task CreditStatus_ConcurrentWriters_NoUpdateIsLost()
    {
        using var client = await Factory.CreateAdminClientAsync();
        var created = await (await client.PostJsonAsync(Url, NewOrganization(TestData.CreditCode(), "并发企业"))).JsonAsync();
        var id = created.GetProperty("id").GetGuid();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            client.PostJsonAsync($"{Url}/{id}/credit-status", new { status = "Warned", reason = $"警示{i}" })));

        var succeeded = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        Assert.True(succeeded >= 1);

        // Each accepted write advanced the version exactly once: none overwrote another unseen.
        var current = await (await client.GetAsync($"{Url}/{id}")).JsonAsync();
        Assert.Equal(succeeded, current.GetProperty("version").GetInt32());
    }

    private static object NewOrganization(string code, string name) => new
    {
        kind = "Enterprise",
        name,
        creditCode = code,
        region = "沈阳市",
        legalRepresentativeName = "赵建国",
    };

    private async Task<int> CountOrganizationsAsync()
    {
        await using var scope = Factory.Scope();
        return await GovernanceApiFactory.Db(scope).Organizations.CountAsync();
    }
}

[Collection(OnSqlite.Name)]
public sealed class SqliteOrganizationApiTests(SqliteServerFixture fixture) : OrganizationApiTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresOrganizationApiTests(PostgresServerFixture fixture) : OrganizationApiTests(fixture);
