using Governance.Domain.Ballots;
using Governance.Domain.People;
using Governance.Domain.Tasks;
using Governance.Server.Features.Ballots;

namespace Governance.Server.Ui.Localization;

// The inbox, the task page and the ballot page, in both languages.
public sealed partial class UiText
{
    // ---- inbox -----------------------------------------------------------------------------------
    public string Inbox => Pick("待办事项", "Inbox");

    public string TabTodo => Pick("待办", "To do");

    public string TabDone => Pick("已办", "Done");

    public string TabInitiated => Pick("我发起的", "Started by me");

    public string TabCc => Pick("抄送我", "Copied to me");

    public string AllAlliances => Pick("全部联盟", "All alliances");

    public string AllKinds => Pick("全部类型", "All kinds");

    public string OverdueOnly => Pick("只看已逾期", "Overdue only");

    public string SearchTasks => Pick("标题或联盟名称", "Title or alliance");

    public string TaskTitle => Pick("事项", "Task");

    public string AssigneeLabel => Pick("办理人", "Assignee");

    public string StepLabel => Pick("流程环节", "Step");

    public string DueLabel => Pick("办理期限", "Due");

    public string OverdueMark => Pick("已逾期", "Overdue");

    public string NoDeadline => Pick("无期限", "No deadline");

    public string NoTasks => Pick("这里没有事项。", "Nothing here.");

    public string InboxWithCount(int count) => count > 0 ? Pick($"待办事项（{Number(count)}）", $"Inbox ({Number(count)})") : Inbox;

    public string Label(WorkTaskKind value) => value switch
    {
        WorkTaskKind.Approve => Pick("审批", "Approval"),
        WorkTaskKind.Vote => Pick("表决", "Vote"),
        WorkTaskKind.Sign => Pick("签署", "Signature"),
        WorkTaskKind.Submit => Pick("填报", "Submission"),
        WorkTaskKind.Review => Pick("评审", "Review"),
        _ => value.ToString(),
    };

    public string Label(WorkTaskStatus value) => value switch
    {
        WorkTaskStatus.Open => Pick("待办理", "Open"),
        WorkTaskStatus.Completed => Pick("已办结", "Completed"),
        WorkTaskStatus.Cancelled => Pick("已取消", "Cancelled"),
        _ => value.ToString(),
    };

    /// <summary>A task's outcome (approve, reject, return, voted, recused, signed …) in words; an unknown one as stored.</summary>
    public string TaskOutcome(string? outcome) => outcome switch
    {
        null => "—",
        "approve" => Pick("同意", "Approved"),
        "reject" => Pick("驳回", "Rejected"),
        "return" => Pick("退回修改", "Returned for revision"),
        "voted" => Pick("已投票", "Voted"),
        "recused" => Pick("已回避", "Recused"),
        "signed" => Pick("已签署", "Signed"),
        "declined" => Pick("拒签", "Declined"),
        "submitted" => Pick("已提交", "Submitted"),
        _ => outcome,
    };

    // ---- home ------------------------------------------------------------------------------------
    public string MyOpenItems => Pick("我的待办", "My open items");

    public string NearestDeadlines => Pick("最近到期", "Nearest deadlines");

    public string NothingOpen => Pick("目前没有待办事项。", "Nothing is waiting for you.");

    public string OverdueCount(int count) => Pick($"{Number(count)} 项已逾期", $"{Number(count)} overdue");

    public string AllOpenItems => Pick("查看全部待办", "See the whole inbox");

    // ---- task page -------------------------------------------------------------------------------
    public string WhatIsAsked => Pick("办理事项", "What is asked");

    public string Why => Pick("来由", "Why");

    public string StepOf(string workflow, string step) => Pick($"“{workflow}”流程的“{step}”环节", $"the step “{step}” of “{workflow}”");

    public string NotInAWorkflow => Pick("不属于任何流程的单独事项", "A task outside any workflow");

    public string Initiator => Pick("发起人", "Started by");

    public string CopiedTo => Pick("抄送", "Copied to");

    public string RelatedDocuments => Pick("相关文书", "Documents");

    public string NoDocuments => Pick("暂无文书。", "No documents yet.");

    public string OpenPdf => Pick("在新窗口打开", "Open in a new window");

    public string TaskHistory => Pick("办理记录", "History");

    public string CommentLabel => Pick("意见", "Comment");

    public string CommentHint => Pick("驳回或退回修改时必须填写意见。", "Rejecting or returning for revision needs a comment.");

    public string CommentRequired => Pick("驳回或退回修改须填写意见。", "Write a comment to reject or return.");

    public string ApproveAction => Pick("同意", "Approve");

    public string RejectAction => Pick("驳回", "Reject");

    public string ReturnAction => Pick("退回修改", "Return for revision");

    public string TransferAction => Pick("转办", "Transfer");

    public string TransferTo => Pick("转交给", "Hand to");

