using Governance.Domain.Common;
using Governance.Domain.Tasks;
using Governance.Domain.Tests.Builders;
using Governance.Domain.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Governance.Domain.Tests.Tasks;

public sealed class WorkTaskTests
{
    private readonly FakeTimeProvider _clock = Build.Clock();
    private readonly PersonId _assignee = PersonId.New();

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Constructor_DueNotInFuture_Rejected(int hoursFromNow)
    {
        Expect.Violation(() => NewTask(Build.Now.AddHours(hoursFromNow)), "task.due-in-past", "dueAt");
    }

    [Fact]
    public void Constructor_NoDueDate_Open()
    {
        var task = NewTask(dueAt: null);

        Assert.Equal(WorkTaskStatus.Open, task.Status);
        Assert.Null(task.DueAt);
    }

    [Fact]
    public void Constructor_CcIncludesAssigneeAndDuplicates_AssigneeExcludedAndDistinct()
    {
        var observer = PersonId.New();

        var task = NewTask(cc: [observer, _assignee, observer]);

        Assert.Equal([observer], task.CcIds);
    }

    [Fact]
    public void IsOverdue_OpenPastDue_True()
    {
        var task = NewTask(Build.Now.AddDays(3));
        _clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromTicks(1));

        Assert.True(task.IsOverdue(_clock.GetUtcNow()));
    }

    [Fact]
    public void IsOverdue_ExactlyAtDue_False()
    {
        var task = NewTask(Build.Now.AddDays(3));
        _clock.Advance(TimeSpan.FromDays(3));

        Assert.False(task.IsOverdue(_clock.GetUtcNow()));
    }

    [Fact]
    public void IsOverdue_CompletedPastDue_False()
    {
        var task = NewTask(Build.Now.AddDays(3));
        task.Complete("approved", null, _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromDays(10));

        Assert.False(task.IsOverdue(_clock.GetUtcNow()));
    }

    [Fact]
    public void IsOverdue_NoDueDate_False()
    {
        var task = NewTask(dueAt: null);
        _clock.Advance(TimeSpan.FromDays(365));

        Assert.False(task.IsOverdue(_clock.GetUtcNow()));
    }

    [Fact]
    public void Complete_Open_CompletedWithOutcomeAndComment()
    {
        var task = NewTask();
        _clock.Advance(TimeSpan.FromHours(5));

        task.Complete(" approved ", " 同意 ", _clock.GetUtcNow());

        Assert.Equal(WorkTaskStatus.Completed, task.Status);
        Assert.Equal("approved", task.Outcome);
        Assert.Equal("同意", task.Comment);
        Assert.Equal(Build.Now.AddHours(5), task.ClosedAt);
        Assert.Equal(1, task.Version);
    }

    [Fact]
    public void Complete_WithoutOutcome_RejectedAndOpen()
    {
        var task = NewTask();

        Expect.Violation(() => task.Complete(" ", null, _clock.GetUtcNow()), "task.outcome-required", "outcome");

        Assert.Equal(WorkTaskStatus.Open, task.Status);
    }

    [Theory]
    [InlineData(WorkTaskStatus.Completed)]
    [InlineData(WorkTaskStatus.Cancelled)]
    public void Complete_Closed_Rejected(WorkTaskStatus closedAs)
    {
        var task = ClosedTask(closedAs);

        Expect.Violation(() => task.Complete("approved", null, _clock.GetUtcNow()), "task.closed");

        Assert.Equal(closedAs, task.Status);
    }

    [Fact]
    public void Cancel_WithReason_Cancelled()
    {
        var task = NewTask();

        task.Cancel("成员单位已退出", _clock.GetUtcNow());

        Assert.Equal(WorkTaskStatus.Cancelled, task.Status);
        Assert.Equal("成员单位已退出", task.Comment);
        Assert.Null(task.Outcome);
    }

    [Fact]
    public void Cancel_WithoutReason_Rejected()
    {
        var task = NewTask();

        Expect.Violation(() => task.Cancel("", _clock.GetUtcNow()), "task.reason-required", "reason");

        Assert.Equal(WorkTaskStatus.Open, task.Status);
    }

    [Theory]
    [InlineData(WorkTaskStatus.Completed)]
    [InlineData(WorkTaskStatus.Cancelled)]
    public void Cancel_Closed_Rejected(WorkTaskStatus closedAs)
    {
        var task = ClosedTask(closedAs);

        Expect.Violation(() => task.Cancel("不再需要", _clock.GetUtcNow()), "task.closed");
    }

    [Fact]
    public void Transfer_ToAnotherPerson_Reassigned()
    {
        var task = NewTask();
        var colleague = PersonId.New();

        task.Transfer(colleague);

        Assert.Equal(colleague, task.AssigneeId);
        Assert.Equal(1, task.Version);
    }

    [Fact]
    public void Transfer_ToCurrentAssignee_Rejected()
    {
        var task = NewTask();

        Expect.Violation(() => task.Transfer(_assignee), "task.transfer-to-self", "assigneeId");
    }

    [Theory]
    [InlineData(WorkTaskStatus.Completed)]
    [InlineData(WorkTaskStatus.Cancelled)]
    public void Transfer_Closed_Rejected(WorkTaskStatus closedAs)
    {
        var task = ClosedTask(closedAs);

        Expect.Violation(() => task.Transfer(PersonId.New()), "task.closed");

        Assert.Equal(_assignee, task.AssigneeId);
    }

    [Fact]
    public void Transfer_ToPersonOnCc_NewAssigneeNoLongerOnCc()
    {
        var observer = PersonId.New();
        var task = NewTask(cc: [observer]);

        task.Transfer(observer);

        // The constructor keeps the assignee off the CC list; a transfer must keep that true.
        Assert.Equal(observer, task.AssigneeId);
        Assert.DoesNotContain(observer, task.CcIds);
    }

    private WorkTask NewTask(DateTimeOffset? dueAt = default, IEnumerable<PersonId>? cc = null) =>
        new(
            WorkTaskId.New(),
            WorkTaskKind.Approve,
            "审核入盟申请",
            _assignee,
            AllianceId.New(),
            PersonId.New(),
            dueAt,
            Build.Now,
            cc);

    private WorkTask ClosedTask(WorkTaskStatus closedAs)
    {
        var task = NewTask();
        if (closedAs == WorkTaskStatus.Completed)
        {
            task.Complete("approved", null, _clock.GetUtcNow());
        }
        else
        {
            task.Cancel("不再需要", _clock.GetUtcNow());
        }

        return task;
    }
}
