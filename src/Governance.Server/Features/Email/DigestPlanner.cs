using System.Globalization;
using Governance.Domain.Common;
using Governance.Server.Persistence;
using Governance.Server.WorkflowHosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Governance.Server.Features.Email;

/// <summary>
/// Sends the daily digests: once the configured local time (08:00 北京时间 by default) has passed, every
/// person with held notifications from before that moment gets one digest listing them, and those
/// notifications are marked as carried by it, in one transaction. The digest's key names the person and
/// the local day, so a second planner (or a second run) adds nothing.
/// </summary>
public sealed partial class DigestPlanner(
    GovernanceDbContext db, EmailComposer composer, IOptions<EmailOptions> options, TimeProvider clock, ILogger<DigestPlanner> logger)
{
    /// <summary>Queues the digests due now; returns how many were queued.</summary>
    public async Task<int> PlanAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var zone = settings.Zone;
        var now = clock.GetUtcNow();
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        if (TimeOnly.FromDateTime(local.DateTime) < settings.DigestTime)
        {
            day = day.AddDays(-1);
        }

        var digestLocal = day.ToDateTime(settings.DigestTime);
        var cutoff = new DateTimeOffset(digestLocal, zone.GetUtcOffset(digestLocal)).ToUniversalTime();
        var people = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Held && m.CreatedAt <= cutoff && m.RecipientPersonId != null)
            .Select(m => m.RecipientPersonId!.Value)
            .Distinct()
            .ToListAsync(cancellationToken);

        var queued = 0;
        foreach (var person in people)
        {
            var held = await db.OutboxMessages
                .Where(m => m.Status == OutboxStatus.Held && m.CreatedAt <= cutoff && m.RecipientPersonId == person)
                .OrderBy(m => m.CreatedAt)
                .ToListAsync(cancellationToken);
            try
            {
                var digest = await composer.ComposeAsync(
                    RecipientSpec.Person(new PersonId(person)),
                    new DigestEmail(day, held.Select(m => new DigestItem(m.Subject, m.Link, m.CreatedAt)).ToList()),
                    deduplicationKey: $"digest:{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
                    cancellationToken: cancellationToken);
                if (digest.Count == 0)
                {
                    // Today's digest went out already; what came in since waits for tomorrow's.
                    continue;
                }

                foreach (var message in held)
                {
                    message.Status = OutboxStatus.Digested;
                    message.DigestMessageId = digest[0].Id;
                }

                await db.SaveChangesAsync(cancellationToken);
                queued++;
            }
            catch (DomainRuleViolation violation) when (violation.Code == "email.no-recipients")
            {
                LogNobody(logger, person, violation.Message);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        return queued;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Held notifications of person {PersonId} cannot be digested: {Reason}")]
    private static partial void LogNobody(ILogger logger, Guid personId, string reason);
}
