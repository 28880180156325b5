using Governance.Domain.Common;
using Governance.Domain.People;
using Governance.Server.Demo;
using Governance.Ui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Governance.Ui.Tests.EndToEnd;

/// <summary>
/// People using the web UI in Debian's Chromium against the real server (Kestrel on 127.0.0.1) and a real
/// database with the demo alliance. Every scenario also fails on any Content-Security-Policy violation or
/// script error the pages cause. Screenshots of each page go to test-artifacts/ui/.
/// </summary>
public abstract class UiScenarios(UiFixture fixture) : BrowserScenario(fixture)
{
    [Fact]
    public async Task CouncilMember_SignsIn_SeesTheirRolesAndAlliances()
    {
        var session = await OpenSessionAsync();

        await session.SignInAsync("council.bohai");

        var page = session.Page;
        await Assertions.Expect(page.Locator("[data-test=welcome]")).ToHaveTextAsync("李文博，您好");
        await Assertions.Expect(page.Locator("[data-test=my-alliances]")).ToContainTextAsync(DemoSeeder.AllianceName);
        await Assertions.Expect(page.Locator("[data-test=roles]")).ToContainTextAsync("理事 · " + DemoSeeder.AllianceName);
        await ScreenshotAsync(page, "home");
        AssertNoViolations(session);
    }

    [Fact]
    public async Task AlliancePage_OnAPhone_ShowsMembersCouncilCharterAgreementsAndDecisions()
    {
        var session = await OpenSessionAsync(width: 390, height: 844);
        await session.SignInAsync("secretariat");
        var page = session.Page;

        await session.OpenAsync($"/alliances/{Fixture.Data.AllianceId}");

        await Assertions.Expect(page.Locator("[data-test=alliance-name]")).ToHaveTextAsync(DemoSeeder.AllianceName);
        var chairUnit = page.Locator("[data-test=members] tr", new() { HasText = "辽沈理工大学" });
        await Assertions.Expect(chairUnit).ToContainTextAsync("理事长单位");
        await Assertions.Expect(chairUnit).ToContainTextAsync("正常");
        Assert.False(await page.OverflowsHorizontallyAsync(), "the alliance page is wider than a 390 px phone");
        await ScreenshotAsync(page, "alliance-members-390px");

        await page.GetByRole(AriaRole.Tab, new() { Name = "理事会与专家委员会" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=council]")).ToContainTextAsync("陈国华");
        await Assertions.Expect(page.Locator("[data-test=experts]")).ToContainTextAsync("工业机器人与智能产线");
        await ScreenshotAsync(page, "alliance-council-390px");

        await page.GetByRole(AriaRole.Tab, new() { Name = "章程" }).ClickAsync();
        var diff = page.Locator("[data-test=charter-diff]");
        await Assertions.Expect(diff.Locator("[data-change=Changed]")).ToContainTextAsync(Fixture.Data.ChangedSection);
        await Assertions.Expect(diff.Locator("[data-change=Changed] .ui-diff-added")).ToContainTextAsync("审计监督");
        await Assertions.Expect(diff.Locator("[data-change=Added]")).ToContainTextAsync(Fixture.Data.AddedSection);
        Assert.False(await page.OverflowsHorizontallyAsync(), "the charter comparison is wider than a 390 px phone");
        await ScreenshotAsync(page, "alliance-charter-diff-390px");

        await page.GetByRole(AriaRole.Tab, new() { Name = "协议与签署" }).ClickAsync();
        await Assertions.Expect(page.GetByText(Fixture.Data.AgreementTitle)).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("已签 1 / 3")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "alliance-agreements-390px");

        await page.GetByRole(AriaRole.Tab, new() { Name = "决策记录" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=decisions]")).ToContainTextAsync(Fixture.Data.BallotSubject);
        await Assertions.Expect(page.Locator("[data-test=decisions]")).ToContainTextAsync("通过");
        await ScreenshotAsync(page, "alliance-decisions-390px");
        AssertNoViolations(session);
    }

    [Fact]
    public async Task IssuedPdf_OpensInlineForASignedInMember_DownloadsOnRequest_AnonymousIsSentToSignIn()
    {
        var link = $"/ui/documents/{Fixture.Data.ResolutionId}";
        var anonymous = await OpenSessionAsync();
        var refused = await anonymous.Context.APIRequest.GetAsync(link, new() { MaxRedirects = 0 });
        Assert.Equal(302, refused.Status);
        Assert.Contains("/sign-in", refused.Headers["location"], StringComparison.Ordinal);

        var session = await OpenSessionAsync();
        await session.SignInAsync("council.northeast");
        var inline = await session.Context.APIRequest.GetAsync(link);
        Assert.Equal(200, inline.Status);
        Assert.Equal("application/pdf", inline.Headers["content-type"]);
        Assert.StartsWith("inline;", inline.Headers["content-disposition"], StringComparison.Ordinal);
        Assert.Equal("SAMEORIGIN", inline.Headers["x-frame-options"]);
        Assert.Contains("frame-ancestors 'self'", inline.Headers["content-security-policy"], StringComparison.Ordinal);
        var pdf = await inline.BodyAsync();
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), inline.Headers["x-content-sha256"]);

