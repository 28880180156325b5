using Governance.Domain.Charters;
using Governance.Server.Features.Alliances;
using Governance.Server.Ui.Pages.Alliances;

namespace Governance.Ui.Tests.Components;

public sealed class CharterComparisonTests
{
    [Fact]
    public void Compare_ChangedSentence_MarksOnlyThatSentenceOnBothSides()
    {
        var older = Version(1, ("经费", "经费来源于会费。专款专用。接受监督。"));
        var newer = Version(2, ("经费", "经费来源于会费。专款专用，每年报告。接受监督。"));

        var row = Assert.Single(CharterComparison.Compare(older, newer));

        Assert.Equal(SectionChange.Changed, row.Change);
        Assert.Equal(
            [new DiffSegment("经费来源于会费。", SegmentChange.Same), new DiffSegment("专款专用。", SegmentChange.Removed), new DiffSegment("接受监督。", SegmentChange.Same)],
            row.OlderText);
        Assert.Equal(
            [new DiffSegment("经费来源于会费。", SegmentChange.Same), new DiffSegment("专款专用，每年报告。", SegmentChange.Added), new DiffSegment("接受监督。", SegmentChange.Same)],
            row.NewerText);
    }

    [Fact]
    public void Compare_AddedRemovedAndUnchangedSections_EachMarked_RemovedWhereItStood()
    {
        var older = Version(1, ("总则", "甲。"), ("附则", "乙。"), ("经费", "丙。"));
        var newer = Version(2, ("总则", "甲。"), ("经费", "丙。"), ("信息公开", "丁。"));

        var rows = CharterComparison.Compare(older, newer);

        Assert.Equal(["总则", "附则", "经费", "信息公开"], rows.Select(r => r.Title));
        Assert.Equal([SectionChange.Unchanged, SectionChange.Removed, SectionChange.Unchanged, SectionChange.Added], rows.Select(r => r.Change));
        Assert.Equal([new DiffSegment("乙。", SegmentChange.Removed)], rows[1].OlderText);
        Assert.Empty(rows[1].NewerText);
        Assert.Equal([new DiffSegment("丁。", SegmentChange.Added)], rows[3].NewerText);
    }

    [Fact]
    public void Compare_MovedSection_StaysPairedByTitle()
    {
        var older = Version(1, ("成员", "甲。"), ("经费", "乙。"));
        var newer = Version(2, ("经费", "乙。"), ("成员", "甲。"));

        var rows = CharterComparison.Compare(older, newer);

        Assert.All(rows, r => Assert.Equal(SectionChange.Unchanged, r.Change));
    }

    [Fact]
    public void Sentences_SplitAfterChineseAndLatinEndsAndLineBreaks_KeepingEveryCharacter()
    {
        const string text = "第一句。第二句；Third! 第四\n最后没有句号";

        var sentences = CharterComparison.Sentences(text);

        Assert.Equal(["第一句。", "第二句；", "Third!", " 第四\n", "最后没有句号"], sentences);
        Assert.Equal(text, string.Concat(sentences));
    }

    private static CharterVersionResponse Version(int number, params (string Title, string Body)[] sections) => new(
        Guid.NewGuid(), number, "章程", number == 1 ? CharterStatus.InForce : CharterStatus.Draft, DateTimeOffset.UnixEpoch, null, null, null, null,
        sections.Select((s, i) => new CharterSectionResponse(i + 1, s.Title, s.Body)).ToList(), []);
}
