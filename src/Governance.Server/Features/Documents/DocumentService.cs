using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Governance.Documents;
using Governance.Documents.Model;
using Governance.Documents.Rendering;
using Governance.Documents.Sealing;
using Governance.Domain.Alliances;
using Governance.Domain.Common;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Documents;

public sealed record GeneratedDocument(Guid Id, string Number, string Sha256, long Size, int PageCount, bool Sealed);

/// <summary>
/// Issues documents: template + data → PDF (sealed for agreements and the charter) → stored, immutable.
/// The workflow activities (issue 7) call this; so does <c>POST /api/v1/documents</c>.
/// </summary>
public interface IDocumentService
{
    Task<GeneratedDocument> GenerateAsync(
        DocumentKind kind, string language, JsonObject model, Guid allianceId, Guid? workflowInstanceId, CancellationToken cancellationToken);

    /// <summary>
    /// Like <see cref="GenerateAsync"/>, but only adds the document to the caller's unit of work: a workflow
    /// step's SaveChanges commits it with the rest of the step, or not at all.
    /// </summary>
    Task<GeneratedDocument> AddAsync(
        DocumentKind kind, string language, JsonObject model, Guid allianceId, Guid? workflowInstanceId, string? subjectId,
        CancellationToken cancellationToken);
}

public sealed class DocumentService(
    GovernanceDbContext db,
    DocumentTemplateStore templates,
    DocumentFonts fonts,
    PlatformSeal seal,
    TimeProvider time) : IDocumentService
{
    public async Task<GeneratedDocument> GenerateAsync(
        DocumentKind kind, string language, JsonObject model, Guid allianceId, Guid? workflowInstanceId, CancellationToken cancellationToken)
    {
        var document = await AddAsync(kind, language, model, allianceId, workflowInstanceId, null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return document;
    }

    public async Task<GeneratedDocument> AddAsync(
        DocumentKind kind, string language, JsonObject model, Guid allianceId, Guid? workflowInstanceId, string? subjectId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        language = DocumentLanguages.Require(language);
        var info = DocumentKinds.Of(kind);
        var allianceName = await db.Alliances.AsNoTracking()
            .Where(a => a.Id == new AllianceId(allianceId))
            .Select(a => a.Name)
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new DomainRuleViolation("documents.alliance-not-found", $"There is no alliance {allianceId}.", "allianceId");

        var template = await templates.CurrentAsync(kind, language, cancellationToken);
        var id = Guid.NewGuid();
        var now = time.GetUtcNow();
        var number = string.Create(CultureInfo.InvariantCulture, $"{info.NumberPrefix}-{now:yyyyMMdd}-{id.ToString("N")[..8].ToUpperInvariant()}");

        // The data the caller gives, plus what only the platform knows. A caller's own values win.
        var data = (JsonObject)model.DeepClone();
        data.TryAdd("document", new JsonObject
        {
            ["number"] = number,
            ["date"] = FormatDate(now, language),
            ["language"] = language,
        });
        data.TryAdd("alliance", new JsonObject { ["name"] = allianceName });

        var composer = new DocumentComposer(new PdfDocumentRenderer(fonts.Fonts));
        var composed = await composer.ComposeAsync(
            template.Parsed,
            data,
            new DocumentInfo("", number, allianceName, info.Name(language), language, now),
            cancellationToken);

        var content = composed.Pdf.Content;
        if (info.Sealed)
        {
            var reason = language == DocumentLanguages.English ? $"Issued by the platform: {info.NameEn} {number}" : $"平台签发：{info.NameZh} {number}";
            content = seal.Sealer().Seal(content, new SealInfo("联盟治理平台 / Alliance governance platform", reason, allianceName));
        }

        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        if (!await db.Set<DocumentContentRecord>().AnyAsync(c => c.Sha256 == sha, cancellationToken)
            && db.Set<DocumentContentRecord>().Local.All(c => c.Sha256 != sha))
        {
            db.Add(new DocumentContentRecord { Sha256 = sha, Content = content });
        }

        db.Add(new StoredDocumentRecord
        {
            Id = id,
            Kind = kind,
            Language = language,
            Number = number,
            Title = composed.Content.Info.Title,
            TemplateName = template.FullName,
            TemplateVersion = template.Version,
            TemplateSha256 = template.Sha256,
            AllianceId = allianceId,
            WorkflowInstanceId = workflowInstanceId,
            SubjectId = subjectId,
            Sha256 = sha,
            Size = content.LongLength,
            PageCount = composed.Pdf.PageCount,
            Sealed = info.Sealed,
            CreatedAt = now,
        });
        return new GeneratedDocument(id, number, sha, content.LongLength, composed.Pdf.PageCount, info.Sealed);
    }

    internal static string FormatDate(DateTimeOffset at, string language)
    {
        // Dates in documents are Beijing dates: a resolution adopted at 01:00 UTC is dated that morning in China.
        var local = at.ToOffset(TimeSpan.FromHours(8));
        return language == DocumentLanguages.English
            ? local.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))
            : string.Create(CultureInfo.InvariantCulture, $"{local.Year}年{local.Month}月{local.Day}日");
    }
}