    public string TransferHint => Pick("转给在本联盟任职的其他人；与你担任相同角色的人排在前面。", "Hand the task to someone else in the alliance; those holding your role come first.");

    public string PersonRequired => Pick("请选择转交给谁。", "Choose whom to hand it to.");

    public string NoTransferCandidates => Pick("本联盟没有可转交的其他人员。", "There is nobody else in the alliance to hand it to.");

    public string Decided(string outcome) => Pick($"已提交：{outcome}。", $"Done: {outcome}.");

    public string Transferred(string name) => Pick($"已转交给 {name}。", $"Handed to {name}.");

    public string NotYourTask => Pick("此事项不由你办理，你可以查看其内容和办理记录。", "This task is not yours to act on; you can read it and its history.");

    public string ClosedTask(string status, string outcome) => Pick($"此事项{status}：{outcome}。", $"This task is {status.ToLowerInvariant()}: {outcome}.");

    public string GoToBallot => Pick("前往表决", "Go to the ballot");

    public string GoToSubject => Pick("查看相关事项", "Open what it is about");

    public string HistoryAction(string action) => action switch
    {
        "Created" => Pick("创建", "Created"),
        "Transferred" => Pick("转办", "Transferred"),
        "Cancelled" => Pick("取消", "Cancelled"),
        "Reminded" => Pick("催办", "Reminded"),
        _ when action.StartsWith("Completed:", StringComparison.Ordinal) => TaskOutcome(action["Completed:".Length..]),
        _ => action,
    };

    // ---- ballot page -----------------------------------------------------------------------------
    public string BallotTitle => Pick("表决", "Ballot");

    public string BallotRule => Pick("表决规则", "Rule");

    public string Label(BallotStatus value) => value switch
    {
        BallotStatus.Open => Pick("表决中", "Open"),
        BallotStatus.Closed => Pick("已结束", "Closed"),
        _ => value.ToString(),
    };

    public string Label(VoteChoice value) => value switch
    {
        VoteChoice.Yes => Pick("赞成", "Yes"),
        VoteChoice.No => Pick("反对", "No"),
        VoteChoice.Abstain => Pick("弃权", "Abstain"),
        _ => value.ToString(),
    };

    public string VotedCount(int voted, int voters) => Pick($"已投票 {Number(voted)} / {Number(voters)}", $"{Number(voted)} of {Number(voters)} voted");

    public string MyVote => Pick("我的表决", "My vote");

    public string YouVoted(string choice, DateTimeOffset? at) => Pick($"你已投：{choice}（{DateAndTime(at)}），表决结束前可以更改。", $"You voted {choice} ({DateAndTime(at)}); you can change it until the ballot closes.");

    public string YouVotedClosed(string choice) => Pick($"你的表决：{choice}。", $"Your vote: {choice}.");

    public string NotVotedYet => Pick("你尚未投票。", "You have not voted yet.");

    public string VoteRecorded(string choice) => Pick($"已记录：{choice}。", $"Recorded: {choice}.");

    public string NotAVoter => Pick("你不是本次表决的表决人。", "You are not a voter on this ballot.");

    public string YouAreRecused(string? reason) => Pick($"你已声明利害关系并回避本次表决。{(reason is null ? "" : $"理由：{reason}")}",
        $"You declared a conflict of interest and are recused.{(reason is null ? "" : $" Reason: {reason}")}");

    public string VotingClosed => Pick("表决已结束，不能再投票。", "The ballot is closed; votes can no longer be cast.");

    public string DeclareConflict => Pick("声明利害关系并回避", "Declare a conflict and recuse myself");

    public string ConflictReason => Pick("利害关系说明", "What the conflict is");

    public string ConflictHint => Pick("声明后你的表决（如已投）将撤回，且不能再投票。", "Any vote you cast is withdrawn, and you cannot vote afterwards.");

    public string ReasonRequired => Pick("请说明利害关系。", "Say what the conflict is.");

    public string BallotResult => Pick("表决结果", "Result");

    public string QuorumMet(bool met) => met ? Pick("已达到法定人数", "quorum reached") : Pick("未达到法定人数", "quorum not reached");

    public string TallyOf(BallotTallyResponse tally)
    {
        ArgumentNullException.ThrowIfNull(tally);
        return Pick(
            $"应参加 {Number(tally.Eligible)}，回避 {Number(tally.Recused)}；赞成 {Number(tally.Yes)}，反对 {Number(tally.No)}，弃权 {Number(tally.Abstain)}；{QuorumMet(tally.QuorumMet)}",
            $"{Number(tally.Eligible)} eligible, {Number(tally.Recused)} recused; {Number(tally.Yes)} yes, {Number(tally.No)} no, {Number(tally.Abstain)} abstained; {QuorumMet(tally.QuorumMet)}");
    }

    public string RolesInWords(IEnumerable<Role> roles) => string.Join(Pick("、", ", "), roles.Select(Label));
}
