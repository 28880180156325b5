using Governance.Server.Features.Documents;
using Governance.Server.Features.Email;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Processes;

/// <summary>
/// Documents a step sends on: found in the step's unit of work first (issued a moment ago, not yet in
/// the database), then in the database.
/// </summary>
internal static class StepDocuments
{
    public static async Task<List<(StoredDocumentRecord Record, byte[] Content)>> LoadAsync(GovernanceDbContext db, IEnumerable<Guid> ids)
    {
        var found = new List<(StoredDocumentRecord, byte[])>();
        foreach (var id in ids)
        {
            var record = db.Documents.Local.FirstOrDefault(d => d.Id == id)
                ?? await db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id)
                ?? throw new FormatException($"There is no document {id}.");
            var content = db.DocumentContents.Local.FirstOrDefault(c => c.Sha256 == record.Sha256)?.Content
                ?? await db.DocumentContents.AsNoTracking().Where(c => c.Sha256 == record.Sha256).Select(c => c.Content).SingleAsync();
            found.Add((record, content));
        }

        return found;
    }

    public static EmailAttachment Attachment((StoredDocumentRecord Record, byte[] Content) document) =>
        new($"{document.Record.Number}.pdf", "application/pdf", document.Content);

    public static async Task<List<EmailAttachment>> AttachmentsAsync(GovernanceDbContext db, IEnumerable<Guid> ids) =>
        [.. (await LoadAsync(db, ids)).Select(Attachment)];
}
