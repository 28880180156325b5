namespace Governance.Workflows.Activities.Core;

/// <summary>Waits until a moment (a durable timer).</summary>
[Activity("Elsa.StartAt", DisplayNameZh = "定时", DisplayNameEn = "Start at", Description = "Waits until a date and time.", CanWait = true)]
[ActivityInput("dateTime", "DateTime", Required = true, Description = "When to continue (UTC unless an offset is given).")]
public sealed class StartAtActivity : IActivity
{
    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var due = context.InputDateTime("dateTime") ?? context.Now;
        context.Summary = $"until {due:O}";
        return ValueTask.FromResult(context.Suspend(new BookmarkRequest(DelayActivity.BookmarkKind, DueAt: due)));
    }
}
