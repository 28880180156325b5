using System.Globalization;
using Governance.Server.Api;
using Governance.Server.Auditing;
using Governance.Server.Features.Email;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

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

    private static async Task<FileContentHttpResult> Export(
        Guid id, string? lang, GetTrackingBoardHandler handler, IOptions<EmailOptions> email, AuditTrail audit, CancellationToken cancellationToken)
    {
        var board = await handler.HandleAsync(id, lang, cancellationToken);
        var zone = email.Value.Zone;
        var bytes = TrackingWorkbook.Write(board, zone);

        // A list of people and what they owe leaves the platform: recorded like any other export.
        audit.Record("tracking.export", "Alliance", board.Alliance.Id.ToString(), new Domain.Common.AllianceId(board.Alliance.Id), null,
            $"{board.OpenTasks} open tasks, {board.OverdueTasks} overdue ({board.Language})");
        await audit.SaveChangesAsync(cancellationToken);
        var day = TimeZoneInfo.ConvertTime(board.GeneratedAt, zone).ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
        var name = board.Language == RequestLanguage.English ? $"tracking-{day}.xlsx" : $"督办看板-{board.Alliance.Name}-{day}.xlsx";
        return TypedResults.File(bytes, TrackingWorkbook.ContentType, name, lastModified: board.GeneratedAt);
    }
}
