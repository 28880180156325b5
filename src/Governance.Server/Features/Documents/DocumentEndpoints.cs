using Governance.Server.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Governance.Server.Features.Documents;

public static class DocumentEndpoints
{
    public static IEndpointRouteBuilder MapDocuments(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/documents").WithTags("Documents");
        group.MapPost("/", Generate).WithName("GenerateDocument")
            .WithSummary("Issue a document from its template and data (the workflows do this; exposed for the secretariat and tests)")
            .RequireAuthorization(Policies.Write);
        group.MapGet("/", List).WithName("ListDocuments").WithSummary("Issued documents, by alliance, kind or workflow instance")
            .RequireAuthorization(Policies.Read);
        group.MapGet("/{id:guid}", Get).WithName("GetDocument").WithSummary("An issued document's record: kind, template and version, SHA-256")
            .RequireAuthorization(Policies.Read);
        group.MapGet("/{id:guid}/content", Download).WithName("DownloadDocument").WithSummary("The PDF")
            .RequireAuthorization(Policies.Read);

        // Public by design: anyone holding a PDF can ask whether the platform issued it (never its content).
        // PDFs are larger than the API's 1 MiB bodies: this endpoint has its own limit.
        var uploadLimit = endpoints.ServiceProvider.GetRequiredService<IOptions<DocumentOptions>>().Value.MaxVerificationUploadBytes;
        group.MapPost("/verify", VerifyUpload).WithName("VerifyDocumentUpload")
            .WithSummary("Upload a PDF (body or form field 'file'): did the platform issue it, for which alliance, when?")
            .WithMetadata(new RequestSizeLimitAttribute(uploadLimit))
            .AllowAnonymous().DisableAntiforgery();
        group.MapGet("/verify/{sha256}", VerifySha).WithName("VerifyDocumentSha256")
            .WithSummary("Give a PDF's SHA-256: did the platform issue it, for which alliance, when?").AllowAnonymous();

        group.MapGet("/templates", ListTemplates).WithName("ListDocumentTemplates")
            .WithSummary("Every document template with its current version (0 = the shipped file)").RequireAuthorization(Policies.Admin);
        group.MapGet("/templates/{name}/{language}", GetTemplate).WithName("GetDocumentTemplate")
            .WithSummary("The current text of one template").RequireAuthorization(Policies.Admin);
        group.MapPost("/templates/{name}/{language}", UploadTemplate).WithName("UploadDocumentTemplate")
            .WithSummary("Upload a new version of a template; it overrides the shipped file").RequireAuthorization(Policies.Admin);
        return endpoints;
    }

    private static async Task<Created<DocumentResponse>> Generate(
        GenerateDocumentRequest request, GenerateDocumentHandler handler, CancellationToken cancellationToken)
    {
        var document = await handler.HandleAsync(request, cancellationToken);
        return TypedResults.Created($"/api/v1/documents/{document.Id}", DocumentResponse.From(document));
    }

    private static async Task<Ok<Page<DocumentResponse>>> List(
        [AsParameters] ListDocumentsQuery query, ListDocumentsHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(query, cancellationToken));

    private static async Task<Ok<DocumentResponse>> Get(Guid id, GetDocumentHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(DocumentResponse.From(await handler.HandleAsync(id, cancellationToken)));

    private static async Task<FileContentHttpResult> Download(
        Guid id, DownloadDocumentHandler handler, HttpContext http, CancellationToken cancellationToken)
    {
        var download = await handler.HandleAsync(id, cancellationToken);
        http.Response.Headers["X-Content-SHA256"] = download.Document.Sha256;
        return TypedResults.File(download.Content, "application/pdf", download.FileName,
            entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{download.Document.Sha256}\""));
    }

    private static async Task<Ok<VerificationResponse>> VerifyUpload(
        HttpRequest request, VerifyDocumentHandler handler, IOptions<DocumentOptions> options, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxVerificationUploadBytes;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            var file = form.Files["file"] ?? throw new Domain.Common.DomainRuleViolation(
                "documents.empty-upload", "Upload the PDF to check in a form field named file.", "file");
            await using var stream = file.OpenReadStream();
            return TypedResults.Ok(await handler.ByContentAsync(stream, max, cancellationToken));
        }

        return TypedResults.Ok(await handler.ByContentAsync(request.Body, max, cancellationToken));
    }

    private static async Task<Ok<VerificationResponse>> VerifySha(string sha256, VerifyDocumentHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.BySha256Async(sha256, cancellationToken));

    private static async Task<Ok<IReadOnlyList<DocumentTemplateResponse>>> ListTemplates(
        ListDocumentTemplatesHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(cancellationToken));

    private static async Task<Ok<DocumentTemplateResponse>> GetTemplate(
        string name, string language, GetDocumentTemplateHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(name, language, cancellationToken));

    private static async Task<Created<DocumentTemplateResponse>> UploadTemplate(
        string name, string language, UploadDocumentTemplateRequest request, UploadDocumentTemplateHandler handler, CancellationToken cancellationToken)
    {
        var template = await handler.HandleAsync(name, language, request, cancellationToken);
        return TypedResults.Created($"/api/v1/documents/templates/{name}/{language}", template);
    }
}
