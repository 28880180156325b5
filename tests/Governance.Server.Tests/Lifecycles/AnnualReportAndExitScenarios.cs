using System.Net;
using System.Text.Json.Nodes;
using Governance.Server.Features.Email;
using Governance.Server.Tests.Infrastructure;
using Governance.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Server.Tests.Lifecycles;

/// <summary>annual-report and member-exit, driven by the liaisons, the secretariat, the council and a member's legal representative.</summary>
public abstract class AnnualReportAndExitScenarios(ServerFixture fixture) : LifecycleScenario(fixture)
{
    private static readonly string[] Liaisons =
    [
        "liaison.chair", "liaison.bohai", "liaison.northeast", "liaison.liaodong", "liaison.jidian", "liaison.dalian", "liaison.jinggong",
        "liaison.yuanhang", "liaison.gangyan", "liaison.xincai", "liaison.internet", "liaison.sensor", "liaison.institute",
    ];

    private static readonly string[] IntegerIndicators = ["enterprisesServed", "jointProjects", "patentsTransferred", "peopleTrained", "studentsInInternships"];

    [Fact]
    public async Task AnnualReport_OneMemberMissesTheDeadline_RemindedThenNamed_TotalsMatch_ApprovedAndSentToTheDepartment()
    {
        var started = await PostAsync("secretariat", $"/api/v1/alliances/{AllianceId}/processes/annual-report", new { year = 2025, days = 30 },
            HttpStatusCode.Accepted);
        var instance = started["instanceId"]!.GetValue<Guid>();
        await FireTimersAsync(); // StartAt: the report opens now

        var submit = Assert.Single(await TodoAsync("liaison.bohai", "Submit"));
        var reportId = (await GetAsync("liaison.bohai", $"/api/v1/tasks/{submit["id"]}"))["subject"]!["id"]!.GetValue<Guid>();
        var expected = new int[5];
        var funds = 0m;
        foreach (var (liaison, i) in Liaisons.Where(l => l != "liaison.sensor").Select((l, i) => (l, i)))
        {
            var indicators = new
            {
                enterprisesServed = i + 1, jointProjects = i % 4, patentsTransferred = i % 3, peopleTrained = 100 + (i * 10),
                studentsInInternships = 20 + i, fundsRaisedTenThousandYuan = 10.5m + i,
            };
            expected[0] += indicators.enterprisesServed;
            expected[1] += indicators.jointProjects;
            expected[2] += indicators.patentsTransferred;
            expected[3] += indicators.peopleTrained;
            expected[4] += indicators.studentsInInternships;
            funds += indicators.fundsRaisedTenThousandYuan;
            await PostAsync(liaison, $"/api/v1/reports/{reportId}/contributions",
                new { indicators, narrative = $"{liaison}：本年度开展订单培养和联合攻关。" });
        }

        // Three days before the deadline the missing member's liaison is reminded (once).
        Factory.Clock.Advance(TimeSpan.FromDays(27));
        await using (var scope = Scope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<ReminderPlanner>().PlanAsync(CancellationToken.None) >= 1);
        }

        await DispatchAllAsync();
        Assert.Contains(await SentAsync(EmailKind.AnnualReportReminder), r => r.Record.To == "liaison.sensor@demo.example");
        Assert.DoesNotContain(await SentAsync(EmailKind.AnnualReportReminder), r => r.Record.To == "liaison.bohai@demo.example");

        Factory.Clock.Advance(TimeSpan.FromDays(3));
        Assert.True(await FireTimersAsync() >= 1);
        Assert.Empty(await TodoAsync("liaison.sensor", "Submit"));
        await DecideAsync("secretariat", "Approve", "approve", "2025年联盟各成员单位协同推进产教融合，成效明显。");

        var report = await GetAsync("secretariat", $"/api/v1/reports/{reportId}");
        Assert.True(report["totalsCompiled"]!.GetValue<bool>());
        var totals = report["totals"]!;
        Assert.Equal(expected, IntegerIndicators.Select(f => totals[f]!.GetValue<int>()));
        Assert.Equal(funds, totals["fundsRaisedTenThousandYuan"]!.GetValue<decimal>());
        Assert.Equal(["锦州精密传感器有限公司"], report["missing"]!.AsArray().Select(m => m!["name"]!.GetValue<string>()));

