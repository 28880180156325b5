using Bunit;
using Governance.Domain.Charters;
using Governance.Server.Features.Alliances;
using Governance.Server.Ui.Pages.Alliances;
using MudBlazor;

namespace Governance.Ui.Tests.Components;

public sealed class CharterCompareTests : ComponentTest
{
    [Fact]
    public void OneVersion_SaysThereIsNothingToCompare()
    {
        var cut = Render<CharterCompare>(p => p.Add(c => c.Versions, [Version(1, "甲。")]));

        Assert.Equal("只有一个版本，暂无可对比的内容。", cut.Find("[data-test=charter-single]").TextContent);
        Assert.Empty(cut.FindAll("[data-test=charter-diff]"));
    }

    [Fact]
    public void TwoVersions_ComparesTheNewestWithTheOneBefore_SideBySide()
    {
        Render<MudPopoverProvider>();

        var cut = Render<CharterCompare>(p => p.Add(c => c.Versions, [Version(3, "甲。丙。"), Version(1, "甲。"), Version(2, "甲。乙。")]));

        var row = cut.Find("[data-change=Changed]");
        var sides = row.QuerySelectorAll(".ui-diff-side");
        Assert.Equal(2, sides.Length);
        Assert.Equal("v2", sides[0].GetAttribute("aria-label"));
        Assert.Equal("v3", sides[1].GetAttribute("aria-label"));
        Assert.Equal("乙。", sides[0].QuerySelector(".ui-diff-removed")!.TextContent);
        Assert.Equal("丙。", sides[1].QuerySelector(".ui-diff-added")!.TextContent);
        Assert.Contains("修改", row.QuerySelector(".ui-diff-badge")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void SameContent_SaysTheVersionsAreTheSame()
    {
        Render<MudPopoverProvider>();

        var cut = Render<CharterCompare>(p => p.Add(c => c.Versions, [Version(1, "甲。"), Version(2, "甲。")]));

        Assert.Contains("两个版本内容相同。", cut.Markup, StringComparison.Ordinal);
        Assert.Equal("Unchanged", cut.Find(".ui-diff-row").GetAttribute("data-change"));
    }

    private static CharterVersionResponse Version(int number, string body) => new(
        Guid.NewGuid(), number, "章程", CharterStatus.Draft, DateTimeOffset.UnixEpoch, null, null, null, null,
        [new CharterSectionResponse(1, "经费", body)], []);
}
