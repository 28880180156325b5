using Governance.Workflows.Abstractions;

namespace Governance.Workflows.Activities.Core;

/// <summary>Queues an email in the outbox, in the same transaction as the step (sent afterwards, never from inside it).</summary>
[Activity("Elsa.SendEmail", Category = "Email", DisplayNameZh = "发送邮件", DisplayNameEn = "Send email", Description = "Queues an email.")]
[ActivityInput("to", "String", Required = true, Description = "Recipient addresses, comma-separated.")]
[ActivityInput("subject", "String", Required = true, Description = "Subject (Liquid allowed).")]
[ActivityInput("body", "String", Required = true, Description = "Plain-text body (Liquid allowed).")]
public sealed class SendEmailActivity : IActivity
{
    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var outbox = context.Services.GetService(typeof(IWorkflowOutbox)) as IWorkflowOutbox
            ?? throw new InvalidOperationException("No IWorkflowOutbox is registered.");
        var to = (context.InputString("to") ?? string.Empty)
            .Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (to.Length == 0)
        {
            return ValueTask.FromResult(context.Fault("The email has no recipient."));
        }

        var message = new WorkflowEmail(to, context.InputString("subject") ?? string.Empty, context.InputString("body") ?? string.Empty,
            context.InstanceId, context.Activity.Id);
        outbox.Enqueue(message);
        context.Summary = $"to {string.Join(", ", to)}";
        return ValueTask.FromResult(context.Complete("Done"));
    }
}