        var ballot = await OpenBallotAsync("chair");
        await VoteUntilClosedAsync(ballot, Council.Select(v => (v, "Yes")));

        Assert.Equal((WorkflowStatus.Finished, "Published"), await InstanceAsync(instance));
        Assert.Equal("Published", (await GetAsync("secretariat", $"/api/v1/reports/{reportId}"))["status"]!.GetValue<string>());
        var pdf = (await DocumentsAsync(instance)).Single(d => d["kind"]!.GetValue<string>() == "AnnualReport");
        var text = await DocumentTextAsync(pdf["id"]!.GetValue<Guid>());
        Assert.Contains(expected[3].ToString(System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        Assert.Contains("锦州精密传感器有限公司", text, StringComparison.Ordinal);
        Assert.Contains("2025年联盟各成员单位协同推进产教融合", text, StringComparison.Ordinal);

        await DispatchAllAsync();
        Assert.Equal(Liaisons.Select(l => $"{l}@demo.example").Order(StringComparer.Ordinal),
            (await SentAsync(EmailKind.AnnualReportCall)).Select(m => m.Record.To).Order(StringComparer.Ordinal));
        var toDepartment = (await SentAsync(EmailKind.DocumentIssued)).Single(m => m.Record.To == "officer@demo.example");
        Assert.Single(toDepartment.Mail.Attachments);
    }

    [Fact]
    public async Task VoluntaryExit_SettledBySecretariat_MembershipExited_ExitNoticeSent()
    {
        var membership = await MembershipOfAsync("锦州精密传感器有限公司");
        var missing = await PostAsync("legal.sensor", $"/api/v1/memberships/{membership}/processes/exit", new { reason = " " },
            HttpStatusCode.UnprocessableEntity);
        Assert.Equal(("process.field-required", "reason"), (missing["code"]!.GetValue<string>(), missing["field"]!.GetValue<string>()));
        await PostAsync("liaison.sensor", $"/api/v1/memberships/{membership}/processes/exit", new { reason = "业务调整" }, HttpStatusCode.Forbidden);
        var started = await PostAsync("legal.sensor", $"/api/v1/memberships/{membership}/processes/exit", new { reason = "公司业务调整，不再从事相关领域" },
            HttpStatusCode.Accepted);
        await PostAsync("legal.sensor", $"/api/v1/memberships/{membership}/processes/exit", new { reason = "再次申请" }, HttpStatusCode.Conflict);
        Assert.Equal("Exiting", (await GetAsync("legal.sensor", $"/api/v1/memberships/{membership}"))["status"]!.GetValue<string>());

        await DecideAsync("secretariat", "Approve", "approve", "已结清会费");
        var instance = started["instanceId"]!.GetValue<Guid>();
        Assert.Equal((WorkflowStatus.Finished, "Exited"), await InstanceAsync(instance));
        Assert.Equal("Exited", (await GetAsync("secretariat", $"/api/v1/memberships/{membership}"))["status"]!.GetValue<string>());
        var notice = (await DocumentsAsync(instance)).Single(d => d["kind"]!.GetValue<string>() == "ExitNotice");
        Assert.Contains("锦州精密传感器有限公司", await DocumentTextAsync(notice["id"]!.GetValue<Guid>()), StringComparison.Ordinal);
        await DispatchAllAsync();
        Assert.Contains(await SentAsync(EmailKind.DocumentIssued), m => m.Record.To == "legal.sensor@demo.example");
    }

    [Fact]
    public async Task RemovalMotion_TheMembersCouncilMemberRecused_Removed_SeatVacated_ItsOpenTasksCancelled()
    {
        // An open signing task of the member's legal representative (also its council member) before the motion.
        await PostAsync("secretariat", $"/api/v1/alliances/{AllianceId}/processes/agreement-signing", new { title = "联盟协议" }, HttpStatusCode.Accepted);
        Assert.Single(await TodoAsync("council.yuanhang", "Sign"));

        var membership = await MembershipOfAsync("大连远航机器人科技有限公司");
        await PostAsync("council.bohai", $"/api/v1/memberships/{membership}/processes/removal", new { reason = "x" }, HttpStatusCode.Forbidden);
        var started = await PostAsync("secretariat", $"/api/v1/memberships/{membership}/processes/removal",
            new { reason = "连续两年未履行成员义务" }, HttpStatusCode.Accepted);
        Assert.Empty(await TodoAsync("council.yuanhang", "Vote"));
        var ballot = await OpenBallotAsync("chair");
        var shown = await GetAsync("chair", $"/api/v1/ballots/{ballot}");
        Assert.Equal("MemberRemoval", shown["matter"]!.GetValue<string>());
        var closed = await VoteUntilClosedAsync(ballot, Council.Where(v => v != "council.yuanhang").Select(v => (v, "Yes")));
        Assert.Equal(1, closed["tally"]!["recused"]!.GetValue<int>());

        var instance = started["instanceId"]!.GetValue<Guid>();
        Assert.Equal((WorkflowStatus.Finished, "Removed"), await InstanceAsync(instance));
        Assert.Equal("Removed", (await GetAsync("secretariat", $"/api/v1/memberships/{membership}"))["status"]!.GetValue<string>());
        var alliance = await GetAsync("secretariat", $"/api/v1/alliances/{AllianceId}");
        Assert.DoesNotContain("周启航", alliance.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(await TodoAsync("council.yuanhang"));
        var resolution = (await DocumentsAsync(instance)).Single(d => d["kind"]!.GetValue<string>() == "BallotResolution");
        var text = await DocumentTextAsync(resolution["id"]!.GetValue<Guid>());
        Assert.Contains("周启航", text, StringComparison.Ordinal);
        Assert.Contains("回避", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreditDowngrade_OpensAnExitReview_SecretariatRetainsTheMember()
    {
        var organization = await OrganizationIdAsync("鞍山钢研智能装备有限公司");
        await PostAsync("admin", $"/api/v1/organizations/{organization}/credit-status", new { status = "Warned", reason = "行政处罚一次" });

        var review = Assert.Single(await TodoAsync("secretariat", "Approve"));
        Assert.Contains("鞍山钢研智能装备有限公司", review["title"]!.GetValue<string>(), StringComparison.Ordinal);
        await DecideAsync("secretariat", "Approve", "reject", "处罚已整改，保留成员资格");
        var membership = await MembershipOfAsync("鞍山钢研智能装备有限公司");
        Assert.Equal("Active", (await GetAsync("secretariat", $"/api/v1/memberships/{membership}"))["status"]!.GetValue<string>());
        var instances = (await GetAsync("admin", $"/api/v1/workflows/instances?definitionId=member-exit"))["items"]!.AsArray();
        var instance = Assert.Single(instances)!["id"]!.GetValue<Guid>();
        Assert.Equal((WorkflowStatus.Finished, "Retained"), await InstanceAsync(instance));
    }

    private async Task<Guid> MembershipOfAsync(string organizationName)
    {
        var memberships = (await GetAsync("secretariat", $"/api/v1/alliances/{AllianceId}/memberships?pageSize=100"))["items"]!.AsArray();
        var organization = await OrganizationIdAsync(organizationName);
        return memberships.Single(m => m!["organizationId"]!.GetValue<Guid>() == organization)!["id"]!.GetValue<Guid>();
    }

    private async Task<Guid> OrganizationIdAsync(string name)
    {
        var organizations = (await GetAsync("admin", $"/api/v1/organizations?pageSize=100"))["items"]!.AsArray();
        return organizations.Single(o => o!["name"]!.GetValue<string>() == name)!["id"]!.GetValue<Guid>();
    }
}

[Collection(OnSqlite.Name)]
public sealed class SqliteAnnualReportAndExitScenarios(SqliteServerFixture fixture) : AnnualReportAndExitScenarios(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresAnnualReportAndExitScenarios(PostgresServerFixture fixture) : AnnualReportAndExitScenarios(fixture);
