using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Governance.Documents.Templates;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Governance.Server.Features.Documents;

public sealed record ResolvedTemplate(string Name, string Language, int Version, string Sha256, string Content, DocumentTemplate Parsed)
{
    /// <summary>What a document records: e.g. <c>ballot-resolution.zh-CN</c>.</summary>
    public string FullName => $"{Name}.{Language}";
}

/// <summary>Parsed templates by content hash: parsing once per version, shared by every request.</summary>
public sealed class DocumentTemplateCache
{
    private readonly ConcurrentDictionary<string, DocumentTemplate> _parsed = new(StringComparer.Ordinal);

    public DocumentTemplate Get(string fullName, string sha256, string content) =>
        _parsed.GetOrAdd(sha256, _ => DocumentTemplate.Parse(fullName, content));
}

/// <summary>The template a document is made from: the newest uploaded version, else the shipped file (version 0).</summary>
public sealed class DocumentTemplateStore(GovernanceDbContext db, IOptions<DocumentOptions> options, DocumentTemplateCache cache)
{
    public async Task<ResolvedTemplate> CurrentAsync(DocumentKind kind, string language, CancellationToken cancellationToken)
    {
        var name = DocumentKinds.Of(kind).TemplateName;
        var uploaded = await db.Set<DocumentTemplateRecord>().AsNoTracking()
            .Where(t => t.Name == name && t.Language == language)
            .OrderByDescending(t => t.Version)
            .FirstOrDefaultAsync(cancellationToken);
        var (version, content) = uploaded is null ? (0, ShippedContent(kind, language)) : (uploaded.Version, uploaded.Content);
        var sha = Sha256Of(content);
        return new ResolvedTemplate(name, language, version, sha, content, cache.Get($"{name}.{language}", sha, content));
    }

    public string ShippedContent(DocumentKind kind, string language)
    {
        var path = Path.Combine(Folder(), $"{DocumentKinds.Of(kind).TemplateName}.{language}.md.liquid");
        return File.Exists(path)
            ? File.ReadAllText(path, Encoding.UTF8)
            : throw new InvalidOperationException($"The shipped template '{path}' is missing.");
    }

    public static string Sha256Of(string content) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    private string Folder() => Path.GetFullPath(options.Value.TemplatesFolder, AppContext.BaseDirectory);
}
