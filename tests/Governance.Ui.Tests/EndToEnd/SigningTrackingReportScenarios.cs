using Governance.Server.Features.Agreements;
using Governance.Server.Identity;
using Governance.Server.Tests.Email;
using Governance.Ui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Governance.Ui.Tests.Infrastructure.SigningTrackingReportData;

namespace Governance.Ui.Tests.EndToEnd;

/// <summary>
/// Issue 8's signing page, the secretariat's tracking board and the annual report pages, on an alliance
/// of their own (<see cref="SigningTrackingReportData"/>) where the real workflows run. Each scenario
/// touches different people's tasks, so they pass in any order and beside the other scenarios.
/// </summary>
public abstract class SigningTrackingReportScenarios(UiFixture fixture) : BrowserScenario(fixture)
{
    [Fact]
    public async Task LegalRepresentative_SignsOnAPhone_WithTheCodeReadFromTheRealSmtpServer()
    {
        var data = await ForAsync(Fixture.Server);
        var session = await OpenSessionAsync(width: 390, height: 844);
        await session.SignInAsync(ChairLegal);
        var page = session.Page;

        await session.OpenAsync($"/agreements/{data.AgreementId}");

        await Assertions.Expect(page.Locator("[data-test=agreement-title]")).ToHaveTextAsync(data.AgreementTitle);
        await Assertions.Expect(page.Locator("[data-test=agreement-pdf]")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^/ui/documents/"));
        await Assertions.Expect(page.Locator("[data-test=download-pdf]")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("download=true$"));
        var parties = page.Locator("[data-test=parties]");
        foreach (var unit in new[] { ChairUnit, Enterprise, School })
        {
            await Assertions.Expect(parties).ToContainTextAsync(unit);
        }

        await Assertions.Expect(page.Locator("[data-test=consent-statement]")).ToContainTextAsync("与手写签名具有同等效力");
        Assert.False(await page.OverflowsHorizontallyAsync(), "the signing page is wider than a 390 px phone");
        await ScreenshotAsync(page, "signing");

        // Nothing is sent without the consent ticked.
        await page.ClickAsync("[data-test=sign]");
        await Assertions.Expect(page.Locator("[data-test=consent-error]")).ToHaveTextAsync("签署前请勾选确认上述声明。");

        await page.ClickAsync("[data-test=request-code]");
        await Assertions.Expect(page.Locator("[data-test=code-sent]")).ToContainTextAsync("验证码已发送至你的邮箱");
        var code = await CodeFromTheSmtpServerAsync(ChairLegal);
        await page.GetByText("我已阅读并同意上述声明").ClickAsync();
        await page.FillAsync("[data-test=code] input", code);
        await page.ClickAsync("[data-test=sign]");

        await Assertions.Expect(page.Locator("[data-test=signing-note]")).ToHaveTextAsync("签署成功，签署记录已保存。");
        var signedRow = parties.Locator("tr", new() { HasText = ChairUnit });
        await Assertions.Expect(signedRow).ToContainTextAsync("已签署");
        await Assertions.Expect(signedRow).ToContainTextAsync("邮件验证码");
        await ScreenshotAsync(page, "signing-signed");

        await using var scope = Fixture.Server.Scope();
        var agreement = await UiServer.Db(scope).Agreements.AsNoTracking().SingleAsync(a => a.Id == new Domain.Common.AgreementId(data.AgreementId));
        var signature = Assert.Single(agreement.Signatures, s => s.SignerId == new Domain.Common.PersonId(data.People[ChairLegal]));
        Assert.Equal(Domain.Agreements.AuthenticationMethod.EmailOneTimeCode, signature.Method);
        AssertNoViolations(session);
    }

    [Fact]
    public async Task Secretariat_SeesTheBoardChangeWhenSomeoneSigns_RemindsAndSeesTheRateLimit_ExportsXlsx()
    {
        var data = await ForAsync(Fixture.Server);
        var session = await OpenSessionAsync();
        await session.SignInAsync(Secretariat);
        var page = session.Page;

        await session.OpenAsync($"/alliances/{data.AllianceId}");
        await page.ClickAsync("[data-test=tracking-link]");
        await page.WaitForUrlAsync(url => url.EndsWith($"/alliances/{data.AllianceId}/tracking", StringComparison.Ordinal));

        // The late signature is first and marked.
        var first = page.Locator("[data-test=process]").First;
        await Assertions.Expect(first).ToHaveAttributeAsync("data-overdue", "true");
        await Assertions.Expect(first.Locator("tbody tr").First).ToContainTextAsync("齐月华");
        await Assertions.Expect(first.Locator("[data-test=overdue-mark]")).ToHaveTextAsync("逾期 3 天");
        var enterpriseRow = first.Locator("tbody tr", new() { HasText = "郭海峰" });
        await Assertions.Expect(enterpriseRow).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "tracking-board");

        // Someone else signs (through the same handlers the pages and the API call); the board shows it.
        var enterprise = data.People[EnterpriseLegal];
        var purpose = $"sign:agreement:{data.AgreementId}";
        var proof = await AsAsync<VerifyStepUpHandler, StepUpProof>(Fixture.Server, enterprise,
            h => h.HandleAsync(new StepUpVerifyRequest(purpose, null, Server.Demo.DemoSeeder.DemoPassword), default));
        await AsAsync<SignAgreementHandler, AgreementResponse>(Fixture.Server, enterprise,
            h => h.SignAsync(data.AgreementId, new SignRequest(null, proof.Proof), default));
        await page.ClickAsync("[data-test=refresh]");
        await Assertions.Expect(enterpriseRow).ToHaveCountAsync(0);

        // A reminder goes out; the button then waits for the interval and says until when.
        var liaisonRow = page.Locator("[data-test=process] tbody tr", new() { HasText = "田雨桐" });
        await liaisonRow.Locator("[data-test=remind]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=board-note]")).ToHaveTextAsync("已向 田雨桐 发送催办邮件。");
        await Assertions.Expect(liaisonRow.Locator("[data-test=remind]")).ToBeDisabledAsync();
        await Assertions.Expect(liaisonRow.Locator("[data-test=next-reminder]")).ToContainTextAsync("后可再次催办");
        await Assertions.Expect(liaisonRow).ToContainTextAsync("已催办 1 次");
        await ScreenshotAsync(page, "tracking-board-reminded");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-test=export]"));
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.StartsWith("督办看板-", download.SuggestedFilename, StringComparison.Ordinal);
        var path = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal("PK"u8.ToArray(), bytes[..2]);

        // The same board on a phone: the table becomes cards, nothing scrolls sideways.
        await page.SetViewportSizeAsync(390, 844);
        await Assertions.Expect(liaisonRow.Locator("[data-test=next-reminder]")).ToBeVisibleAsync();
        Assert.False(await page.OverflowsHorizontallyAsync(), "the tracking board is wider than a 390 px phone");
        await ScreenshotAsync(page, "tracking-board-390px");
        AssertNoViolations(session);
    }

    [Fact]
    public async Task Liaison_SubmitsTheAnnualContribution_AfterAValidationError_AndReadsLastYearsCompiledTotals()
    {
        var data = await ForAsync(Fixture.Server);
        var session = await OpenSessionAsync();
        await session.SignInAsync(ChairLiaison);
        var page = session.Page;

        await session.OpenAsync($"/reports/{data.CollectingReportId}");
        await Assertions.Expect(page.Locator("[data-test=report-title]")).ToHaveTextAsync($"{data.CollectingYear} 年度工作进展报告");
        string[] values = ["14", "3", "-2", "260", "41", "36.5"];
        string[] fields = ["enterprisesServed", "jointProjects", "patentsTransferred", "peopleTrained", "studentsInInternships", "fundsRaisedTenThousandYuan"];
        foreach (var (field, value) in fields.Zip(values))
        {
            await page.FillAsync($"[data-test=indicator-{field}] input", value);
        }

        await page.FillAsync("[data-test=narrative] textarea >> nth=0", "牵头组建石化装备订单班两个，联合企业完成工艺改造项目三项。");
        await page.ClickAsync("[data-test=submit-contribution]");
        await Assertions.Expect(page.Locator("[data-test=indicator-patentsTransferred]")).ToContainTextAsync("请填写 0 或正整数。");
        await Assertions.Expect(page.Locator("[data-test=contribution-note]")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "report-contribution-error");

        await page.FillAsync("[data-test=indicator-patentsTransferred] input", "2");
        await page.ClickAsync("[data-test=submit-contribution]");
        await Assertions.Expect(page.Locator("[data-test=contribution-note]")).ToHaveTextAsync("已提交，截止前可修改。");
        await Assertions.Expect(page.Locator("[data-test=report-members] tr", new() { HasText = ChairUnit })).ToContainTextAsync("已提交");
        await Assertions.Expect(page.Locator("[data-test=contribution]")).ToContainTextAsync("牵头组建石化装备订单班两个");
        await ScreenshotAsync(page, "report-contribution");

        await using (var scope = Fixture.Server.Scope())
        {
            var report = await UiServer.Db(scope).AnnualReports.AsNoTracking().SingleAsync(r => r.Id == new Domain.Common.AnnualReportId(data.CollectingReportId));
            var stored = Assert.Single(report.Contributions, c => c.SubmittedById == new Domain.Common.PersonId(data.People[ChairLiaison]));
            Assert.Equal((14, 2, 260, 36.5m), (stored.Indicators.EnterprisesServed, stored.Indicators.PatentsTransferred, stored.Indicators.PeopleTrained,
                stored.Indicators.FundsRaisedTenThousandYuan));
        }

        await session.OpenAsync($"/reports/{data.CompiledReportId}");
        await Assertions.Expect(page.Locator("[data-test=totals-title]")).ToHaveTextAsync("汇编合计");
        var totals = page.Locator("[data-test=totals]");
        await Assertions.Expect(totals.Locator("tr", new() { HasText = "服务企业数" })).ToContainTextAsync("33");
        await Assertions.Expect(totals.Locator("tr", new() { HasText = "筹集资金（万元）" })).ToContainTextAsync("63.75");
        await Assertions.Expect(page.Locator("[data-test=report-summary]")).ToHaveTextAsync(data.CompiledSummary);
        await Assertions.Expect(page.Locator("[data-test=contribution-form]")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "report-compiled");

        await page.SetViewportSizeAsync(390, 844);
        await Assertions.Expect(totals.Locator("tr", new() { HasText = "服务企业数" })).ToBeVisibleAsync();
        Assert.False(await page.OverflowsHorizontallyAsync(), "the compiled report is wider than a 390 px phone");
        await ScreenshotAsync(page, "report-compiled-390px");
        AssertNoViolations(session);
    }

    /// <summary>The code in the newest one-time-code email to this person, as the real SMTP server received it.</summary>
    private async Task<string> CodeFromTheSmtpServerAsync(string mailbox)
    {
        string messageId;
        await using (var scope = Fixture.Server.Scope())
        {
            messageId = await UiServer.Db(scope).OutboxMessages.AsNoTracking()
                .Where(m => m.To == UiServer.DemoEmail(mailbox) && m.Subject.StartsWith("验证码 "))
                .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
                .Select(m => m.MessageId).FirstAsync();
        }

        var message = Assert.Single(await SmtpSink.Shared.WaitForAsync(messageId, timeout: TimeSpan.FromSeconds(60)));
        var code = message.Subject!["验证码 ".Length..].Trim();
        Assert.Matches("^[0-9]{6}$", code);
        return code;
    }
}

[Collection(UiOnSqlite.Name)]
public sealed class SqliteSigningTrackingReportScenarios(SqliteUiFixture fixture) : SigningTrackingReportScenarios(fixture)
{
    protected override bool SavesScreenshots => true;
}

[Collection(UiOnPostgres.Name)]
public sealed class PostgresSigningTrackingReportScenarios(PostgresUiFixture fixture) : SigningTrackingReportScenarios(fixture)
{
    protected override bool SavesScreenshots => false;
}
