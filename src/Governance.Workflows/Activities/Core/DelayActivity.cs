namespace Governance.Workflows.Activities.Core;

/// <summary>Waits for a time span (a durable timer: it survives restarts and fires once).</summary>
[Activity("Elsa.Delay", DisplayNameZh = "延时", DisplayNameEn = "Delay", Description = "Waits for a time span.", CanWait = true)]
[ActivityInput("timeSpan", "TimeSpan", Required = true, Description = "How long to wait, e.g. '3.00:00:00'.")]
public sealed class DelayActivity : IActivity
{
    public const string BookmarkKind = "Timer";

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var span = context.InputTimeSpan("timeSpan") ?? TimeSpan.Zero;
        var due = context.Now + span;
        context.Summary = $"until {due:O}";
        return ValueTask.FromResult(context.Suspend(new BookmarkRequest(BookmarkKind, DueAt: due)));
    }
}
