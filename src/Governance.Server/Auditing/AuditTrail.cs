using Governance.Domain.Audit;
using Governance.Domain.Common;
using Governance.Server.Access;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Auditing;

/// <summary>
/// Writes the audit entries of a unit of work together with its changes: who (person, or the
/// application), on whose behalf, what, to what, when, from where, and a before → after summary.
/// Entries are chained by hash; the sequence key would refuse a fork even if the lock were bypassed.
/// </summary>
public sealed class AuditTrail(GovernanceDbContext db, TimeProvider clock, CallerContext callerContext)
{
    private readonly List<Func<DateTimeOffset, AuditRecord>> _pending = [];

    /// <summary>
    /// Adds an entry to be written with the next <see cref="SaveChangesAsync"/>. The actor is the caller,
    /// unless <paramref name="actor"/> names the person (sign-in: the request is not authenticated yet).
    /// </summary>
    public void Record(
        string action, string targetType, string targetId, AllianceId? allianceId, OrganizationId? organizationId,
        string? summary, PersonId? onBehalfOf = null, PersonId? actor = null)
    {
        var caller = Caller.From(callerContext.User);
        var summaryWithClient = caller.IsApplication ? $"[client {caller.ClientId}] {summary}" : summary;
        var actorId = actor ?? caller.PersonId;
        var ip = callerContext.IpAddress;
        var agent = callerContext.UserAgent;
        _pending.Add(at => new AuditRecord(
            at, actorId, onBehalfOf, action, targetType, targetId, allianceId, organizationId,
            Truncate(summaryWithClient, 2000), ip, Truncate(string.IsNullOrEmpty(agent) ? null : agent, 512)));
    }

    /// <summary>"field: before → after" for the summary.</summary>
    public static string Change(string field, object? before, object? after) => $"{field}: {before ?? "∅"} → {after ?? "∅"}";

    /// <summary>
    /// Saves the unit of work with its audit entries appended to the chain. Appending is serialized by a
    /// database lock held to the commit (PostgreSQL advisory lock, SQL Server application lock, SQLite
    /// write transaction), so concurrent writers, also in other server processes, never fork the chain.
    /// </summary>
    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count == 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            await LockChainAsync(cancellationToken);
            await ChainAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }

            _pending.Clear();
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Records an entry and appends it to the chain inside the transaction the caller already opened
    /// (a workflow step's, through the runtime's <c>alsoInTransaction</c>): the chain is locked and the
    /// entry staged on the context; the caller's save and commit write it with the rest, or not at all.
    /// Safe to run again when the caller retries its transaction after clearing the context.
    /// </summary>
    public async Task AppendInTransactionAsync(
        string action, string targetType, string targetId, AllianceId? allianceId, OrganizationId? organizationId,
        string? summary, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("AppendInTransactionAsync needs the caller's open transaction.");
        }

        Record(action, targetType, targetId, allianceId, organizationId, summary);
        try
        {
            await LockChainAsync(cancellationToken);
            await ChainAsync(cancellationToken);
        }
        finally
        {
            _pending.Clear();
        }
    }

    private async Task LockChainAsync(CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7261001)", cancellationToken);
        }
        else if (db.Database.IsSqlServer())
        {
            await db.Database.ExecuteSqlRawAsync(
                "EXEC sp_getapplock @Resource = 'governance-audit-chain', @LockMode = 'Exclusive', @LockOwner = 'Transaction'", cancellationToken);
        }

        // SQLite: the transaction began with BEGIN IMMEDIATE and already holds the database's write lock.
    }

    private async Task<List<AuditEntry>> ChainAsync(CancellationToken cancellationToken)
    {
        var entries = new List<AuditEntry>();
        if (_pending.Count == 0)
        {
            return entries;
        }

        var previous = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(cancellationToken);
        // PostgreSQL keeps whole microseconds of a time: the hash must cover the time as it will be read
        // back, or a real clock's 100 ns ticks would make every entry look tampered with.
        var now = clock.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
        foreach (var record in _pending)
        {
            previous = AuditEntry.Append(previous, record(now));
            entries.Add(previous);
        }

        db.AuditEntries.AddRange(entries);
        return entries;
    }

    private static string? Truncate(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}
