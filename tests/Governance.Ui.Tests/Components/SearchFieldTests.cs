using Bunit;
using Governance.Server.Ui.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Governance.Ui.Tests.Components;

public sealed class SearchFieldTests : ComponentTest
{
    private readonly List<string?> _searches = [];
    private string? _text;

    private IRenderedComponent<SearchField> RenderField(string? opensWith = null, bool withAttribute = true)
    {
        _text = opensWith;
        return Render<SearchField>(p =>
        {
            p.Add(c => c.Value, opensWith)
                .Add(c => c.ValueChanged, EventCallback.Factory.Create<string?>(this, text => _text = text))
                .Add(c => c.Search, EventCallback.Factory.Create(this, () => _searches.Add(_text)));
            if (withAttribute)
            {
                p.AddUnmatched("data-test", "search");
            }
        });
    }

    [Fact]
    public void Enter_SearchesWithWhatWasTyped()
    {
        var cut = RenderField();

        cut.Find("input").Input("沈阳");
        Assert.Empty(_searches);
        cut.Find("input").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        Assert.Equal(["沈阳"], _searches);
    }

    [Fact]
    public void LeavingTheField_SearchesOnlyWhenTheTextChanged()
    {
        var cut = RenderField(opensWith: "大连");

        cut.Find("input").Blur();
        Assert.Empty(_searches);

        cut.Find("input").Input("沈阳");
        cut.Find("input").Blur();
        cut.Find("input").Blur();
        Assert.Equal(["沈阳"], _searches);

        // Only spaces added: the same filter, so no second load.
        cut.Find("input").Input(" 沈阳 ");
        cut.Find("input").Blur();
        Assert.Equal(["沈阳"], _searches);
    }

    [Fact]
    public void EnterThenLeaving_LoadsTheListOnce()
    {
        var cut = RenderField();

        cut.Find("input").Input("装备");
        cut.Find("input").KeyDown(new KeyboardEventArgs { Key = "Enter" });
        cut.Find("input").Blur();

        Assert.Equal(["装备"], _searches);
    }

    [Fact]
    public void TheSearchIcon_SearchesEvenWhenNothingChanged()
    {
        var cut = RenderField(opensWith: "大连");

        cut.Find(".mud-input-adornment button").Click();

        Assert.Equal(["大连"], _searches);
    }

    [Fact]
    public void WithoutAttributesFromThePage_ItStillRendersAndSearches()
    {
        var cut = RenderField(withAttribute: false);

        cut.Find("input").Input("沈阳");
        cut.Find("input").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        Assert.Equal(["沈阳"], _searches);
        Assert.False(cut.Find("input").HasAttribute("data-test"));
    }

    [Fact]
    public void OtherKeys_DoNotSearch_AndThePageAttributesReachTheInput()
    {
        var cut = RenderField();

        cut.Find("input").Input("a");
        cut.Find("input").KeyDown(new KeyboardEventArgs { Key = "a" });

        Assert.Empty(_searches);
        Assert.Equal("search", cut.Find("input").GetAttribute("data-test"));
    }
}
