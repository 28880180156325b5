using System.Security.Cryptography;
using Governance.Domain.Common;
using Governance.Server.Access;
using Governance.Server.Api;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Documents;

/// <summary>A document is seen by whoever can see the alliance it belongs to; to anyone else it does not exist.</summary>
public sealed class GetDocumentHandler(GovernanceDbContext db, AccessControl access)
{
    public async Task<StoredDocumentRecord> HandleAsync(Guid id, CancellationToken cancellationToken)
    {
        var document = await db.Set<StoredDocumentRecord>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        return document is not null && await access.CanSeeAllianceAsync(new AllianceId(document.AllianceId), cancellationToken)
            ? document
            : throw new NotFoundException("Document", id);
    }
}

public sealed record DocumentDownload(StoredDocumentRecord Document, byte[] Content)
{
    public string FileName => $"{Document.Number}.pdf";
}

public sealed class DownloadDocumentHandler(GovernanceDbContext db, GetDocumentHandler documents)
{
    public async Task<DocumentDownload> HandleAsync(Guid id, CancellationToken cancellationToken)
    {
        var document = await documents.HandleAsync(id, cancellationToken);
        var content = await db.Set<DocumentContentRecord>().AsNoTracking()
            .Where(c => c.Sha256 == document.Sha256)
            .Select(c => c.Content)
            .SingleAsync(cancellationToken);

        // Stored bytes are immutable; a mismatch means the database was altered behind the platform's back.
        if (Convert.ToHexStringLower(SHA256.HashData(content)) != document.Sha256)
        {
            throw new InvalidOperationException($"Document {id}: the stored content no longer matches its SHA-256.");
        }

        return new DocumentDownload(document, content);
    }
}

public sealed record ListDocumentsQuery(Guid? AllianceId, DocumentKind? Kind, Guid? WorkflowInstanceId, int? Page, int? PageSize);

public sealed class ListDocumentsHandler(GovernanceDbContext db, AccessControl access)
{
    public async Task<Page<DocumentResponse>> HandleAsync(ListDocumentsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var documents = db.Set<StoredDocumentRecord>().AsNoTracking();
        if (await access.VisibleAlliancesAsync(cancellationToken) is { } visible)
        {
            var ids = visible.Select(a => a.Value).ToList();
            documents = documents.Where(d => ids.Contains(d.AllianceId));
        }

        if (query.AllianceId is { } alliance)
        {
            documents = documents.Where(d => d.AllianceId == alliance);
        }

        if (query.Kind is { } kind)
        {
            documents = documents.Where(d => d.Kind == kind);
        }

        if (query.WorkflowInstanceId is { } instance)
        {
            documents = documents.Where(d => d.WorkflowInstanceId == instance);
        }

        return await documents.OrderByDescending(d => d.Number).ToPageAsync(query.Page, query.PageSize, DocumentResponse.From, cancellationToken);
    }
}
