using System.Text.Json.Nodes;
using Governance.Domain.Common;
using Governance.Server.Access;
using Governance.Server.Api;
using Governance.Server.Auditing;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Governance.Server.WorkflowHosting;
using Governance.Workflows.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Workflows;

public sealed record StartInstanceRequest(string? DefinitionId, int? Version, Dictionary<string, JsonNode?>? Input, string? CorrelationId);

public sealed record RaiseEventRequest(string? Name, string? CorrelationKey, JsonObject? Payload, string? DeliveryId);

public sealed record RaiseEventResponse(int Resumed);

public sealed record ResumeBookmarkRequest(JsonObject? Input, string? DeliveryId);

public sealed record CancelInstanceRequest(string? Reason);

public static class WorkflowInstanceEndpoints
{
    public static IEndpointRouteBuilder MapWorkflowInstances(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/workflows").WithTags("Workflow instances");
        group.MapPost("/instances", Start).WithName("StartWorkflowInstance")
            .WithSummary("Start an instance of the latest (or a given) published version").RequireAuthorization(Policies.Write);
        group.MapGet("/instances", List).WithName("ListWorkflowInstances")
            .WithSummary("Instances filtered by definition, status, correlation and creation date").RequireAuthorization(Policies.Read);
        group.MapGet("/instances/{id:guid}", Get).WithName("GetWorkflowInstance")
            .WithSummary("One instance with its variables, bookmarks, journal and incidents").RequireAuthorization(Policies.Read);
        group.MapPost("/events", RaiseEvent).WithName("RaiseWorkflowEvent")
            .WithSummary("Raise a named event with a correlation key; each waiting instance resumes once").RequireAuthorization(Policies.Write);
        group.MapPost("/instances/{id:guid}/bookmarks/{bookmarkId:guid}/resume", Resume).WithName("ResumeWorkflowBookmark")
            .WithSummary("Resume one bookmark (operators and integrations)").RequireAuthorization(Policies.Admin);
        group.MapPost("/instances/{id:guid}/cancel", Cancel).WithName("CancelWorkflowInstance")
            .WithSummary("Cancel an instance; its waits are dropped").RequireAuthorization(Policies.Admin);
        group.MapPost("/instances/{id:guid}/retry", Retry).WithName("RetryWorkflowInstance")
            .WithSummary("Run a faulted instance's failed activity again").RequireAuthorization(Policies.Admin);
        return endpoints;
    }

    private static async Task<Created<InstanceSummaryResponse>> Start(
        StartInstanceRequest request, WorkflowRuntime runtime, AccessControl access, AuditTrail audit, CancellationToken cancellationToken)
    {
        await access.DemandAdministratorOrApplicationAsync(cancellationToken);
        var definitionId = string.IsNullOrWhiteSpace(request.DefinitionId)
            ? throw new DomainRuleViolation("workflow.definitionId-required", "definitionId is required.", "definitionId")
            : request.DefinitionId;
        // The starter is the actor of the start (its journal, and the inbox's 我发起的 tab).
        var record = await runtime.StartAsync(definitionId, request.Version, request.Input ?? [], request.CorrelationId,
            access.Caller.PersonId?.Value.ToString(),
            (_, started, token) => AuditAsync(audit, "workflow.start", started.Id,
                $"{started.DefinitionId} v{started.DefinitionVersion}; correlation {started.CorrelationId}; {started.Status}", token),
            cancellationToken);
        return TypedResults.Created($"/api/v1/workflows/instances/{record.Id}", InstanceSummaryResponse.From(record));
    }

    private static async Task<Ok<Page<InstanceSummaryResponse>>> List(
        [AsParameters] ListInstancesQuery query, ListWorkflowInstancesHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(query, cancellationToken));

    private static async Task<Ok<InstanceResponse>> Get(Guid id, GetWorkflowInstanceHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(id, cancellationToken));

    private static async Task<Ok<RaiseEventResponse>> RaiseEvent(
        RaiseEventRequest request, WorkflowRuntime runtime, AccessControl access, AuditTrail audit, CancellationToken cancellationToken)
    {
        await access.DemandAdministratorOrApplicationAsync(cancellationToken);
        var name = string.IsNullOrWhiteSpace(request.Name)
            ? throw new DomainRuleViolation("workflow.event-name-required", "name is required.", "name")
            : request.Name;
        // One entry per instance the event resumed, each in that resume's transaction.
        var resumed = await runtime.RaiseEventAsync(name, request.CorrelationKey, request.Payload, request.DeliveryId, null,
            (_, instance, token) => AuditAsync(audit, "workflow.event", instance,
                $"event {name}; correlation {request.CorrelationKey}; delivery {request.DeliveryId}", token),
            cancellationToken);
        return TypedResults.Ok(new RaiseEventResponse(resumed));
    }

    private static async Task<Ok<InstanceSummaryResponse>> Resume(
        Guid id, Guid bookmarkId, ResumeBookmarkRequest request, WorkflowRuntime runtime, GovernanceDbContext db, AuditTrail audit,
        CancellationToken cancellationToken)
    {
        var stimulus = request.DeliveryId is null ? null : $"resume:{request.DeliveryId}";
        await runtime.ResumeAsync(id, bookmarkId, request.Input, null, stimulus,
            (_, token) => AuditAsync(audit, "workflow.resume", id, $"bookmark {bookmarkId}", token), cancellationToken);
        var record = await db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == id, cancellationToken);
        return TypedResults.Ok(InstanceSummaryResponse.From(record));
    }

    private static async Task<Ok<InstanceSummaryResponse>> Cancel(
        Guid id, CancelInstanceRequest? request, WorkflowRuntime runtime, AuditTrail audit, CancellationToken cancellationToken)
    {
        var record = await runtime.CancelAsync(id, null, request?.Reason,
            (_, _, token) => AuditAsync(audit, "workflow.cancel", id, $"reason: {request?.Reason}", token), cancellationToken);
        return TypedResults.Ok(InstanceSummaryResponse.From(record));
    }

    private static async Task<Ok<InstanceSummaryResponse>> Retry(Guid id, WorkflowRuntime runtime, AuditTrail audit, CancellationToken cancellationToken)
    {
        var record = await runtime.RetryAsync(id, null,
            (_, retried, token) => AuditAsync(audit, "workflow.retry", id, $"status: {retried.Status}", token), cancellationToken);
        return TypedResults.Ok(InstanceSummaryResponse.From(record));
    }

    // Runs inside the runtime's transaction (state, journal, outbox): the entry commits with the step or not at all.
    private static Task AuditAsync(AuditTrail audit, string action, Guid instanceId, string? summary, CancellationToken cancellationToken) =>
        audit.AppendInTransactionAsync(action, "WorkflowInstance", instanceId.ToString(), null, null, summary, cancellationToken);
}
