using Governance.Server.Persistence;
using Governance.Server.WorkflowHosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Governance.Server.Features.Email;

/// <summary>
/// Sends due outbox messages. A process leases a batch with one conditional update (only rows that are
/// pending, due and not leased by a live lease), so processes sharing a database never send the same row
/// at the same time; a process that dies loses its lease when it expires and another sends the row.
/// The send happens outside every transaction; recording it is a second, separate update. A crash between
/// the two sends the message again (at-least-once), with the same Message-ID.
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes, IEmailTransport transport, IOptions<EmailOptions> options, TimeProvider clock, ILogger<OutboxDispatcher> logger)
{
    /// <summary>How many sent messages are recorded in one update.</summary>
    public const int RecordSentEvery = 10;

    /// <summary>This process's name in lease columns.</summary>
    public string Owner { get; } = OwnerName();

    /// <summary>Leases and sends one batch of due messages; returns how many it leased (sent or not).</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var claim = $"{Owner}/{Guid.NewGuid():N}";
        List<OutboxMessageRecord> batch;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
            var due = await db.OutboxMessages.AsNoTracking()
                .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.LeaseExpiresAt == null || m.LeaseExpiresAt < now))
                .OrderBy(m => m.NextAttemptAt)
                .Take(settings.BatchSize)
                .Select(m => m.Id)
                .ToListAsync(cancellationToken);
            if (due.Count == 0)
            {
                return 0;
            }

            // The same conditions again in the update: of two processes that saw the same rows, each row goes to one.
            var leaseUntil = now + settings.Lease;
            await db.OutboxMessages
                .Where(m => due.Contains(m.Id) && m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now
                    && (m.LeaseExpiresAt == null || m.LeaseExpiresAt < now))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.LeaseOwner, claim)
                    .SetProperty(m => m.LeaseExpiresAt, leaseUntil)
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
            batch = await db.OutboxMessages.AsNoTracking().Include(m => m.Attachments)
                .Where(m => m.LeaseOwner == claim)
                .OrderBy(m => m.NextAttemptAt)
                .AsSplitQuery()
                .ToListAsync(cancellationToken);
        }

        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
            var sent = new List<Guid>(RecordSentEvery);
            foreach (var message in batch)
            {
                if (await SendOneAsync(db, message, claim, settings, cancellationToken))
                {
                    sent.Add(message.Id);
                }

                if (sent.Count == RecordSentEvery)
                {
                    await RecordSentAsync(db, sent, claim, settings);
                }
            }

            await RecordSentAsync(db, sent, claim, settings);
        }

        return batch.Count;
    }

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1: doubling from the base, capped, with jitter (half to all of it).</summary>
    public static TimeSpan RetryDelay(int attempt, EmailOptions options, double random)
    {
        ArgumentNullException.ThrowIfNull(options);
        var exponent = Math.Min(Math.Max(attempt - 1, 0), 30);
        var full = Math.Min(options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, exponent), options.RetryMaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(full * (0.5 + (0.5 * Math.Clamp(random, 0, 1))));
    }

    /// <summary>Hands one message to the transport; a failure is recorded at once (retry or dead letter). True if it went out.</summary>
    private async Task<bool> SendOneAsync(GovernanceDbContext db, OutboxMessageRecord message, string claim, EmailOptions settings, CancellationToken cancellationToken)
    {
        try
        {
            await transport.SendAsync(OutboxMime.Build(message, settings), cancellationToken);
            return true;
        }
        catch (EmailDeliveryException exception)
        {
            await RecordFailureAsync(db, message, claim, settings, exception, cancellationToken);
        }
        catch (Exception exception) when (exception is FormatException or ParseException)
        {
            // A message that cannot even be built (a malformed address) will never go out.
            await RecordFailureAsync(db, message, claim, settings, new EmailDeliveryException($"Malformed message: {exception.Message}", permanent: true, exception), cancellationToken);
        }

        return false;
    }

    /// <summary>
    /// Records sent messages, a few at a time: one commit per message would make the database, not SMTP,
    /// the limit. The price is the crash window: a process killed before recording resends at most
    /// <see cref="RecordSentEvery"/> messages, each with its Message-ID. The lease check keeps a process
    /// whose lease ran out from overwriting what the process that took over recorded.
    /// </summary>
    private async Task RecordSentAsync(GovernanceDbContext db, List<Guid> sent, string claim, EmailOptions settings)
    {
        if (sent.Count == 0)
        {
            return;
        }

        if (settings.FaultInjectionHoldAfterSend > TimeSpan.Zero)
        {
            LogHolding(logger, sent.Count);
            await Task.Delay(settings.FaultInjectionHoldAfterSend);
        }

        // Not cancellable: the messages are out, so this must be written even while the host stops.
        var sentAt = clock.GetUtcNow();
        await db.OutboxMessages.Where(m => sent.Contains(m.Id) && m.LeaseOwner == claim)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Sent)
                .SetProperty(m => m.SentAt, sentAt)
                .SetProperty(m => m.LastError, (string?)null)
                .SetProperty(m => m.LeaseOwner, (string?)null)
                .SetProperty(m => m.LeaseExpiresAt, (DateTimeOffset?)null), CancellationToken.None);
        sent.Clear();
    }

    private async Task RecordFailureAsync(
        GovernanceDbContext db, OutboxMessageRecord message, string claim, EmailOptions settings, EmailDeliveryException failure, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var error = failure.Message.Length <= 2000 ? failure.Message : failure.Message[..2000];
        var attempts = message.Attempts; // counted when it was leased
        if (failure.Permanent || attempts >= settings.MaxAttempts)
        {
            LogDeadLettered(logger, message.MessageId, attempts, error);
            await db.OutboxMessages.Where(m => m.Id == message.Id && m.LeaseOwner == claim)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, OutboxStatus.DeadLettered)
                    .SetProperty(m => m.DeadLetteredAt, now)
                    .SetProperty(m => m.LastError, error)
                    .SetProperty(m => m.LeaseOwner, (string?)null)
                    .SetProperty(m => m.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
            return;
        }

        var next = now + RetryDelay(attempts, settings, Random.Shared.NextDouble());
        LogRetry(logger, message.MessageId, attempts, next, error);
        await db.OutboxMessages.Where(m => m.Id == message.Id && m.LeaseOwner == claim)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.NextAttemptAt, next)
                .SetProperty(m => m.LastError, error)
                .SetProperty(m => m.LeaseOwner, (string?)null)
                .SetProperty(m => m.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
    }

    private static string OwnerName()
    {
        var name = $"{Environment.ProcessId}:{Guid.NewGuid():N}@{Environment.MachineName}";
        return name.Length <= 150 ? name : name[..150];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email {MessageId} failed (attempt {Attempt}); next attempt at {NextAttemptAt}: {Error}")]
    private static partial void LogRetry(ILogger logger, string messageId, int attempt, DateTimeOffset nextAttemptAt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Email {MessageId} dead-lettered after {Attempts} attempt(s): {Error}")]
    private static partial void LogDeadLettered(ILogger logger, string messageId, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fault injection: holding after sending {Count} message(s), before recording it")]
    private static partial void LogHolding(ILogger logger, int count);
}
