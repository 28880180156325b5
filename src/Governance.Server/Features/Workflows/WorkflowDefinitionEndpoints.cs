using System.Text;
using Governance.Server.Api;
using Governance.Server.Auditing;
using Governance.Server.Persistence;
using Governance.Server.WorkflowHosting;
using Governance.Workflows.Activities;
using Governance.Workflows.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Workflows;

public sealed record ValidationResponse(bool IsValid, IReadOnlyList<WorkflowError> Errors);

public static class WorkflowDefinitionEndpoints
{
    public static IEndpointRouteBuilder MapWorkflowDefinitions(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/workflows").WithTags("Workflow definitions");
        group.MapGet("/activities", Activities).WithName("ListActivityTypes")
            .WithSummary("The activity registry: every activity type with its inputs, outputs and outcomes").RequireAuthorization(Policies.Read);
        group.MapPost("/validate", Validate).WithName("ValidateWorkflowDefinition")
            .WithSummary("Validate a definition (body: the definition JSON) without storing it").RequireAuthorization(Policies.Read);
        group.MapGet("/definitions", List).WithName("ListWorkflowDefinitions")
            .WithSummary("Every definition with its latest and published version").RequireAuthorization(Policies.Read);
        group.MapPost("/definitions", SaveDraft).WithName("SaveWorkflowDraft")
            .WithSummary("Create or replace the draft of a definition (body: the definition JSON)").RequireAuthorization(Policies.Admin);
        group.MapGet("/definitions/{definitionId}", Versions).WithName("ListWorkflowVersions")
            .WithSummary("All versions of a definition").RequireAuthorization(Policies.Read);
        group.MapDelete("/definitions/{definitionId}/draft", DeleteDraft).WithName("DeleteWorkflowDraft")
            .WithSummary("Delete the draft").RequireAuthorization(Policies.Admin);
        group.MapPost("/definitions/{definitionId}/publish", Publish).WithName("PublishWorkflowDraft")
            .WithSummary("Validate the draft and publish it as a new version").RequireAuthorization(Policies.Admin);
        group.MapGet("/definitions/{definitionId}/versions/{version:int}", Get).WithName("GetWorkflowVersion")
            .WithSummary("One version with its definition").RequireAuthorization(Policies.Read);
        group.MapGet("/definitions/{definitionId}/versions/{version:int}/export", Export).WithName("ExportWorkflowVersion")
            .WithSummary("The version in the file format").RequireAuthorization(Policies.Read);
        group.MapPost("/definitions/{definitionId}/versions/{version:int}/retract", Retract).WithName("RetractWorkflowVersion")
            .WithSummary("Stop new instances of a published version (running ones go on)").RequireAuthorization(Policies.Admin);
        group.MapPost("/definitions/{definitionId}/versions/{version:int}/revert", Revert).WithName("RevertWorkflowVersion")
            .WithSummary("Make an old version the new draft").RequireAuthorization(Policies.Admin);
        return endpoints;
    }

    private static Ok<List<ActivityDescriptorResponse>> Activities(ActivityRegistry registry) =>
        TypedResults.Ok(registry.All.OrderBy(d => d.Category).ThenBy(d => d.Type).Select(ActivityDescriptorResponse.From).ToList());

    private static async Task<Ok<ValidationResponse>> Validate(HttpRequest request, WorkflowValidator validator)
    {
        var errors = validator.Validate(await BodyAsync(request), out _);
        return TypedResults.Ok(new ValidationResponse(errors.Length == 0, errors));
    }

    private static async Task<Ok<List<DefinitionSummaryResponse>>> List(GovernanceDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.WorkflowDefinitions.AsNoTracking()
            .Select(d => new { d.DefinitionId, d.Name, d.Version, d.Status })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.GroupBy(r => r.DefinitionId).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var latest = g.MaxBy(r => r.Version)!;
            var published = g.Where(r => r.Status == DefinitionStatus.Published).Select(r => (int?)r.Version).Max();
            return new DefinitionSummaryResponse(g.Key, latest.Name, latest.Version, published, g.Any(r => r.Status == DefinitionStatus.Draft));
        }).ToList());
    }

    private static async Task<Created<DefinitionVersionResponse>> SaveDraft(
        HttpRequest request, WorkflowDefinitionStore store, AuditTrail audit, CancellationToken cancellationToken)
    {
        var draft = await store.SaveDraftAsync(await BodyAsync(request), cancellationToken);
        await AuditAsync(audit, "workflow-definition.save-draft", draft.DefinitionId, draft.Version, cancellationToken);
        return TypedResults.Created($"/api/v1/workflows/definitions/{draft.DefinitionId}/versions/{draft.Version}", DefinitionVersionResponse.From(draft, true));
    }

    private static async Task<Ok<List<DefinitionVersionResponse>>> Versions(string definitionId, WorkflowDefinitionStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.VersionsAsync(definitionId, cancellationToken)).Select(v => DefinitionVersionResponse.From(v, false)).ToList());

    private static async Task<NoContent> DeleteDraft(string definitionId, WorkflowDefinitionStore store, AuditTrail audit, CancellationToken cancellationToken)
    {
        await store.DeleteDraftAsync(definitionId, cancellationToken);
        await AuditAsync(audit, "workflow-definition.delete-draft", definitionId, null, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<DefinitionVersionResponse>> Publish(string definitionId, WorkflowDefinitionStore store, AuditTrail audit, CancellationToken cancellationToken)
    {
        var published = await store.PublishDraftAsync(definitionId, cancellationToken);
        await AuditAsync(audit, "workflow-definition.publish", definitionId, published.Version, cancellationToken);
        return TypedResults.Ok(DefinitionVersionResponse.From(published, true));
    }

    private static async Task<Ok<DefinitionVersionResponse>> Get(string definitionId, int version, WorkflowDefinitionStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(DefinitionVersionResponse.From(await store.GetAsync(definitionId, version, cancellationToken), true));

    private static async Task<FileContentHttpResult> Export(string definitionId, int version, WorkflowDefinitionStore store, CancellationToken cancellationToken)
    {
        var record = await store.GetAsync(definitionId, version, cancellationToken);
        return TypedResults.File(Encoding.UTF8.GetBytes(WorkflowDefinitionStore.Export(record)), "application/json", $"{definitionId}.json");
    }

    private static async Task<Ok<DefinitionVersionResponse>> Retract(
        string definitionId, int version, WorkflowDefinitionStore store, AuditTrail audit, CancellationToken cancellationToken)
    {
        var retracted = await store.RetractAsync(definitionId, version, cancellationToken);
        await AuditAsync(audit, "workflow-definition.retract", definitionId, version, cancellationToken);
        return TypedResults.Ok(DefinitionVersionResponse.From(retracted, false));
    }

    private static async Task<Ok<DefinitionVersionResponse>> Revert(
        string definitionId, int version, WorkflowDefinitionStore store, AuditTrail audit, CancellationToken cancellationToken)
    {
        var draft = await store.RevertAsync(definitionId, version, cancellationToken);
        await AuditAsync(audit, "workflow-definition.revert", definitionId, version, cancellationToken);
        return TypedResults.Ok(DefinitionVersionResponse.From(draft, true));
    }

    // The store commits the definition itself; the audit entry follows it.
    private static async Task AuditAsync(AuditTrail audit, string action, string definitionId, int? version, CancellationToken cancellationToken)
    {
        audit.Record(action, "WorkflowDefinition", definitionId, null, null, version is null ? null : $"version {version}");
        await audit.SaveChangesAsync(cancellationToken);
    }

    private static async Task<string> BodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }
}
