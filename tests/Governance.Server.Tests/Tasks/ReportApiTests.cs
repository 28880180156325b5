using System.Net;
using System.Text.Json;
using Governance.Domain.Common;
using Governance.Domain.Reports;
using Governance.Domain.Tasks;
using Governance.Server.Tests.Api;
using Governance.Server.Tests.Infrastructure;
using Governance.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Tests.Tasks;

/// <summary>Annual contributions over HTTP: liaisons submit and revise, the office reads the report and its totals.</summary>
public abstract class ReportApiTests(ServerFixture fixture) : ServerTest(fixture)
{
    [Fact]
    public async Task Liaisons_SubmitAndRevise_TheLastSubmissionCompletesTheStep_TotalsAddUp()
    {
        var world = await TaskWorld.SeedAsync(Factory, seats: 3, liaisons: true);
        var instance = await world.StartAsync(Factory, TaskFlows.Collect, world.Secretary);
        var report = await ReportIdAsync(instance);
        var url = $"/api/v1/reports/{report}/contributions";
        using var first = await Factory.CreateClientForAsync(world.Liaisons[0]);
        using var second = await Factory.CreateClientForAsync(world.Liaisons[1]);
        using var third = await Factory.CreateClientForAsync(world.Liaisons[2]);
        using var secretary = await Factory.CreateClientForAsync(world.Secretary);

        // The organization is inferred for a liaison of exactly one reporting member; then revised.
        var submitted = await first.PostJsonAsync(url, Body(null, 10, 2, 1, 200, 30, 50.5m, "与沈阳机床共建智能制造实训基地"));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        await (await first.PostJsonAsync(url, Body(world.Units[0], 12, 3, 1, 240, 35, 86.5m, "共建实训基地，开设订单班两个"))).EnsureSuccessStatusCodeAsync();
        await (await second.PostJsonAsync(url, Body(world.Units[1], 5, 1, 0, 80, 12, 20m, "开展企业员工培训"))).EnsureSuccessStatusCodeAsync();

        // A member sees its own contribution only, and no totals before they are compiled.
        var own = await (await first.GetAsync($"/api/v1/reports/{report}")).JsonAsync();
        var ownContribution = Assert.Single(own.GetProperty("contributions").EnumerateArray());
        Assert.Equal(world.Units[0].Value, ownContribution.GetProperty("organization").GetProperty("id").GetGuid());
        Assert.Equal((12, 86.5m, "联络员00"),
            (ownContribution.GetProperty("indicators").GetProperty("enterprisesServed").GetInt32(),
             ownContribution.GetProperty("indicators").GetProperty("fundsRaisedTenThousandYuan").GetDecimal(),
             ownContribution.GetProperty("submittedBy").GetProperty("name").GetString()));
        Assert.Equal(JsonValueKind.Null, own.GetProperty("totals").ValueKind);

        // The secretariat sees both, the running totals, who is still missing.
        var office = await (await secretary.GetAsync($"/api/v1/reports/{report}")).JsonAsync();
        Assert.Equal((2026, "Collecting", 2), (office.GetProperty("year").GetInt32(), office.GetProperty("status").GetString(), office.GetProperty("contributions").GetArrayLength()));
        Assert.Equal([world.Units[2].Value], office.GetProperty("missing").EnumerateArray().Select(m => m.GetProperty("id").GetGuid()));
        Assert.Equal((17, 320, 106.5m, false),
            (office.GetProperty("totals").GetProperty("enterprisesServed").GetInt32(), office.GetProperty("totals").GetProperty("peopleTrained").GetInt32(),
             office.GetProperty("totals").GetProperty("fundsRaisedTenThousandYuan").GetDecimal(), office.GetProperty("totalsCompiled").GetBoolean()));
        Assert.Equal(WorkflowStatus.Suspended, await StatusAsync(instance));

        await (await third.PostJsonAsync(url, Body(world.Units[2], 0, 0, 0, 0, 0, 0m, "本年度无新增合作项目"))).EnsureSuccessStatusCodeAsync();

        Assert.Equal(WorkflowStatus.Finished, await StatusAsync(instance));
        await using var scope = Factory.Scope();
        var db = GovernanceApiFactory.Db(scope);
        Assert.All(await db.Tasks.AsNoTracking().Where(t => t.InstanceId == instance).ToListAsync(), t => Assert.Equal((WorkTaskStatus.Completed, "submitted"), (t.Status, t.Outcome)));
        Assert.Equal(["report.contribution", "report.contribution-change", "report.contribution", "report.contribution"],
            await db.AuditEntries.Where(e => e.TargetId == report.ToString()).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync());

        // Compiled by the secretariat: everyone now sees the compiled totals.
        var stored = await db.AnnualReports.SingleAsync(r => r.Id == new AnnualReportId(report));
        stored.Compile("2026年度联盟工作进展报告", Factory.Clock.GetUtcNow());
        await db.SaveChangesAsync();
        var compiled = await (await first.GetAsync($"/api/v1/reports/{report}")).JsonAsync();
        Assert.True(compiled.GetProperty("totalsCompiled").GetBoolean());
        Assert.Equal((17, 4, 1, 320, 47, 106.5m),
            (compiled.GetProperty("totals").GetProperty("enterprisesServed").GetInt32(), compiled.GetProperty("totals").GetProperty("jointProjects").GetInt32(),
             compiled.GetProperty("totals").GetProperty("patentsTransferred").GetInt32(), compiled.GetProperty("totals").GetProperty("peopleTrained").GetInt32(),
             compiled.GetProperty("totals").GetProperty("studentsInInternships").GetInt32(), compiled.GetProperty("totals").GetProperty("fundsRaisedTenThousandYuan").GetDecimal()));
    }

