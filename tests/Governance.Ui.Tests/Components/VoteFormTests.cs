using Bunit;
using Governance.Domain.Ballots;
using Governance.Domain.Charters;
using Governance.Server.Features.Ballots;
using Governance.Server.Features.Tasks;
using Governance.Server.Ui.Infrastructure;
using Governance.Server.Ui.Pages.Ballots;

namespace Governance.Ui.Tests.Components;

public sealed class VoteFormTests : ComponentTest
{
    private readonly List<VoteChoice> _cast = [];
    private readonly List<string> _declared = [];

    [Fact]
    public void OpenBallot_NotVotedYet_OffersYesNoAbstain()
    {
        var cut = RenderForm(Open(vote: null));

        Assert.Equal(["赞成", "反对", "弃权"], cut.FindAll(".ui-vote-choices button").Select(b => b.TextContent.Trim()));
        Assert.All(cut.FindAll(".ui-vote-choices button"), b => Assert.False(b.HasAttribute("disabled")));
        Assert.Equal("你尚未投票。", cut.Find("[data-test=my-vote]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-test=tally]"));
    }

    [Fact]
    public void Voting_SendsTheChoice_AndSaysItIsRecorded()
    {
        var cut = RenderForm(Open(vote: null));

        cut.Find("[data-test=vote-no]").Click();

        Assert.Equal([VoteChoice.No], _cast);
        Assert.Equal("已记录：反对。", cut.Find("[data-test=vote-recorded]").TextContent.Trim());
    }

    [Fact]
    public void AVoteCast_IsMarked_AndCanBeChangedBeforeTheClose()
    {
        var cut = RenderForm(Open(vote: VoteChoice.No));

        Assert.Equal("true", cut.Find("[data-test=vote-no]").GetAttribute("data-selected"));
        Assert.Equal("false", cut.Find("[data-test=vote-yes]").GetAttribute("data-selected"));
        Assert.Contains("表决结束前可以更改", cut.Find("[data-test=my-vote]").TextContent, StringComparison.Ordinal);

        cut.Find("[data-test=vote-yes]").Click();

        Assert.Equal([VoteChoice.Yes], _cast);
    }

    [Fact]
    public void ClosedBallot_DisablesTheChoices_AndShowsTheResultAndTally()
    {
        var closed = Open(vote: VoteChoice.Yes) with
        {
            Status = BallotStatus.Closed,
            ClosedAt = DateTimeOffset.UnixEpoch.AddDays(2),
            Me = new MyBallotPart(true, false, null, VoteChoice.Yes, DateTimeOffset.UnixEpoch, false, Guid.NewGuid()),
            Tally = new BallotTallyResponse(7, 0, 5, 1, 1, true, BallotOutcome.Approved),
        };
        var cut = RenderForm(closed);

        Assert.All(cut.FindAll(".ui-vote-choices button"), b => Assert.True(b.HasAttribute("disabled")));
        Assert.Equal("表决结果：通过", cut.Find("[data-test=outcome]").TextContent.Trim());
        Assert.Contains("应参加 7，回避 0；赞成 5，反对 1，弃权 1；已达到法定人数", cut.Find("[data-test=tally]").TextContent, StringComparison.Ordinal);
        Assert.Equal("你的表决：赞成。", cut.Find("[data-test=my-vote]").TextContent.Trim());
        Assert.Single(cut.FindAll("[data-test=voting-closed]"));
        Assert.Empty(cut.FindAll("[data-test=declare-conflict]"));
    }

    [Fact]
    public void RecusedVoter_CannotVote_AndSeesWhy()
    {
        var recused = Open(vote: null) with { Me = new MyBallotPart(true, true, "申请单位为本单位控股子公司", null, null, false, Guid.NewGuid()) };
        var cut = RenderForm(recused);

        Assert.All(cut.FindAll(".ui-vote-choices button"), b => Assert.True(b.HasAttribute("disabled")));
        Assert.Contains("申请单位为本单位控股子公司", cut.Find("[data-test=recused]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-test=declare-conflict]"));
    }

    [Fact]
    public void DeclaringAConflict_NeedsAReason_ThenSendsIt()
    {
        var cut = RenderForm(Open(vote: VoteChoice.Yes));

        cut.Find("[data-test=declare-conflict]").Click();
        Assert.Empty(_declared);
        Assert.Equal("请说明利害关系。", cut.Find("[data-test=conflict-reason] .mud-input-helper-text").TextContent.Trim());

        cut.Find("[data-test=conflict-reason] input").Input("申请单位为本单位控股子公司");
        cut.Find("[data-test=declare-conflict]").Click();

        Assert.Equal(["申请单位为本单位控股子公司"], _declared);
    }

    [Fact]
    public void NotAVoter_SeesNoChoices()
    {
        var cut = RenderForm(Open(vote: null) with { Me = new MyBallotPart(false, false, null, null, null, false, null) });

        Assert.Single(cut.FindAll("[data-test=not-a-voter]"));
        Assert.Empty(cut.FindAll(".ui-vote-choices button"));
    }

    [Fact]
    public void TheServersRefusal_IsShownWithItsCode()
    {
        var cut = RenderForm(Open(vote: null), cast: new UiProblem(422, "ballot.closed", null, "The ballot is closed."));

        cut.Find("[data-test=vote-abstain]").Click();

        Assert.Equal("ballot.closed", cut.Find("[data-problem-code]").GetAttribute("data-problem-code"));
        Assert.Empty(cut.FindAll("[data-test=vote-recorded]"));
    }

    private IRenderedComponent<VoteForm> RenderForm(BallotResponse ballot, UiProblem? cast = null) =>
        Render<VoteForm>(p => p
            .Add(c => c.Ballot, ballot)
            .Add(c => c.Cast, choice =>
            {
                _cast.Add(choice);
                return Task.FromResult(cast);
            })
            .Add(c => c.DeclareConflict, reason =>
            {
                _declared.Add(reason);
                return Task.FromResult<UiProblem?>(null);
            }));

    private static BallotResponse Open(VoteChoice? vote) => new(
        Guid.NewGuid(), new AllianceReference(Guid.NewGuid(), "辽宁省智能制造产教联盟"), VotingMatter.MemberAdmission, "吸收新成员",
        "关于吸收某公司为联盟成员单位的议案",
        new BallotRuleResponse("2/3", VotingThreshold.MajorityOfAllEligible, true, "参与表决的人数须达到有表决权成员的2/3"),
        BallotStatus.Open, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(7), null, 7, 0, vote is null ? 0 : 1,
        new MyBallotPart(true, false, null, vote, vote is null ? null : DateTimeOffset.UnixEpoch, true, Guid.NewGuid()),
        null);
}
