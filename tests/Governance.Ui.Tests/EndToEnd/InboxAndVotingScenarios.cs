using Governance.Domain.Ballots;
using Governance.Domain.Tasks;
using Governance.Ui.Tests.Infrastructure;
using Microsoft.Playwright;
using static Governance.Ui.Tests.Infrastructure.WorkflowScenarioData;

namespace Governance.Ui.Tests.EndToEnd;

/// <summary>
/// The inbox, a task and a ballot in the browser, on tasks and ballots the real workflows made (a member
/// admission of a new university per scenario, started through the server's own handlers). Every scenario
/// also fails on any Content-Security-Policy violation or script error of the pages.
/// </summary>
public abstract class InboxAndVotingScenarios(UiFixture fixture) : BrowserScenario(fixture)
{
    [Fact]
    public async Task CouncilMember_OnAPhone_OpensTheBallotFromTheInbox_VotesChangesTheVote_AndSeesTheTallyAfterItCloses()
    {
        var admission = await StartAdmissionAsync(Fixture.Server);
        var ballot = await OpenBallotAsync(Fixture.Server, admission);
        var session = await OpenSessionAsync(width: 390, height: 844);
        await session.SignInAsync("council.northeast");
        var page = session.Page;

        await session.OpenAsync("/inbox");
        await page.Locator("[data-test=filter-search]").FillAsync(admission.OrganizationName);
        await page.Locator("[data-test=filter-search]").PressAsync("Enter");
        var item = page.Locator("[data-test=inbox-item]", new() { HasText = admission.OrganizationName });
        await Assertions.Expect(item).ToHaveCountAsync(1);
        await Assertions.Expect(item).ToHaveAttributeAsync("data-kind", nameof(WorkTaskKind.Vote));
        Assert.False(await page.OverflowsHorizontallyAsync(), "the inbox is wider than a 390 px phone");
        await ScreenshotAsync(page, "inbox-390px");

        await item.ClickAsync();
        await page.WaitForUrlAsync(url => url.Contains($"/ballots/{ballot}", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("[data-test=ballot-subject]")).ToContainTextAsync(admission.OrganizationName);
        await Assertions.Expect(page.Locator("[data-test=ballot-rule]")).ToContainTextAsync("2/3");
        await Assertions.Expect(page.Locator("[data-test=my-vote]")).ToHaveTextAsync("你尚未投票。");

        await page.ClickAsync("[data-test=vote-no]");
        await Assertions.Expect(page.Locator("[data-test=vote-recorded]")).ToHaveTextAsync("已记录：反对。");
        await Assertions.Expect(page.Locator("[data-test=vote-no]")).ToHaveAttributeAsync("data-selected", "true");
        Assert.False(await page.OverflowsHorizontallyAsync(), "the ballot page is wider than a 390 px phone");
        await ScreenshotAsync(page, "ballot-390px");

        // Changed before the close: still one vote, now yes.
        await page.ClickAsync("[data-test=vote-yes]");
        await Assertions.Expect(page.Locator("[data-test=vote-yes]")).ToHaveAttributeAsync("data-selected", "true");
        await Assertions.Expect(page.Locator("[data-test=my-vote]")).ToContainTextAsync("你已投：赞成");
        var me = await PersonAsync(Fixture.Server, "council.northeast");
        var stored = await BallotAsync(Fixture.Server, ballot);
        Assert.Equal(VoteChoice.Yes, Assert.Single(stored.Votes, v => v.VoterId == me).Choice);
        Assert.Single(stored.Votes);

        var closed = await VoteYesUntilClosedAsync(Fixture.Server, ballot);
        Assert.Equal(BallotStatus.Closed, closed.Status);

        await session.OpenAsync($"/ballots/{ballot}");
        await Assertions.Expect(page.Locator("[data-test=outcome]")).ToHaveTextAsync("表决结果：通过");
        await Assertions.Expect(page.Locator("[data-test=tally]")).ToContainTextAsync($"赞成 {closed.Tally!.Yes}，反对 0，弃权 0");
        await Assertions.Expect(page.Locator("[data-test=my-vote]")).ToHaveTextAsync("你的表决：赞成。");
        await Assertions.Expect(page.Locator("[data-test=vote-no]")).ToBeDisabledAsync();
        Assert.False(await page.OverflowsHorizontallyAsync(), "the closed ballot is wider than a 390 px phone");
        await ScreenshotAsync(page, "ballot-closed-390px");
        AssertNoViolations(session);
    }

    [Fact]
    public async Task Secretariat_CannotReturnATaskWithoutAComment_ReturnsItWithOne_AndApprovesAnother()
    {
        var returned = await StartAdmissionAsync(Fixture.Server);
        var approved = await StartAdmissionAsync(Fixture.Server);
        var review = await OpenTaskAsync(Fixture.Server, returned.InstanceId, WorkTaskKind.Approve, "secretariat");
        var session = await OpenSessionAsync();
        await session.SignInAsync("secretariat");
        var page = session.Page;

        await session.OpenAsync($"/tasks/{review.Id}");
        await Assertions.Expect(page.Locator("[data-test=task-title]")).ToContainTextAsync(returned.OrganizationName);
        await Assertions.Expect(page.Locator("[data-test=task-why]")).ToContainTextAsync("秘书处审核");
        var receipt = page.Locator("[data-test=document]").First;
        await Assertions.Expect(receipt).ToBeVisibleAsync();
        Assert.EndsWith("?download=true", await receipt.Locator("[data-test=document-download]").GetAttributeAsync("href"), StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("[data-test=document-frame]")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^/ui/documents/"));
        await Assertions.Expect(page.Locator("[data-test=comment-field] .mud-input-helper-text")).ToHaveTextAsync("驳回或退回修改时必须填写意见。");
        await ScreenshotAsync(page, "task");

        await page.ClickAsync("[data-test=return]");
        await Assertions.Expect(page.Locator("[data-test=comment-field] .mud-input-helper-text")).ToHaveTextAsync("驳回或退回修改须填写意见。");
        Assert.Equal(WorkTaskStatus.Open, (await TaskAsync(Fixture.Server, review.Id.Value)).Status);
        await ScreenshotAsync(page, "task-comment-required");

        await page.Locator("[data-test=comment-field] textarea").FillAsync("请补充近三年校企合作项目清单");
        await page.ClickAsync("[data-test=return]");
        await Assertions.Expect(page.Locator("[data-test=task-notice]")).ToHaveTextAsync("已提交：退回修改。");
        var history = page.Locator("[data-test=task-history]");
        await Assertions.Expect(history).ToContainTextAsync("请补充近三年校企合作项目清单");
        await Assertions.Expect(history).ToContainTextAsync("钱慧敏");
        var stored = await TaskAsync(Fixture.Server, review.Id.Value);
        Assert.Equal((WorkTaskStatus.Completed, "return", "请补充近三年校企合作项目清单"), (stored.Status, stored.Outcome, stored.Comment));
        await ScreenshotAsync(page, "task-returned");

        var other = await OpenTaskAsync(Fixture.Server, approved.InstanceId, WorkTaskKind.Approve, "secretariat");
        await session.OpenAsync($"/tasks/{other.Id}");
        await page.ClickAsync("[data-test=approve]");
        await Assertions.Expect(page.Locator("[data-test=task-notice]")).ToHaveTextAsync("已提交：同意。");
        Assert.Equal((WorkTaskStatus.Completed, "approve"), ((await TaskAsync(Fixture.Server, other.Id.Value)).Status, (await TaskAsync(Fixture.Server, other.Id.Value)).Outcome));

        // The approval moved the admission on: the council now votes on it.
        var vote = await OpenTaskAsync(Fixture.Server, approved.InstanceId, WorkTaskKind.Vote, "chair");
        Assert.Contains(approved.OrganizationName, vote.Title, StringComparison.Ordinal);
        AssertNoViolations(session);
    }

    [Fact]
    public async Task Inbox_TabsAndTheKindFilter_ShowWhatIsMineToDo_WhatIStarted_AndWhatIsCopiedToMe()
    {
        var admission = await StartAdmissionAsync(Fixture.Server);
        var review = await OpenTaskAsync(Fixture.Server, admission.InstanceId, WorkTaskKind.Approve, "secretariat");
        var session = await OpenSessionAsync();
        await session.SignInAsync("secretariat");
        var page = session.Page;
        var item = page.Locator("[data-test=inbox-item]", new() { HasText = admission.OrganizationName });

        await session.OpenAsync("/inbox");
        await page.Locator("[data-test=filter-search]").FillAsync(admission.OrganizationName);
        await page.Locator("[data-test=filter-search]").PressAsync("Enter");
        await Assertions.Expect(item).ToHaveCountAsync(1);
        await Assertions.Expect(item).ToHaveAttributeAsync("href", $"/tasks/{review.Id}");
        await Assertions.Expect(page.Locator("[data-test=nav-inbox]")).ToContainTextAsync("待办事项（");
        await ScreenshotAsync(page, "inbox");

        await ChooseKindAsync(page, "表决");
        await Assertions.Expect(page.Locator("[data-test=inbox-empty]")).ToBeVisibleAsync();
        await Assertions.Expect(item).ToHaveCountAsync(0);
        await ChooseKindAsync(page, "审批");
        await Assertions.Expect(item).ToHaveCountAsync(1);

        // The secretariat started this admission: its review is also among what it started.
        await OpenTabAsync(page, "已办");
        await Assertions.Expect(item).ToHaveCountAsync(0);
        await OpenTabAsync(page, "我发起的");
        await Assertions.Expect(item).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "inbox-initiated-filtered");

        // The review is copied to the chair.
        var chair = await OpenSessionAsync();
        await chair.SignInAsync("chair");
        await chair.OpenAsync("/inbox?tab=cc");
        await chair.Page.Locator("[data-test=filter-search]").FillAsync(admission.OrganizationName);
        await chair.Page.Locator("[data-test=filter-search]").PressAsync("Enter");
        await Assertions.Expect(chair.Page.Locator("[data-test=inbox-item]", new() { HasText = admission.OrganizationName })).ToHaveCountAsync(1);
        await chair.OpenAsync("/");
        await Assertions.Expect(chair.Page.Locator("[data-test=open-items]")).ToBeVisibleAsync();
        await ScreenshotAsync(chair.Page, "inbox-cc-chair-home");
        AssertNoViolations(session);
        AssertNoViolations(chair);
    }

    private static async Task OpenTabAsync(IPage page, string name)
    {
        var tab = page.GetByRole(AriaRole.Tab, new() { Name = name });
        await tab.ClickAsync();
        await Assertions.Expect(tab).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(page.Locator("[data-test=inbox] .mud-table-loading")).ToHaveCountAsync(0);
    }

    private static async Task ChooseKindAsync(IPage page, string kind)
    {
        await page.Locator("[data-test=filter-kind]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = kind }).ClickAsync();
    }
}

[Collection(UiOnSqlite.Name)]
public sealed class SqliteInboxAndVotingScenarios(SqliteUiFixture fixture) : InboxAndVotingScenarios(fixture)
{
    protected override bool SavesScreenshots => true;
}

[Collection(UiOnPostgres.Name)]
public sealed class PostgresInboxAndVotingScenarios(PostgresUiFixture fixture) : InboxAndVotingScenarios(fixture)
{
    protected override bool SavesScreenshots => false;
}