    [Fact]
    public async Task Submit_WrongPersonOrBadInput_RefusedWithCodeAndField_NothingStored()
    {
        var world = await TaskWorld.SeedAsync(Factory, seats: 2, liaisons: true);
        var instance = await world.StartAsync(Factory, TaskFlows.Collect, world.Secretary);
        var report = await ReportIdAsync(instance);
        var url = $"/api/v1/reports/{report}/contributions";
        using var liaison = await Factory.CreateClientForAsync(world.Liaisons[0]);
        using var secretary = await Factory.CreateClientForAsync(world.Secretary);
        using var outsider = await Factory.CreateClientForAsync(world.Outsider);
        using var secretaryB = await Factory.CreateClientForAsync(world.SecretaryB);

        await (await liaison.PostJsonAsync(url, Body(world.Units[1], 1, 1, 1, 1, 1, 1m, "代他单位提交"))).AssertProblemAsync(403, "access.liaison-required");
        await (await secretary.PostJsonAsync(url, Body(world.Units[0], 1, 1, 1, 1, 1, 1m, "秘书处代填"))).AssertProblemAsync(403, "access.liaison-required");
        await (await secretary.PostJsonAsync(url, Body(null, 1, 1, 1, 1, 1, 1m, "秘书处代填"))).AssertProblemAsync(422, "report.organizationId-required", "organizationId");
        await (await outsider.PostJsonAsync(url, Body(null, 1, 1, 1, 1, 1, 1m, "x"))).AssertProblemAsync(404, "report.not-found");
        await (await secretaryB.GetAsync($"/api/v1/reports/{report}")).AssertProblemAsync(404, "report.not-found");
        await (await liaison.PostJsonAsync(url, new { indicators = new { enterprisesServed = 1 }, narrative = "x" }))
            .AssertProblemAsync(422, "report.indicator-required", "indicators.jointProjects");
        await (await liaison.PostJsonAsync(url, new { narrative = "x" })).AssertProblemAsync(422, "report.indicators-required", "indicators");
        await (await liaison.PostJsonAsync(url, Body(null, 1, 1, 1, -5, 1, 1m, "x"))).AssertProblemAsync(422, "report.invalid-indicator", "indicators.peopleTrained");
        await (await liaison.PostJsonAsync(url, Body(null, 1, 1, 1, 1, 1, 1.23456m, "x"))).AssertProblemAsync(422, "report.invalid-indicator", "indicators.fundsRaisedTenThousandYuan");
        await (await liaison.PostJsonAsync(url, Body(null, 1, 1, 1, 1, 1, 1m, " "))).AssertProblemAsync(422, "report.narrative-required", "narrative");
        await (await liaison.PostRawAsync(url, """{ "indicators": { "jointProjects": "many" }, "narrative": "x" }"""))
            .AssertProblemAsync(400, "request.malformed-json", "indicators.jointProjects");

        Factory.Clock.Advance(TimeSpan.FromDays(10));
        using var late = await Factory.CreateClientForAsync(world.Liaisons[0]);
        await (await late.PostJsonAsync(url, Body(null, 1, 1, 1, 1, 1, 1m, "迟交"))).AssertProblemAsync(422, "report.deadline-passed");

        await using var scope = Factory.Scope();
        Assert.Empty((await GovernanceApiFactory.Db(scope).AnnualReports.AsNoTracking().SingleAsync(r => r.Id == new AnnualReportId(report))).Contributions);
        Assert.False(await GovernanceApiFactory.Db(scope).AuditEntries.AnyAsync(e => e.Action.StartsWith("report.")));
    }

    private static object Body(OrganizationId? organization, int enterprises, int projects, int patents, int trained, int students, decimal funds, string narrative) => new
    {
        organizationId = organization?.Value,
        indicators = new
        {
            enterprisesServed = enterprises, jointProjects = projects, patentsTransferred = patents, peopleTrained = trained,
            studentsInInternships = students, fundsRaisedTenThousandYuan = funds,
        },
        narrative,
    };

    private async Task<Guid> ReportIdAsync(Guid instance)
    {
        await using var scope = Factory.Scope();
        var key = await GovernanceApiFactory.Db(scope).Tasks.AsNoTracking().Where(t => t.InstanceId == instance).Select(t => t.WaitKey).FirstAsync();
        return Guid.Parse(key!);
    }

    private async Task<WorkflowStatus> StatusAsync(Guid instance)
    {
        await using var scope = Factory.Scope();
        return (await GovernanceApiFactory.Db(scope).WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == instance)).Status;
    }
}

[Collection(OnSqlite.Name)]
public sealed class SqliteReportApiTests(SqliteServerFixture fixture) : ReportApiTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresReportApiTests(PostgresServerFixture fixture) : ReportApiTests(fixture);
