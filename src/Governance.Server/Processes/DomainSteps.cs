using Governance.Domain.Common;
using Governance.Workflows.Activities;

namespace Governance.Server.Processes;

/// <summary>Shared plumbing of the activities that carry out a domain command.</summary>
internal static class DomainSteps
{
    /// <summary>
    /// Runs a domain command; a rule it breaks faults the activity with the rule's code (an incident an
    /// administrator can see and retry), instead of failing the request that happened to move the flow on.
    /// </summary>
    public static async ValueTask<ActivityResult> RunAsync(ActivityContext context, Func<Task<ActivityResult>> command)
    {
        try
        {
            return await command();
        }
        catch (DomainRuleViolation violation)
        {
            return context.Fault($"{violation.Code}: {violation.Message}");
        }
    }

    public static Guid RequiredGuid(ActivityContext context, string input) =>
        context.InputGuid(input) ?? throw new FormatException($"{input} is empty.");

    public static TEnum RequiredEnum<TEnum>(ActivityContext context, string input)
        where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(context.InputString(input), ignoreCase: false, out var value) && Enum.IsDefined(value)
            ? value
            : throw new FormatException($"'{context.InputString(input)}' is not one of {string.Join(", ", Enum.GetNames<TEnum>())} ({input}).");
}