        var download = await session.Context.APIRequest.GetAsync(link + "?download=true");
        Assert.StartsWith("attachment;", download.Headers["content-disposition"], StringComparison.Ordinal);
        Assert.Equal(pdf, await download.BodyAsync());

        var missing = await session.Context.APIRequest.GetAsync($"/ui/documents/{Guid.NewGuid()}");
        Assert.Equal(404, missing.Status);
    }

    [Fact]
    public async Task SwitchingToEnglish_ChangesThePageText_AndIsStoredWithThePerson()
    {
        var session = await OpenSessionAsync();
        await session.SignInAsync("liaison.yuanhang");
        var page = session.Page;
        await Assertions.Expect(page.Locator("[data-test=welcome]")).ToHaveTextAsync("何晓燕，您好");

        await page.ClickAsync("[data-test=switch-language]");
        await page.WaitForUrlAsync(url => url.EndsWith('/'));
        await session.WaitUntilInteractiveAsync();

        await Assertions.Expect(page.Locator("[data-test=welcome]")).ToHaveTextAsync("Welcome, 何晓燕");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Alliances" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "home-english");
        await using (var scope = Fixture.Server.Scope())
        {
            var stored = await UiServer.Db(scope).People.AsNoTracking()
                .Where(p => p.Email == UiServer.DemoEmail("liaison.yuanhang")).Select(p => p.Language).SingleAsync();
            Assert.Equal(PreferredLanguage.En, stored);
        }

        // Signing in again (a new browser) keeps the stored language.
        var again = await OpenSessionAsync();
        await again.SignInAsync("liaison.yuanhang");
        await Assertions.Expect(again.Page.Locator("[data-test=welcome]")).ToHaveTextAsync("Welcome, 何晓燕");
        AssertNoViolations(session);
        AssertNoViolations(again);
    }

    [Fact]
    public async Task Administrator_RegistersAnOrganization_AndTheAuditChainCheckFindsATamperedEntry()
    {
        var session = await OpenSessionAsync();
        await session.SignInAsync("admin");
        var page = session.Page;
        await session.OpenAsync("/admin/organizations");
        await page.GetByText("登记单位").ClickAsync();
        await page.FillAsync("[data-test=organization-name-field] input", "沈阳测试装备有限公司");
        await page.FillAsync("[data-test=region-field] input", "沈阳市");
        await page.FillAsync("[data-test=legal-representative-field] input", "刘测试");

        // A mistyped credit code: the rule is explained next to the field and nothing is stored.
        await page.FillAsync("[data-test=credit-code] input", "91210100MA0000000X");
        await page.ClickAsync("[data-test=create-organization]");
        await Assertions.Expect(page.Locator("[data-test=credit-code] .mud-input-helper-text")).ToContainTextAsync("统一社会信用代码不正确");
        await ScreenshotAsync(page, "admin-organization-field-error");

        var code = DemoSeeder.DemoCreditCode("91", "210100", 77).Value;
        await page.FillAsync("[data-test=credit-code] input", code);
        await page.ClickAsync("[data-test=create-organization]");
        await Assertions.Expect(page.Locator("[data-test=add-organization] .mud-input-helper-text")).ToHaveCountAsync(0);

        // The form empties once the server has registered the unit; only then is it there to be found.
        await Assertions.Expect(page.Locator("[data-test=organization-name-field] input")).ToHaveValueAsync(string.Empty);
        await page.FillAsync(".ui-filters input", code);
        await page.Locator(".ui-filters input").PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-test=organizations]")).ToContainTextAsync("沈阳测试装备有限公司");

        await session.OpenAsync("/admin/audit");
        await Assertions.Expect(page.Locator("[data-test=audit-entries]")).ToContainTextAsync("organization.create");
        await page.ClickAsync("[data-test=check-chain]");
        var result = page.Locator("[data-test=chain-result]");
        await Assertions.Expect(result).ToHaveAttributeAsync("data-intact", "true");
        await Assertions.Expect(result).ToContainTextAsync("审计链完整");
        await ScreenshotAsync(page, "admin-audit");

        // Someone edits an entry in the database behind the server's back: the next check names it.
        long sequence;
        string original;
        await using (var scope = Fixture.Server.Scope())
        {
            var entry = await UiServer.Db(scope).AuditEntries.AsNoTracking().Where(e => e.Action == "organization.create").OrderByDescending(e => e.Sequence).FirstAsync();
            (sequence, original) = (entry.Sequence, entry.Summary!);
            await UiServer.Db(scope).AuditEntries.Where(e => e.Sequence == sequence).ExecuteUpdateAsync(u => u.SetProperty(e => e.Summary, original + "（已篡改）"));
        }

        try
        {
            await page.ClickAsync("[data-test=check-chain]");
            await Assertions.Expect(result).ToHaveAttributeAsync("data-intact", "false");
            await Assertions.Expect(result).ToContainTextAsync($"审计链在第 {sequence} 条处断开：记录内容与其哈希不符");
            await ScreenshotAsync(page, "admin-audit-tampered");
        }
        finally
        {
            await using var scope = Fixture.Server.Scope();
            await UiServer.Db(scope).AuditEntries.Where(e => e.Sequence == sequence).ExecuteUpdateAsync(u => u.SetProperty(e => e.Summary, original));
        }

        AssertNoViolations(session);
    }

    [Fact]
    public async Task Administrator_OpensEveryAdministrationPage()
    {
        var session = await OpenSessionAsync();
        await session.SignInAsync("admin");
        var page = session.Page;

        await session.OpenAsync("/admin/people");
        await Assertions.Expect(page.Locator("[data-test=people]")).ToContainTextAsync("admin@demo.example");
        await page.GetByText("登记人员").ClickAsync();
        await page.FillAsync("[data-test=add-person] input >> nth=0", "孟新人");
        await page.FillAsync("[data-test=add-person] input >> nth=1", "newcomer@demo.example");
        await page.ClickAsync("[data-test=create-person]");
        var newcomer = page.Locator("[data-test=people] tr", new() { HasText = "newcomer@demo.example" });
        await newcomer.GetByText("发送邀请").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=people-note]")).ToContainTextAsync("邀请已发出");
        await ScreenshotAsync(page, "admin-people");

        await session.OpenAsync("/admin/organizations");
        await Assertions.Expect(page.GetByText("营口新材料科技股份有限公司")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "admin-organizations");

        await session.OpenAsync("/admin/templates");
        await Assertions.Expect(page.Locator("[data-test=document-templates]")).ToContainTextAsync("alliance-agreement");
        await Assertions.Expect(page.Locator("[data-test=email-templates]")).ToContainTextAsync("ballot-opened");
        await ScreenshotAsync(page, "admin-templates");

        await session.OpenAsync("/admin/outbox");
        await Assertions.Expect(page.Locator("[data-test=outbox]")).ToContainTextAsync("newcomer@demo.example");
        await ScreenshotAsync(page, "admin-outbox");

        await session.OpenAsync("/workflows/instances");
        await Assertions.Expect(page.Locator("[data-test=instances]")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "workflow-instances");

        await session.OpenAsync($"/organizations/{Fixture.Data.ChairUnitId}");
        await Assertions.Expect(page.Locator("[data-test=organization-name]")).ToHaveTextAsync("辽沈理工大学");
        await Assertions.Expect(page.Locator("[data-test=credit-status]")).ToContainTextAsync("良好");
        await Assertions.Expect(page.Locator("[data-test=memberships]")).ToContainTextAsync(DemoSeeder.AllianceName);
        await ScreenshotAsync(page, "organization");

        await session.OpenAsync("/profile");
        await Assertions.Expect(page.Locator("[data-test=roles]")).ToContainTextAsync("管理员");
        await ScreenshotAsync(page, "profile");
        AssertNoViolations(session);
    }

    [Fact]
    public async Task Administrator_UploadsANewTemplateVersion_AfterTheRulesAreExplainedNextToTheField()
    {
        var session = await OpenSessionAsync();
        await session.SignInAsync("admin");
        var page = session.Page;
        await session.OpenAsync("/admin/templates");
        await page.ClickAsync("[data-test=edit-application-receipt-zh-CN]");
        var content = page.Locator("[data-test=template-editor] textarea:visible");
        await Assertions.Expect(content).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("{{"));
        var shipped = await content.InputValueAsync();
        var helper = page.Locator("[data-test=template-editor] .mud-input-helper-text").First;

        await content.FillAsync(" ");
        await page.ClickAsync("[data-test=upload-template]");
        await Assertions.Expect(helper).ToContainTextAsync("模板内容不能为空");

        await content.FillAsync(shipped + "\n{% for x in %}");
        await page.ClickAsync("[data-test=upload-template]");
        await Assertions.Expect(helper).ToContainTextAsync("The template cannot be parsed");
        await ScreenshotAsync(page, "admin-template-syntax-error");

        await content.FillAsync(shipped + "\n\n本回执由秘书处模板第二版出具。\n");
        await page.GetByLabel("版本说明").FillAsync("增加出具说明");
        await page.ClickAsync("[data-test=upload-template]");
        await Assertions.Expect(page.Locator("[data-test=template-uploaded]")).ToContainTextAsync("已上传 application-receipt.zh-CN 第 1 版");
        var row = page.Locator("[data-test=document-templates] tr", new() { HasText = "application-receipt" }).Filter(new() { HasText = "zh-CN" });
        await Assertions.Expect(row).ToContainTextAsync("管理员上传");

        await using (var scope = Fixture.Server.Scope())
        {
            var entry = await UiServer.Db(scope).AuditEntries.AsNoTracking().SingleAsync(e => e.Action == "document-template.upload");
            Assert.Equal("application-receipt/zh-CN/v1", entry.TargetId);
            Assert.EndsWith("增加出具说明", entry.Summary, StringComparison.Ordinal);
        }

        AssertNoViolations(session);
    }

    [Fact]
    public async Task CouncilMember_OnAdministrationPages_IsRefusedByTheServer()
    {
        var session = await OpenSessionAsync();
        await session.SignInAsync("council.jinggong");
        var page = session.Page;
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "审计链校验" })).ToHaveCountAsync(0);

        await session.OpenAsync("/admin/audit");
        await page.ClickAsync("[data-test=check-chain]");
        await Assertions.Expect(page.Locator("[data-problem-code='access.administrator-required']")).ToContainTextAsync("只有管理员可以执行此操作");
        await Assertions.Expect(page.Locator("[data-test=chain-result]")).ToHaveCountAsync(0);

        await session.OpenAsync("/workflows/instances");
        await Assertions.Expect(page.Locator("[data-problem-code='access.operator-required']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-test=instances]")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "refused-workflow-instances");
        AssertNoViolations(session);
    }

    [Fact]
    public async Task SignIn_WithAWrongPassword_SaysSo_AndForgottenPasswordAnswersTheSameForAnyAddress()
    {
        var session = await OpenSessionAsync();
        var page = session.Page;
        await page.GotoAsync("/alliances", new() { WaitUntil = WaitUntilState.Commit });
        await page.WaitForUrlAsync(url => url.Contains("/sign-in?returnUrl=%2Falliances", StringComparison.Ordinal));
        await ScreenshotAsync(page, "sign-in");

        await page.FillAsync("#email", UiServer.DemoEmail("chair"));
        await page.FillAsync("#password", "not-the-password-1");
        await page.ClickAsync("button[type=submit]");

        await Assertions.Expect(page.Locator("[data-test=sign-in-error]")).ToHaveTextAsync("邮箱或密码不正确。");
        await page.ClickAsync("a[href='/forgot-password']");
        await page.WaitForUrlAsync(url => url.EndsWith("/forgot-password", StringComparison.Ordinal));

        // Enhanced navigation changes the address before it swaps the page in: the sign-in form's own
        // #email is still there for a moment. Fill the field once the new page is the one shown.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "找回密码" })).ToBeVisibleAsync();
        await page.FillAsync("#email", "nobody@demo.example");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("[data-test=reset-sent]")).ToContainTextAsync("如该邮箱已注册");
        await ScreenshotAsync(page, "forgot-password");
        AssertNoViolations(session);
    }
}

[Collection(UiOnSqlite.Name)]
public sealed class SqliteUiScenarios(SqliteUiFixture fixture) : UiScenarios(fixture)
{
    protected override bool SavesScreenshots => true;
}

[Collection(UiOnPostgres.Name)]
public sealed class PostgresUiScenarios(PostgresUiFixture fixture) : UiScenarios(fixture)
{
    protected override bool SavesScreenshots => false;
}
