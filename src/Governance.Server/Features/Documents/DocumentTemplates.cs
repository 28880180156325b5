using Governance.Documents.Templates;
using Governance.Domain.Common;
using Governance.Server.Access;
using Governance.Server.Auditing;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Documents;

public sealed record DocumentTemplateResponse(
    string Name, DocumentKind Kind, string Language, int Version, string Source, string Sha256, DateTimeOffset? UploadedAt, string? Note, string? Content);

public sealed record UploadDocumentTemplateRequest(string? Content, string? Note);

public sealed class ListDocumentTemplatesHandler(DocumentTemplateStore store, AccessControl access)
{
    public async Task<IReadOnlyList<DocumentTemplateResponse>> HandleAsync(CancellationToken cancellationToken)
    {
        await access.DemandAdministratorAsync(cancellationToken);
        var list = new List<DocumentTemplateResponse>();
        foreach (var kind in DocumentKinds.All)
        {
            foreach (var language in DocumentLanguages.All)
            {
                var current = await store.CurrentAsync(kind.Kind, language, cancellationToken);
                list.Add(new DocumentTemplateResponse(kind.TemplateName, kind.Kind, language, current.Version,
                    current.Version == 0 ? "file" : "database", current.Sha256, null, null, null));
            }
        }

        return list;
    }
}

public sealed class GetDocumentTemplateHandler(DocumentTemplateStore store, GovernanceDbContext db, AccessControl access)
{
    public async Task<DocumentTemplateResponse> HandleAsync(string name, string language, CancellationToken cancellationToken)
    {
        await access.DemandAdministratorAsync(cancellationToken);
        var kind = UploadDocumentTemplateHandler.KindOf(name);
        language = DocumentLanguages.Require(language);
        var current = await store.CurrentAsync(kind.Kind, language, cancellationToken);
        var record = current.Version == 0
            ? null
            : await db.Set<DocumentTemplateRecord>().AsNoTracking()
                .SingleAsync(t => t.Name == name && t.Language == language && t.Version == current.Version, cancellationToken);
        return new DocumentTemplateResponse(name, kind.Kind, language, current.Version, record is null ? "file" : "database",
            current.Sha256, record?.UploadedAt, record?.Note, current.Content);
    }
}

/// <summary>An administrator's new version of a template; it overrides the shipped file from now on.</summary>
public sealed class UploadDocumentTemplateHandler(GovernanceDbContext db, TimeProvider time, AccessControl access, AuditTrail audit)
{
    public const int MaxTemplateLength = 200_000;

    public async Task<DocumentTemplateResponse> HandleAsync(string name, string language, UploadDocumentTemplateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await access.DemandAdministratorAsync(cancellationToken);
        var kind = KindOf(name);
        language = DocumentLanguages.Require(language);
        if (string.IsNullOrWhiteSpace(request.Content))
        {
            throw new DomainRuleViolation("documents.template-empty", "The template has no content.", "content");
        }

        if (request.Content.Length > MaxTemplateLength)
        {
            throw new DomainRuleViolation("documents.template-too-long", $"A template has at most {MaxTemplateLength} characters.", "content");
        }

        if (DocumentTemplate.CheckSyntax(request.Content) is { } error)
        {
            throw new DomainRuleViolation("documents.template-syntax", $"The template cannot be parsed: {error}", "content");
        }

        var latest = await db.Set<DocumentTemplateRecord>()
            .Where(t => t.Name == name && t.Language == language)
            .MaxAsync(t => (int?)t.Version, cancellationToken) ?? 0;
        var record = new DocumentTemplateRecord
        {
            Id = Guid.NewGuid(),
            Name = name,
            Language = language,
            Version = latest + 1,
            Content = request.Content,
            Sha256 = DocumentTemplateStore.Sha256Of(request.Content),
            Note = request.Note,
            UploadedAt = time.GetUtcNow(),
        };
        db.Add(record);
        audit.Record("document-template.upload", "DocumentTemplate", $"{name}/{language}/v{record.Version}", null, null,
            $"{name} {language} v{record.Version} sha256 {record.Sha256[..12]}{(string.IsNullOrWhiteSpace(request.Note) ? "" : $": {request.Note}")}");
        try
        {
            await audit.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (UniqueViolation.Is(exception))
        {
            throw new Errors.ConflictException("documents.template-version-conflict",
                "Another version of this template was uploaded at the same time; reload and upload again.", "content");
        }

        return new DocumentTemplateResponse(name, kind.Kind, language, record.Version, "database", record.Sha256, record.UploadedAt, record.Note, record.Content);
    }

    internal static DocumentKindInfo KindOf(string name) =>
        DocumentKinds.ByTemplateName(name)
        ?? throw new Errors.NotFoundException("Document template", name);
}
