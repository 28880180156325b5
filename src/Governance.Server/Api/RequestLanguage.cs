using Governance.Domain.Common;
using Governance.Domain.People;
using Governance.Server.Access;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Api;

/// <summary>
/// The language of text the API writes for people (names of steps, rules in words, spreadsheet
/// headers): <c>?lang=zh-CN|en</c> when given, otherwise the caller's own language, otherwise 简体中文.
/// </summary>
public sealed class RequestLanguage(GovernanceDbContext db, AccessControl access)
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    public async Task<string> ResolveAsync(string? requested, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(requested))
        {
            return requested.Trim().ToLowerInvariant() switch
            {
                "zh-cn" or "zh" => Chinese,
                "en" => English,
                _ => throw new DomainRuleViolation("request.invalid-lang", "lang is zh-CN or en.", "lang"),
            };
        }

        if (access.Caller.PersonId is { } person)
        {
            var language = await db.People.AsNoTracking().Where(p => p.Id == person).Select(p => (PreferredLanguage?)p.Language)
                .SingleOrDefaultAsync(cancellationToken);
            return language == PreferredLanguage.En ? English : Chinese;
        }

        return Chinese;
    }
}
