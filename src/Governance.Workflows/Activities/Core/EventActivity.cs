namespace Governance.Workflows.Activities.Core;

/// <summary>
/// Waits for a named event, optionally for one correlation key (e.g. an organization's id). An event
/// raised with that name and key resumes it once; its payload can be stored in a variable.
/// </summary>
[Activity("Elsa.Event", DisplayNameZh = "等待事件", DisplayNameEn = "Event", Description = "Waits for a named event.", CanWait = true)]
[ActivityInput("eventName", "String", Required = true, Description = "The event's name.")]
[ActivityInput("correlationKey", "String", Description = "Only an event raised with this key resumes it.")]
[ActivityInput("resultVariable", "String", Form = InputForm.Setting, Description = "Variable to receive the event's payload.")]
[ActivityOutput("payload", "Object", Description = "The event's payload.")]
public sealed class EventActivity : IActivity
{
    public const string BookmarkKind = "Event";

    /// <summary>The bookmark key events are looked up by.</summary>
    public static string KeyOf(string eventName, string? correlationKey) => $"{eventName}|{correlationKey}";

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.InputString("eventName") ?? throw new FormatException("eventName is empty.");
        var key = context.InputString("correlationKey");
        context.Summary = KeyOf(name, key);
        return ValueTask.FromResult(context.Suspend(new BookmarkRequest(BookmarkKind, KeyOf(name, key))));
    }

    public ValueTask<ActivityResult> ResumeAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.InputString("resultVariable") is { Length: > 0 } variable)
        {
            context.SetVariable(variable, context.Resume?.Input?.DeepClone());
        }

        return ValueTask.FromResult(context.Complete("Done"));
    }
}
