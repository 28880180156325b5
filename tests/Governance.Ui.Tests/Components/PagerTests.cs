using Bunit;
using Governance.Server.Ui.Shared;

namespace Governance.Ui.Tests.Components;

public sealed class PagerTests : ComponentTest
{
    [Fact]
    public void ManyItems_ShowsThePageOfPages_AndNextAsksForTheFollowingPage()
    {
        var asked = 0;
        var cut = Render<Pager>(p => p.Add(c => c.PageNumber, 1).Add(c => c.PageSize, 20).Add(c => c.TotalCount, 45)
            .Add(c => c.PageChanged, page => asked = page));

        Assert.Contains("第 1 / 3 页", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("共 45 条", cut.Markup, StringComparison.Ordinal);
        var buttons = cut.FindAll("button");
        Assert.True(buttons[0].HasAttribute("disabled"));
        Assert.False(buttons[1].HasAttribute("disabled"));

        buttons[1].Click();

        Assert.Equal(2, asked);
    }

    [Fact]
    public void OnePage_ShowsOnlyTheTotal()
    {
        var cut = Render<Pager>(p => p.Add(c => c.PageNumber, 1).Add(c => c.PageSize, 20).Add(c => c.TotalCount, 7));

        Assert.Empty(cut.FindAll("button"));
        Assert.Contains("共 7 条", cut.Markup, StringComparison.Ordinal);
    }
}

public sealed class EnglishPagerTests() : ComponentTest("en")
{
    [Fact]
    public void English_FormatsTheNumbersAndWordsOfTheLanguage()
    {
        var cut = Render<Pager>(p => p.Add(c => c.PageNumber, 2).Add(c => c.PageSize, 100).Add(c => c.TotalCount, 1234));

        Assert.Contains("Page 2 of 13", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("1,234 in total", cut.Markup, StringComparison.Ordinal);
    }
}
