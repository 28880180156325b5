using System.Globalization;
using Governance.Domain.Common;
using Governance.Server.Errors;

namespace Governance.Server.Api;

/// <summary>
/// Optimistic concurrency over HTTP: responses carry the aggregate's version as an ETag; a request
/// may send it back in If-Match, and a stale one gets 409 instead of silently overwriting.
/// </summary>
public static class Concurrency
{
    public static string ETagOf(AggregateRoot aggregate)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        return $"\"{aggregate.Version.ToString(CultureInfo.InvariantCulture)}\"";
    }

    public static void EnsureMatches(AggregateRoot aggregate, string? ifMatch)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        if (string.IsNullOrWhiteSpace(ifMatch) || ifMatch.Trim() == "*")
        {
            return;
        }

        if (!string.Equals(ifMatch.Trim(), ETagOf(aggregate), StringComparison.Ordinal))
        {
            throw new ConflictException(
                "concurrency.version-mismatch",
                $"The record changed since it was read (now version {aggregate.Version}). Reload it and try again.",
                "If-Match");
        }
    }
}
