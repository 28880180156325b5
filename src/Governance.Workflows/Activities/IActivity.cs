using Governance.Workflows.Definitions;

namespace Governance.Workflows.Activities;

/// <summary>
/// An activity type's behaviour. Implementations are stateless (one instance serves every workflow);
/// all state lives in the instance, reached through the <see cref="ActivityContext"/>.
/// </summary>
public interface IActivity
{
    /// <summary>Runs the activity when a token reaches it.</summary>
    ValueTask<ActivityResult> ExecuteAsync(ActivityContext context);

    /// <summary>Runs when a bookmark the activity created is resumed; <see cref="ActivityContext.Resume"/> holds the stimulus.</summary>
    ValueTask<ActivityResult> ResumeAsync(ActivityContext context) => ValueTask.FromResult(context.Complete("Done"));
}

/// <summary>Implemented by activities whose outcome ports come from their settings (switch cases, fork branches).</summary>
public interface IDeclaresPorts
{
    IReadOnlyList<string> PortsOf(ActivityDefinition activity);
}
