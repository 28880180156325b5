using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Governance.Domain.Common;

namespace Governance.Domain.Audit;

/// <summary>What an audit entry says happened, before it is chained.</summary>
public sealed record AuditRecord(
    DateTimeOffset At,
    PersonId? ActorId,
    PersonId? OnBehalfOfId,
    string Action,
    string TargetType,
    string TargetId,
    AllianceId? AllianceId,
    OrganizationId? OrganizationId,
    string? Summary,
    string? IpAddress,
    string? UserAgent);

/// <summary>
/// One link of the append-only audit chain: its hash covers the previous entry's hash and its own
/// canonical text, so changing or removing any stored entry breaks every hash after it.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>The previous hash of the first entry.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    private AuditEntry(long sequence, AuditRecord record, string previousHash)
    {
        Sequence = sequence;
        At = record.At.ToUniversalTime();
        ActorId = record.ActorId;
        OnBehalfOfId = record.OnBehalfOfId;
        Action = Guard.Text(record.Action, "action", 100, "audit");
        TargetType = Guard.Text(record.TargetType, "targetType", 100, "audit");
        TargetId = Guard.Text(record.TargetId, "targetId", 100, "audit");
        AllianceId = record.AllianceId;
        OrganizationId = record.OrganizationId;
        Summary = record.Summary;
        IpAddress = record.IpAddress;
        UserAgent = record.UserAgent;
        PreviousHash = previousHash;
        Hash = ComputeHash();
    }

    private AuditEntry()
    {
        Action = string.Empty;
        TargetType = string.Empty;
        TargetId = string.Empty;
        PreviousHash = string.Empty;
        Hash = string.Empty;
    }

    /// <summary>Position in the chain, from 1, without gaps.</summary>
    public long Sequence { get; private set; }

    public DateTimeOffset At { get; private set; }

    public PersonId? ActorId { get; private set; }

    public PersonId? OnBehalfOfId { get; private set; }

    public string Action { get; private set; }

    public string TargetType { get; private set; }

    public string TargetId { get; private set; }

    public AllianceId? AllianceId { get; private set; }

    public OrganizationId? OrganizationId { get; private set; }

    public string? Summary { get; private set; }

    public string? IpAddress { get; private set; }

    public string? UserAgent { get; private set; }

    public string PreviousHash { get; private set; }

    public string Hash { get; private set; }

    /// <summary>Creates the entry that follows <paramref name="previous"/> (null for the first).</summary>
    public static AuditEntry Append(AuditEntry? previous, AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return previous is null
            ? new AuditEntry(1, record, GenesisHash)
            : new AuditEntry(previous.Sequence + 1, record, previous.Hash);
    }

    /// <summary>
    /// One line per field in a fixed order, times as UTC ISO-8601 with ticks, absent values as an
    /// empty string, and every value length-prefixed so no two entries can share a text.
    /// </summary>
    public string CanonicalText()
    {
        var builder = new StringBuilder();
        Append(builder, Sequence.ToString(CultureInfo.InvariantCulture));
        Append(builder, At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture));
        Append(builder, ActorId?.ToString());
        Append(builder, OnBehalfOfId?.ToString());
        Append(builder, Action);
        Append(builder, TargetType);
        Append(builder, TargetId);
        Append(builder, AllianceId?.ToString());
        Append(builder, OrganizationId?.ToString());
        Append(builder, Summary);
        Append(builder, IpAddress);
        Append(builder, UserAgent);
        return builder.ToString();
    }

    public string ComputeHash()
    {
        var bytes = Encoding.UTF8.GetBytes(PreviousHash + "\n" + CanonicalText());
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    private static void Append(StringBuilder builder, string? value)
    {
        value ??= string.Empty;
        builder.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('\n');
    }
}

/// <summary>The result of recomputing the chain.</summary>
public sealed record AuditChainVerification(bool IsIntact, long EntriesChecked, long? FirstBrokenSequence, string? Problem);

public static class AuditChain
{
    /// <summary>Checks entries in sequence order and reports the first link that does not hold.</summary>
    public static AuditChainVerification Verify(IEnumerable<AuditEntry> entriesInOrder)
    {
        ArgumentNullException.ThrowIfNull(entriesInOrder);
        var expectedPrevious = AuditEntry.GenesisHash;
        long expectedSequence = 1;
        long checkedCount = 0;
        foreach (var entry in entriesInOrder)
        {
            if (entry.Sequence != expectedSequence)
            {
                return new(false, checkedCount, expectedSequence, $"Entry {expectedSequence} is missing (found {entry.Sequence}).");
            }

            if (!string.Equals(entry.PreviousHash, expectedPrevious, StringComparison.Ordinal))
            {
                return new(false, checkedCount, entry.Sequence, "The previous-hash link does not match the entry before.");
            }

            if (!string.Equals(entry.ComputeHash(), entry.Hash, StringComparison.Ordinal))
            {
                return new(false, checkedCount, entry.Sequence, "The entry's content does not match its hash.");
            }

            expectedPrevious = entry.Hash;
            expectedSequence++;
            checkedCount++;
        }

        return new(true, checkedCount, null, null);
    }
}
