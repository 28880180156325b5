using System.Globalization;
using System.Security.Cryptography;
using Governance.Domain.Common;
using Governance.Domain.People;
using Governance.Server.Persistence;
using Governance.Server.WorkflowHosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Governance.Server.Features.Email;

/// <summary>
/// Composes a message of the catalogue for everyone a <see cref="RecipientSpec"/> names and adds it to the
/// outbox in the caller's unit of work: it is committed with the caller's change or not at all, and it is
/// sent later by the dispatcher. Recipients are resolved now, from the roles in force now, and each gets
/// the message in their own language; the stored message does not change afterwards.
/// </summary>
public sealed class EmailComposer(
    GovernanceDbContext db, RecipientResolver recipients, EmailTemplates templates, IOptions<EmailOptions> options, TimeProvider clock)
{
    /// <summary>
    /// Adds one message per recipient (not saved: the caller's SaveChanges commits them). With a
    /// <paramref name="deduplicationKey"/>, a recipient who already has a message with that key gets no
    /// second one. Throws <c>email.no-recipients</c> when the spec names nobody, so the step that wanted
    /// to tell someone fails visibly instead of telling no one.
    /// </summary>
    public async Task<IReadOnlyList<OutboxMessageRecord>> ComposeAsync(
        RecipientSpec to, EmailModel model, IReadOnlyList<EmailAttachment>? attachments = null, string? deduplicationKey = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(model);
        var now = clock.GetUtcNow();
        var people = await recipients.ResolveAsync(to, now, cancellationToken);
        if (people.Count == 0)
        {
            throw new DomainRuleViolation("email.no-recipients", $"Nobody holds the role the {EmailKinds.Name(model.Kind)} email is addressed to ({to}).");
        }

        var already = new HashSet<string>(StringComparer.Ordinal);
        if (deduplicationKey is not null)
        {
            var keys = people.Select(p => KeyFor(deduplicationKey, p.Id)).ToList();
            already.UnionWith(await db.OutboxMessages.AsNoTracking()
                .Where(m => m.DeduplicationKey != null && keys.Contains(m.DeduplicationKey))
                .Select(m => m.DeduplicationKey!)
                .ToListAsync(cancellationToken));
            already.UnionWith(db.ChangeTracker.Entries<OutboxMessageRecord>()
                .Select(e => e.Entity.DeduplicationKey).OfType<string>().Where(keys.Contains));
        }

        var ids = people.Select(p => p.Id.Value).ToList();
        var digestReaders = model.Kind == EmailKind.Digest || attachments is { Count: > 0 }
            ? []
            : (await db.EmailPreferences.AsNoTracking().Where(p => ids.Contains(p.PersonId) && p.DailyDigest)
                .Select(p => p.PersonId).ToListAsync(cancellationToken)).ToHashSet();

        var composed = new List<OutboxMessageRecord>();
        foreach (var person in people)
        {
            var key = deduplicationKey is null ? null : KeyFor(deduplicationKey, person.Id);
            if (key is not null && already.Contains(key))
            {
                continue;
            }

            var message = Compose(person, model, attachments ?? [], now, digestReaders.Contains(person.Id.Value));
            message.DeduplicationKey = key;
            db.OutboxMessages.Add(message);
            composed.Add(message);
        }

        return composed;
    }

    public static string LanguageTag(PreferredLanguage language) => language == PreferredLanguage.En ? "en" : "zh-CN";

    private OutboxMessageRecord Compose(Person person, EmailModel model, IReadOnlyList<EmailAttachment> attachments, DateTimeOffset now, bool hold)
    {
        var settings = options.Value;
        var language = LanguageTag(person.Language);
        var link = new Uri(settings.WebBase, model.LinkPath).AbsoluteUri;
        var values = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["recipient_name"] = person.Name,
            ["link"] = link,
            ["web_base_url"] = settings.WebBase.AbsoluteUri,
        };
        foreach (var (name, value) in model.TemplateValues())
        {
            values[name] = ForTemplate(value, language, settings.Zone);
        }

        var rendered = templates.Render(model.Kind, language, values);
        var id = Guid.CreateVersion7();
        return new OutboxMessageRecord
        {
            Id = id,
            To = person.Email,
            Subject = rendered.Subject,
            Body = rendered.Text,
            HtmlBody = rendered.Html,
            Kind = EmailKinds.Name(model.Kind),
            Language = language,
            RecipientPersonId = person.Id.Value,
            AllianceId = model.Alliance?.Value,
            TaskId = model.Task?.Value,
            Link = link,
            MessageId = MessageIds.For(id, settings),
            Status = hold ? OutboxStatus.Held : OutboxStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
            Attachments = attachments.Select(a => new OutboxAttachmentRecord
            {
                Id = Guid.CreateVersion7(),
                MessageId = id,
                FileName = a.FileName,
                ContentType = a.ContentType,
                Content = a.Content,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(a.Content)),
            }).ToList(),
        };
    }

    private static string KeyFor(string deduplicationKey, PersonId person) => $"{deduplicationKey}:{person.Value:N}";

    /// <summary>Dates become text in the recipient's language and the configured zone (北京时间 by default).</summary>
    private static object? ForTemplate(object? value, string language, TimeZoneInfo zone) => value switch
    {
        DateTimeOffset at => LocalTime(at, language, zone),
        IReadOnlyList<DigestItem> items => items.Select(i => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["subject"] = i.Subject,
            ["link"] = i.Link,
            ["at"] = LocalTime(i.At, language, zone),
        }).ToList(),
        _ => value,
    };

    internal static string LocalTime(DateTimeOffset at, string language, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return language == "en"
            ? local.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture) + (zone.Id == "Asia/Shanghai" ? " (Beijing time)" : $" ({zone.Id})")
            : local.ToString("yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture) + (zone.Id == "Asia/Shanghai" ? "（北京时间）" : $"（{zone.Id}）");
    }
}
