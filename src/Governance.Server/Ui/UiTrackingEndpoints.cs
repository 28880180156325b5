using Governance.Server.Features.Tracking;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Governance.Server.Ui;

/// <summary>
/// The tracking board's XLSX for the pages: the signed-in person's cookie instead of a bearer token,
/// the same handler, access check and audit entry as <c>GET /api/v1/alliances/{id}/tracking.xlsx</c>.
/// </summary>
internal static class UiTrackingEndpoints
{
    /// <summary>The address of an alliance's tracking workbook for the pages, with the headers in the page's language.</summary>
    public static string WorkbookLink(Guid allianceId, string language) => $"/ui/alliances/{allianceId}/tracking.xlsx?lang={Uri.EscapeDataString(language)}";

    public static void MapUiTrackingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/ui/alliances/{id:guid}/tracking.xlsx", async (Guid id, string? lang, ExportTrackingBoardHandler handler, HttpContext http, CancellationToken cancellationToken) =>
        {
            var export = await handler.HandleAsync(id, lang, cancellationToken);
            http.Response.Headers.CacheControl = "private, no-store";
            return Results.File(export.Content, TrackingWorkbook.ContentType, export.FileName, lastModified: export.GeneratedAt);
        })
        .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = IdentityConstants.ApplicationScheme })
        .ExcludeFromDescription();
    }
}
