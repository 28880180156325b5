using Governance.Server.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Governance.Server.Features.Tracking;

public static class TrackingEndpoints
{
    public static IEndpointRouteBuilder MapTracking(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/alliances").WithTags("Tracking");
        group.MapGet("/{id:guid}/tracking", Get).WithName("GetTrackingBoard")
            .WithSummary("督办看板: for each open process of the alliance, who still owes what, overdue first (secretariat, chair)")
            .RequireAuthorization(Policies.Read);
        group.MapGet("/{id:guid}/tracking.xlsx", Export).WithName("ExportTrackingBoard")
            .WithSummary("The tracking board as an XLSX workbook (headers in 中文, or English with lang=en or the caller's language)")
            .RequireAuthorization(Policies.Read);
        return endpoints;
    }

    private static async Task<Ok<TrackingBoardResponse>> Get(Guid id, string? lang, GetTrackingBoardHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(id, lang, cancellationToken));

    private static async Task<FileContentHttpResult> Export(Guid id, string? lang, ExportTrackingBoardHandler handler, CancellationToken cancellationToken)
    {
        var export = await handler.HandleAsync(id, lang, cancellationToken);
        return TypedResults.File(export.Content, TrackingWorkbook.ContentType, export.FileName, lastModified: export.GeneratedAt);
    }
}
