namespace Governance.Server.Features.Documents;

/// <summary>
/// An issued document. Immutable: nothing updates or deletes these rows. It belongs to an alliance
/// (and, when a workflow issued it, to that instance) — download is authorized like those.
/// </summary>
public sealed class StoredDocumentRecord
{
    public Guid Id { get; init; }

    public DocumentKind Kind { get; init; }

    public required string Language { get; init; }

    public required string Number { get; init; }

    public required string Title { get; init; }

    public required string TemplateName { get; init; }

    /// <summary>0 is the file shipped with the server; 1, 2, … are administrator uploads.</summary>
    public int TemplateVersion { get; init; }

    public required string TemplateSha256 { get; init; }

    public Guid AllianceId { get; init; }

    public Guid? WorkflowInstanceId { get; init; }

    /// <summary>The record the document is about (a ballot, agreement, membership, charter or report id), when a step issued it.</summary>
    public string? SubjectId { get; init; }

    public required string Sha256 { get; init; }

    public long Size { get; init; }

    public int PageCount { get; init; }

    public bool Sealed { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>The PDF bytes, stored once per SHA-256 (content-addressed) next to the metadata.</summary>
public sealed class DocumentContentRecord
{
    public required string Sha256 { get; init; }

    public required byte[] Content { get; init; }
}

/// <summary>An administrator's version of a template; the newest overrides the file default.</summary>
public sealed class DocumentTemplateRecord
{
    public Guid Id { get; init; }

    public required string Name { get; init; }

    public required string Language { get; init; }

    public int Version { get; init; }

    public required string Content { get; init; }

    public required string Sha256 { get; init; }

    public string? Note { get; init; }

    public DateTimeOffset UploadedAt { get; init; }
}
