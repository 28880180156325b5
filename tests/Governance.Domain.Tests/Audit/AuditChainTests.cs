using System.Reflection;
using Governance.Domain.Audit;
using Governance.Domain.Common;
using Governance.Domain.Tests.Builders;

namespace Governance.Domain.Tests.Audit;

public sealed class AuditChainTests
{
    [Fact]
    public void Append_First_LinksToGenesis()
    {
        var first = AuditEntry.Append(null, Build.AuditRecord());

        Assert.Equal(1, first.Sequence);
        Assert.Equal(AuditEntry.GenesisHash, first.PreviousHash);
    }

    [Fact]
    public void Append_Next_LinksToPreviousHash()
    {
        var first = AuditEntry.Append(null, Build.AuditRecord());

        var second = AuditEntry.Append(first, Build.AuditRecord("ballot.closed"));

        Assert.Equal(2, second.Sequence);
        Assert.Equal(first.Hash, second.PreviousHash);
        Assert.NotEqual(first.Hash, second.Hash);
    }

    [Fact]
    public void Append_Hash_Is64LowerCaseHexOfContent()
    {
        var entry = AuditEntry.Append(null, Build.AuditRecord());

        Assert.Matches("^[0-9a-f]{64}$", entry.Hash);
        Assert.Equal(entry.ComputeHash(), entry.Hash);
    }

