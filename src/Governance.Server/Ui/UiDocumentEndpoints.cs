using Governance.Server.Features.Documents;
using Governance.Server.Hardening;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Net.Http.Headers;

namespace Governance.Server.Ui;

/// <summary>
/// Issued PDFs for the pages: the signed-in person's cookie instead of a bearer token, the same
/// handler and access check as <c>GET /api/v1/documents/{id}/content</c>. Shown inline in a frame of
/// the pages (same origin only) or, with <c>?download=true</c>, saved as a file.
/// </summary>
internal static class UiDocumentEndpoints
{
    /// <summary>The address of a document's PDF for the pages; <paramref name="download"/> asks the browser to save it.</summary>
    public static string Link(Guid documentId, bool download = false) =>
        download ? $"/ui/documents/{documentId}?download=true" : $"/ui/documents/{documentId}";

    // Nothing runs in a PDF response; only the pages of this origin may frame it.
    private const string PdfCsp = "default-src 'none'; object-src 'self'; frame-ancestors 'self'";

    public static void MapUiDocumentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/ui/documents/{id:guid}", async (Guid id, bool? download, DownloadDocumentHandler handler, HttpContext http, CancellationToken cancellationToken) =>
        {
            var pdf = await handler.HandleAsync(id, cancellationToken);
            var headers = http.Response.Headers;
            headers.XFrameOptions = "SAMEORIGIN";
            headers.CacheControl = "private, no-store";
            headers["X-Content-SHA256"] = pdf.Document.Sha256;
            var disposition = new ContentDispositionHeaderValue(download == true ? "attachment" : "inline");
            disposition.SetHttpFileName(pdf.FileName);
            headers.ContentDisposition = disposition.ToString();
            return Results.Bytes(pdf.Content, "application/pdf");
        })
        .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = IdentityConstants.ApplicationScheme })
        .WithMetadata(new ContentSecurityPolicyMetadata(PdfCsp))
        .ExcludeFromDescription();
    }
}
