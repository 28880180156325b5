using Governance.Domain.Audit;
using Governance.Domain.Common;
using Governance.Server.Access;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Auditing;

/// <summary>
/// Writes the audit entries of a unit of work together with its changes: who (person, or the
/// application), on whose behalf, what, to what, when, from where, and a before → after summary.
/// Entries are chained by hash; two writers that take the same place in the chain at the same time
/// collide on the sequence key, and the loser chains its entries again onto the new end and retries.
/// </summary>
public sealed class AuditTrail(GovernanceDbContext db, TimeProvider clock, IHttpContextAccessor http)
{
    private const int MaxAttempts = 20;
    private readonly List<Func<DateTimeOffset, AuditRecord>> _pending = [];

    /// <summary>Adds an entry to be written with the next <see cref="SaveChangesAsync"/>.</summary>
    public void Record(
        string action, string targetType, string targetId, AllianceId? allianceId, OrganizationId? organizationId,
        string? summary, PersonId? onBehalfOf = null)
    {
        var context = http.HttpContext;
        var caller = Caller.From(context?.User);
        var summaryWithClient = caller.IsApplication ? $"[client {caller.ClientId}] {summary}" : summary;
        var ip = context?.Connection.RemoteIpAddress?.ToString();
        var agent = context?.Request.Headers.UserAgent.ToString();
        _pending.Add(at => new AuditRecord(
            at, caller.PersonId, onBehalfOf, action, targetType, targetId, allianceId, organizationId,
            Truncate(summaryWithClient, 2000), ip, Truncate(string.IsNullOrEmpty(agent) ? null : agent, 512)));
    }

    /// <summary>"field: before → after" for the summary.</summary>
    public static string Change(string field, object? before, object? after) => $"{field}: {before ?? "∅"} → {after ?? "∅"}";

    /// <summary>Saves the unit of work with its audit entries appended to the chain.</summary>
    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var entries = await ChainAsync(cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                _pending.Clear();
                return;
            }
            catch (DbUpdateException exception) when (attempt < MaxAttempts && IsChainCollision(exception))
            {
                foreach (var entry in entries)
                {
                    db.Entry(entry).State = EntityState.Detached;
                }

                // Someone else appended in between: spread retries a little so the two do not collide again.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 * attempt)), cancellationToken);
            }
        }
    }

    private async Task<List<AuditEntry>> ChainAsync(CancellationToken cancellationToken)
    {
        var entries = new List<AuditEntry>();
        if (_pending.Count == 0)
        {
            return entries;
        }

        var previous = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var record in _pending)
        {
            previous = AuditEntry.Append(previous, record(now));
            entries.Add(previous);
        }

        db.AuditEntries.AddRange(entries);
        return entries;
    }

    private static bool IsChainCollision(DbUpdateException exception) =>
        UniqueViolation.Is(exception) && (exception.InnerException?.Message.Contains("AuditEntries", StringComparison.Ordinal) ?? false);

    private static string? Truncate(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}
