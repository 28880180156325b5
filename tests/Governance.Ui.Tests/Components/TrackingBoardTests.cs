using Bunit;
using Governance.Domain.Tasks;
using Governance.Server.Features.Tasks;
using Governance.Server.Features.Tracking;
using Governance.Server.Ui.Pages.Tracking;

namespace Governance.Ui.Tests.Components;

public sealed class TrackingBoardTests : ComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromHours(4);

    [Fact]
    public void OverdueProcessesAndTasks_ComeFirst_AndAreMarkedWithTheirDays()
    {
        var onTime = Process("成员入会审批", Owed("王一", due: Now.AddDays(3)));
        var late = Process("联盟协议签署", Owed("李二", due: Now.AddDays(2)), Owed("赵三", due: Now.AddDays(-2), daysOverdue: 2));

        var cut = RenderBoard(Board(onTime, late));

        var processes = cut.FindAll("[data-test=process]");
        Assert.Equal(["true", "false"], processes.Select(p => p.GetAttribute("data-overdue")));
        Assert.Equal(["赵三", "李二"], processes[0].QuerySelectorAll("[data-test=owed-person]").Select(e => e.TextContent));
        var marks = cut.FindAll("[data-test=overdue-mark]");
        Assert.Equal("逾期 2 天", Assert.Single(marks).TextContent.Trim());
        Assert.Contains("ui-overdue", processes[0].QuerySelector("tbody tr")!.ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void ARecentReminder_DisablesRemind_AndShowsWhenTheNextIsAllowed()
    {
        var reminded = Owed("李二", due: Now.AddDays(2), lastReminded: Now.AddHours(-1), reminders: 1);
        var earlier = Owed("赵三", due: Now.AddDays(3), lastReminded: Now.AddHours(-5), reminders: 2);

        var cut = RenderBoard(Board(Process("联盟协议签署", reminded, earlier)));

        var rows = cut.FindAll("[data-test=process] tbody tr");
        Assert.True(rows[0].QuerySelector("button[data-test=remind]")!.HasAttribute("disabled"));
        Assert.Equal("2026年3月10日 13:00 后可再次催办", rows[0].QuerySelector("[data-test=next-reminder]")!.TextContent);
        Assert.False(rows[1].QuerySelector("button[data-test=remind]")!.HasAttribute("disabled"));
        Assert.Null(rows[1].QuerySelector("[data-test=next-reminder]"));
    }

    [Fact]
    public void TheServersAnswer_AfterARemind_DisablesTheButtonUntilThen()
    {
        var owed = Owed("王一", due: null);
        var cut = RenderBoard(Board(Process(null, owed)), new Dictionary<Guid, DateTimeOffset> { [owed.TaskId] = Now.AddHours(4) });

        Assert.True(cut.Find("button[data-test=remind]").HasAttribute("disabled"));
        Assert.Equal("2026年3月10日 14:00 后可再次催办", cut.Find("[data-test=next-reminder]").TextContent);
        Assert.Contains("（非流程事项）", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Remind_HandsTheTaskToThePage()
    {
        var owed = Owed("王一", due: Now.AddDays(1));
        OwedTaskResponse? asked = null;
        var cut = Render<TrackingBoard>(p => p
            .Add(c => c.Board, Board(Process("年度工作进展报告", owed)))
            .Add(c => c.ReminderInterval, Interval)
            .Add(c => c.Now, Now)
            .Add(c => c.Remind, (OwedTaskResponse o) => asked = o));

        cut.Find("button[data-test=remind]").Click();

        Assert.Equal(owed.TaskId, asked?.TaskId);
    }

    [Fact]
    public void AnEmptyBoard_SaysNothingIsOpen()
    {
        var cut = RenderBoard(Board());

        Assert.Equal("没有进行中的事项。", cut.Find("[data-test=board-empty]").TextContent);
    }

    private IRenderedComponent<TrackingBoard> RenderBoard(TrackingBoardResponse board, Dictionary<Guid, DateTimeOffset>? next = null) =>
        Render<TrackingBoard>(p => p
            .Add(c => c.Board, board)
            .Add(c => c.ReminderInterval, Interval)
            .Add(c => c.Now, Now)
            .Add(c => c.NextReminders, next ?? []));

    private static TrackingBoardResponse Board(params TrackedProcessResponse[] processes) => new(
        new AllianceReference(Guid.NewGuid(), "联盟"), Now, "zh-CN", processes.Sum(p => p.OpenTasks), processes.Sum(p => p.OverdueTasks), processes);

    private static TrackedProcessResponse Process(string? workflow, params OwedTaskResponse[] owed) => new(
        workflow is null ? null : Guid.NewGuid(), workflow is null ? null : "wf", workflow, Now.AddDays(-5), new PersonReference(Guid.NewGuid(), "钱慧敏"),
        null, owed.Length, owed.Count(o => o.Overdue), owed);

    private static OwedTaskResponse Owed(string person, DateTimeOffset? due, int daysOverdue = 0, DateTimeOffset? lastReminded = null, int reminders = 0) => new(
        Guid.NewGuid(), WorkTaskKind.Sign, "签署", "签署联盟协议", new PersonReference(Guid.NewGuid(), person), new OrganizationReference(Guid.NewGuid(), "单位"),
        null, Now.AddDays(-5), due, daysOverdue > 0, daysOverdue, lastReminded, reminders);
}
