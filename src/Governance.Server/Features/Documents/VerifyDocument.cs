using System.Security.Cryptography;
using Governance.Domain.Alliances;
using Governance.Domain.Common;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Documents;

public sealed record VerifiedDocument(
    Guid Id, DocumentKind Kind, string Number, string Title, Guid AllianceId, string AllianceName, DateTimeOffset IssuedAt, bool Sealed);

public sealed record VerificationResponse(bool Issued, string Sha256, IReadOnlyList<VerifiedDocument> Documents);

/// <summary>
/// Public by design: anyone holding a PDF learns whether the platform issued exactly these bytes, for which
/// alliance and when — never the content, which only people authorized for the alliance can download.
/// </summary>
public sealed class VerifyDocumentHandler(GovernanceDbContext db)
{
    public async Task<VerificationResponse> BySha256Async(string sha256, CancellationToken cancellationToken)
    {
        var normalized = sha256.Trim().ToLowerInvariant();
        if (normalized.Length != 64 || !normalized.All(char.IsAsciiHexDigitLower))
        {
            throw new DomainRuleViolation("documents.invalid-sha256", "A SHA-256 is 64 hexadecimal characters.", "sha256");
        }

        var documents = await db.Set<StoredDocumentRecord>().AsNoTracking()
            .Where(d => d.Sha256 == normalized)
            .ToListAsync(cancellationToken);
        var allianceIds = documents.Select(d => new AllianceId(d.AllianceId)).Distinct().ToList();
        var names = await db.Alliances.AsNoTracking()
            .Where(a => allianceIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id.Value, a => a.Name, cancellationToken);
        var verified = documents
            .OrderBy(d => d.CreatedAt)
            .Select(d => new VerifiedDocument(d.Id, d.Kind, d.Number, d.Title, d.AllianceId, names.GetValueOrDefault(d.AllianceId, ""), d.CreatedAt, d.Sealed))
            .ToList();
        return new VerificationResponse(verified.Count > 0, normalized, verified);
    }

    public async Task<VerificationResponse> ByContentAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > maxBytes)
            {
                throw new BadHttpRequestException($"The upload exceeds {maxBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
            }

            hash.AppendData(buffer, 0, read);
        }

        if (total == 0)
        {
            throw new DomainRuleViolation("documents.empty-upload", "Upload the PDF to check (the request body or a form field named file).", "file");
        }

        return await BySha256Async(Convert.ToHexStringLower(hash.GetHashAndReset()), cancellationToken);
    }
}
