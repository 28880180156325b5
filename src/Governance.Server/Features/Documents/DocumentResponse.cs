namespace Governance.Server.Features.Documents;

public sealed record DocumentResponse(
    Guid Id,
    DocumentKind Kind,
    string Language,
    string Number,
    string Title,
    string TemplateName,
    int TemplateVersion,
    string TemplateSha256,
    Guid AllianceId,
    Guid? WorkflowInstanceId,
    string Sha256,
    long Size,
    int PageCount,
    bool Sealed,
    DateTimeOffset CreatedAt,
    string ContentUrl)
{
    public static DocumentResponse From(StoredDocumentRecord d) => new(
        d.Id, d.Kind, d.Language, d.Number, d.Title, d.TemplateName, d.TemplateVersion, d.TemplateSha256,
        d.AllianceId, d.WorkflowInstanceId, d.Sha256, d.Size, d.PageCount, d.Sealed, d.CreatedAt,
        $"/api/v1/documents/{d.Id}/content");
}
