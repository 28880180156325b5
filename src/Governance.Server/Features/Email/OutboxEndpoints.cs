using Governance.Server.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Governance.Server.Features.Email;

public static class OutboxEndpoints
{
    public static IEndpointRouteBuilder MapOutboxAdministration(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/admin/outbox").WithTags("Email outbox").RequireAuthorization(Policies.Admin);
        group.MapGet("/", List).WithName("ListOutboxMessages").WithSummary("List outbox messages, filtered by status, kind, recipient, alliance, task, time");
        group.MapGet("/dead-letter", ListDeadLetter).WithName("ListDeadLetteredMessages").WithSummary("List the dead-lettered messages (given up on, with their last error)");
        group.MapGet("/{id:guid}", Get).WithName("GetOutboxMessage").WithSummary("One message with both parts, attachments and delivery state");
        group.MapPost("/{id:guid}/resend", Resend).WithName("ResendOutboxMessage")
            .WithSummary("Queue a dead-lettered or cancelled message again, or a copy of a sent one");
        group.MapPost("/{id:guid}/cancel", Cancel).WithName("CancelOutboxMessage").WithSummary("Stop a pending or held message");
        return endpoints;
    }

    private static async Task<Ok<Page<OutboxMessageSummary>>> List(
        [AsParameters] ListOutboxMessagesQuery query, ListOutboxMessagesHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(query, cancellationToken));

    private static async Task<Ok<Page<OutboxMessageSummary>>> ListDeadLetter(
        [AsParameters] ListOutboxMessagesQuery query, ListOutboxMessagesHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(query with { Status = WorkflowHosting.OutboxStatus.DeadLettered }, cancellationToken));

    private static async Task<Ok<OutboxMessageResponse>> Get(Guid id, GetOutboxMessageHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(OutboxMessageResponse.From(await handler.HandleAsync(id, cancellationToken)));

    private static async Task<Ok<OutboxMessageResponse>> Resend(Guid id, ResendOutboxMessageHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(OutboxMessageResponse.From(await handler.HandleAsync(id, cancellationToken)));

    private static async Task<Ok<OutboxMessageResponse>> Cancel(Guid id, CancelOutboxMessageHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(OutboxMessageResponse.From(await handler.HandleAsync(id, cancellationToken)));
}