    [Fact]
    public void Append_LocalTime_StoredAsUtc()
    {
        var entry = AuditEntry.Append(null, Build.AuditRecord(at: Build.Now));

        Assert.Equal(TimeSpan.Zero, entry.At.Offset);
        Assert.Equal(Build.Now, entry.At);
        Assert.Contains("2025-03-03T01:30:00.0000000Z", entry.CanonicalText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Append_SameRecordAfterDifferentPrevious_DifferentHash()
    {
        var record = Build.AuditRecord();
        var one = AuditEntry.Append(AuditEntry.Append(null, Build.AuditRecord("a.one")), record);
        var other = AuditEntry.Append(AuditEntry.Append(null, Build.AuditRecord("a.other")), record);

        Assert.Equal(one.CanonicalText(), other.CanonicalText());
        Assert.NotEqual(one.Hash, other.Hash);
    }

    [Fact]
    public void Verify_IntactChain_Intact()
    {
        var chain = Chain(5);

        var result = AuditChain.Verify(chain);

        Assert.True(result.IsIntact);
        Assert.Equal(5, result.EntriesChecked);
        Assert.Null(result.FirstBrokenSequence);
        Assert.Null(result.Problem);
    }

    [Fact]
    public void Verify_EmptyChain_Intact()
    {
        var result = AuditChain.Verify([]);

        Assert.True(result.IsIntact);
        Assert.Equal(0, result.EntriesChecked);
    }

    [Theory]
    [InlineData(nameof(AuditEntry.Summary))]
    [InlineData(nameof(AuditEntry.Action))]
    [InlineData(nameof(AuditEntry.TargetType))]
    [InlineData(nameof(AuditEntry.TargetId))]
    [InlineData(nameof(AuditEntry.IpAddress))]
    [InlineData(nameof(AuditEntry.UserAgent))]
    [InlineData(nameof(AuditEntry.At))]
    [InlineData(nameof(AuditEntry.ActorId))]
    [InlineData(nameof(AuditEntry.OnBehalfOfId))]
    [InlineData(nameof(AuditEntry.AllianceId))]
    [InlineData(nameof(AuditEntry.OrganizationId))]
    public void Verify_MiddleEntryFieldTampered_BrokenAtThatEntry(string property)
    {
        var chain = Chain(5);
        var middle = chain[2];
        object? forged = property switch
        {
            nameof(AuditEntry.At) => middle.At.AddTicks(1),
            nameof(AuditEntry.ActorId) or nameof(AuditEntry.OnBehalfOfId) => (PersonId?)PersonId.New(),
            nameof(AuditEntry.AllianceId) => (AllianceId?)AllianceId.New(),
            nameof(AuditEntry.OrganizationId) => (OrganizationId?)OrganizationId.New(),
            _ => "篡改后的内容",
        };
        SetPrivate(middle, property, forged);

        var result = AuditChain.Verify(chain);

        Assert.False(result.IsIntact);
        Assert.Equal(3, result.FirstBrokenSequence);
        Assert.Equal(2, result.EntriesChecked);
    }

    [Fact]
    public void Verify_MiddleEntryRehashedAfterTampering_BrokenAtNextEntry()
    {
        var chain = Chain(5);
        SetPrivate(chain[2], nameof(AuditEntry.Summary), "篡改");
        SetPrivate(chain[2], nameof(AuditEntry.Hash), chain[2].ComputeHash());

        var result = AuditChain.Verify(chain);

        Assert.False(result.IsIntact);
        Assert.Equal(4, result.FirstBrokenSequence);
    }

    [Fact]
    public void Verify_EntryRemoved_DetectedAtGap()
    {
        var chain = Chain(5);
        chain.RemoveAt(2);

        var result = AuditChain.Verify(chain);

        Assert.False(result.IsIntact);
        Assert.Equal(3, result.FirstBrokenSequence);
        Assert.Equal(2, result.EntriesChecked);
    }

    [Fact]
    public void Verify_FirstEntryRemoved_DetectedAtOne()
    {
        var chain = Chain(3);
        chain.RemoveAt(0);

        var result = AuditChain.Verify(chain);

        Assert.False(result.IsIntact);
        Assert.Equal(1, result.FirstBrokenSequence);
    }

    [Fact]
    public void Verify_EntriesSwapped_Broken()
    {
        var chain = Chain(4);
        (chain[1], chain[2]) = (chain[2], chain[1]);

        var result = AuditChain.Verify(chain);

        Assert.False(result.IsIntact);
        Assert.Equal(2, result.FirstBrokenSequence);
    }

    [Fact]
    public void CanonicalText_ValueMovedBetweenFields_Differs()
    {
        // Joined with bare newlines, ("a\nb", "", null) and ("a", "b\n", null) would read the same;
        // the length prefixes keep them apart.
        var inSummary = AuditEntry.Append(null, Build.AuditRecord(summary: "a\nb", ipAddress: null, userAgent: null));
        var split = AuditEntry.Append(null, RecordOf(inSummary) with { Summary = "a", IpAddress = "b\n" });

        Assert.NotEqual(inSummary.CanonicalText(), split.CanonicalText());
        Assert.NotEqual(inSummary.Hash, split.Hash);
    }

    [Fact]
    public void CanonicalText_NullAndEmpty_SameText()
    {
        var withNull = AuditEntry.Append(null, Build.AuditRecord(summary: null));
        var withEmpty = AuditEntry.Append(null, RecordOf(withNull) with { Summary = string.Empty });

        Assert.Equal(withNull.CanonicalText(), withEmpty.CanonicalText());
    }

    [Fact]
    public void CanonicalText_Fields_LengthPrefixedInFixedOrder()
    {
        var entry = AuditEntry.Append(null, Build.AuditRecord("membership.admitted", "接纳", "203.0.113.7", "UA"));

        var lines = entry.CanonicalText().Split('\n');

        Assert.Equal("1:1", lines[0]);
        Assert.Equal("19:membership.admitted", lines[4]);
        Assert.Equal("10:Membership", lines[5]);
        Assert.Equal("2:接纳", lines[9]);
        Assert.Equal("11:203.0.113.7", lines[10]);
        Assert.Equal("2:UA", lines[11]);
    }

    private static List<AuditEntry> Chain(int length)
    {
        var chain = new List<AuditEntry>();
        AuditEntry? previous = null;
        for (var i = 1; i <= length; i++)
        {
            previous = AuditEntry.Append(previous, Build.AuditRecord($"action.{i}", $"第{i}条", at: Build.Now.AddMinutes(i)));
            chain.Add(previous);
        }

        return chain;
    }

    private static AuditRecord RecordOf(AuditEntry entry) =>
        new(
            entry.At,
            entry.ActorId,
            entry.OnBehalfOfId,
            entry.Action,
            entry.TargetType,
            entry.TargetId,
            entry.AllianceId,
            entry.OrganizationId,
            entry.Summary,
            entry.IpAddress,
            entry.UserAgent);

    private static void SetPrivate(AuditEntry entry, string property, object? value)
    {
        var info = typeof(AuditEntry).GetProperty(property, BindingFlags.Instance | BindingFlags.Public)
            ?? throw new InvalidOperationException($"AuditEntry has no property {property}.");
        info.SetValue(entry, value);
    }
}
