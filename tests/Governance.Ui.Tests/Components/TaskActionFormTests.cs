using Bunit;
using Governance.Domain.People;
using Governance.Server.Features.Tasks;
using Governance.Server.Ui.Infrastructure;
using Governance.Server.Ui.Pages.Tasks;
using MudBlazor;

namespace Governance.Ui.Tests.Components;

public sealed class TaskActionFormTests : ComponentTest
{
    private readonly List<(string Action, string? Comment)> _decided = [];
    private readonly List<(Guid To, string? Comment)> _transferred = [];
    private static readonly TransferCandidate Colleague = new(Guid.NewGuid(), "周晓", [Role.Secretariat], true);

    [Theory]
    [InlineData("reject")]
    [InlineData("return")]
    public void RejectOrReturn_WithoutAComment_IsStoppedWithTheRuleUnderTheField_NothingSent(string action)
    {
        var cut = RenderForm();

        cut.Find($"[data-test={action}]").Click();

        Assert.Empty(_decided);
        Assert.Equal("驳回或退回修改须填写意见。", cut.Find("[data-test=comment-field] .mud-input-helper-text").TextContent.Trim());
    }

    [Fact]
    public void TheRule_IsShownBeforeSending()
    {
        var cut = RenderForm();

        Assert.Equal("驳回或退回修改时必须填写意见。", cut.Find("[data-test=comment-field] .mud-input-helper-text").TextContent.Trim());
    }

    [Fact]
    public void Return_WithAComment_IsSentWithIt_Trimmed()
    {
        var cut = RenderForm();

        cut.Find("[data-test=comment-field] textarea").Input("  请补充项目清单 ");
        cut.Find("[data-test=return]").Click();

        Assert.Equal([("return", "请补充项目清单")], _decided);
        Assert.Empty(cut.FindAll("[data-test=comment-field] .mud-input-error"));
    }

    [Fact]
    public void Approve_NeedsNoComment()
    {
        var cut = RenderForm();

        cut.Find("[data-test=approve]").Click();

        Assert.Equal([("approve", (string?)null)], _decided);
    }

    [Fact]
    public void TheServersRefusalOfTheComment_IsShownNextToTheField()
    {
        var cut = RenderForm(decide: new UiProblem(422, "task.comment-required", "comment", "A rejection or a return for revision needs a comment."));

        cut.Find("[data-test=comment-field] textarea").Input(" x ");
        cut.Find("[data-test=reject]").Click();

        Assert.Single(_decided);
        Assert.Contains("必填", cut.Find("[data-test=comment-field] .mud-input-helper-text").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-problem-code]"));
    }

    [Fact]
    public void AnotherRefusal_IsShownAsAnAlertWithItsCode()
    {
        var cut = RenderForm(decide: new UiProblem(403, "access.task-assignee-required", null, "Only the task's assignee can complete it."));

        cut.Find("[data-test=approve]").Click();

        Assert.Equal("access.task-assignee-required", cut.Find("[data-problem-code]").GetAttribute("data-problem-code"));
    }

    [Fact]
    public void Transfer_WithoutAPerson_AsksForOne_NothingSent()
    {
        Render<MudPopoverProvider>();
        var cut = RenderForm();

        cut.Find("[data-test=transfer]").Click();

        Assert.Empty(_transferred);
        Assert.Equal("请选择转交给谁。", cut.Find("[data-test=transfer-to] .mud-input-helper-text").TextContent.Trim());
    }

    [Fact]
    public async Task Transfer_ToAChosenPerson_IsSentWithTheComment_AndTheServersRefusalOfThePersonShownThere()
    {
        Render<MudPopoverProvider>();
        var cut = RenderForm(transfer: new UiProblem(422, "task.transfer-outside-alliance", "to", "The task can only be handed to someone who works in its alliance."));
        var select = cut.FindComponent<MudSelect<Guid?>>();

        await cut.InvokeAsync(() => select.Instance.SelectOption((Guid?)Colleague.Id));
        cut.Find("[data-test=comment-field] textarea").Input("请周晓审核");
        cut.Find("[data-test=transfer]").Click();

        Assert.Equal([(Colleague.Id, "请周晓审核")], _transferred);
        Assert.Contains("不符合规则", cut.Find("[data-test=transfer-to] .mud-input-helper-text").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void NoCandidates_SaysSo_AndOffersNoTransfer()
    {
        var cut = Render<TaskActionForm>(p => p
            .Add(c => c.Candidates, [])
            .Add(c => c.Decide, (a, c) => Task.FromResult<UiProblem?>(null))
            .Add(c => c.Transfer, (t, c) => Task.FromResult<UiProblem?>(null)));

        Assert.Single(cut.FindAll("[data-test=no-candidates]"));
        Assert.Empty(cut.FindAll("[data-test=transfer]"));
    }

    private IRenderedComponent<TaskActionForm> RenderForm(UiProblem? decide = null, UiProblem? transfer = null) =>
        Render<TaskActionForm>(p => p
            .Add(c => c.Candidates, [Colleague, new TransferCandidate(Guid.NewGuid(), "陈国华", [Role.Chair, Role.CouncilMember], false)])
            .Add(c => c.Decide, (action, comment) =>
            {
                _decided.Add((action, comment));
                return Task.FromResult(decide);
            })
            .Add(c => c.Transfer, (to, comment) =>
            {
                _transferred.Add((to, comment));
                return Task.FromResult(transfer);
            }));
}
