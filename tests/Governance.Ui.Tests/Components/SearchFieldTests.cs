using Bunit;
using Governance.Server.Ui.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;

namespace Governance.Ui.Tests.Components;

public sealed class SearchFieldTests : ComponentTest
{
    private static readonly KeyboardEventArgs Enter = new() { Key = "Enter" };

    private IRenderedComponent<ListPage> RenderPage(string? opensWith = null, bool withTestAttribute = true) =>
        Render<ListPage>(p => p.Add(c => c.OpensWith, opensWith).Add(c => c.WithTestAttribute, withTestAttribute));

    [Fact]
    public void SearchField_EnterAfterTyping_LoadsWithTheTypedText()
    {
        var page = RenderPage();

        page.Find("input").Input("沈阳");
        page.Find("input").KeyDown(Enter);

        Assert.Equal(["沈阳"], page.Instance.Loads);
    }

    [Fact]
    public void SearchField_TypingWithoutEnter_DoesNotLoad()
    {
        var page = RenderPage();

        page.Find("input").Input("沈阳");
        page.Find("input").KeyDown(new KeyboardEventArgs { Key = "a" });

        Assert.Empty(page.Instance.Loads);
        Assert.Equal("沈阳", page.Instance.Filter);
    }

    [Fact]
    public void SearchField_LeftUnchanged_DoesNotLoad()
    {
        var page = RenderPage(opensWith: "大连");

        page.Find("input").Blur();

        Assert.Empty(page.Instance.Loads);
    }

    [Fact]
    public void SearchField_LeftWithChangedText_LoadsOnceUntilItChangesAgain()
    {
        var page = RenderPage(opensWith: "大连");
        page.Find("input").Input("沈阳");

        page.Find("input").Blur();
        page.Find("input").Blur();

        Assert.Equal(["沈阳"], page.Instance.Loads);
    }

    [Fact]
    public void SearchField_OnlySpacesAdded_DoesNotLoadAgain()
    {
        var page = RenderPage();
        page.Find("input").Input("沈阳");
        page.Find("input").KeyDown(Enter);

        page.Find("input").Input(" 沈阳 ");
        page.Find("input").Blur();

        Assert.Equal(["沈阳"], page.Instance.Loads);
    }

    [Fact]
    public void SearchField_EnterThenLeft_LoadsOnce()
    {
        var page = RenderPage();

        page.Find("input").Input("装备");
        page.Find("input").KeyDown(Enter);
        page.Find("input").Blur();

        Assert.Equal(["装备"], page.Instance.Loads);
    }

    [Fact]
    public void SearchField_IconClickedWithoutChange_Loads()
    {
        var page = RenderPage(opensWith: "大连");

        page.Find(".mud-input-adornment button").Click();

        Assert.Equal(["大连"], page.Instance.Loads);
    }

    [Fact]
    public async Task SearchField_PageClearedTheFilterItself_TypingTheOldTextAgainLoadsOnLeaving()
    {
        var page = RenderPage();
        page.Find("input").Input("沈阳");
        page.Find("input").KeyDown(Enter);
        await page.InvokeAsync(page.Instance.ClearFilterAndReload);

        page.Find("input").Blur();
        page.Find("input").Input("沈阳");
        page.Find("input").Blur();

        Assert.Equal(["沈阳", null, "沈阳"], page.Instance.Loads);
    }

    [Fact]
    public void SearchField_PageAttribute_ReachesTheInput()
    {
        var page = RenderPage();

        Assert.Equal("search", page.Find("input").GetAttribute("data-test"));
    }

    [Fact]
    public void SearchField_NoAttributesFromThePage_RendersAndLoads()
    {
        var page = RenderPage(withTestAttribute: false);

        page.Find("input").Input("沈阳");
        page.Find("input").KeyDown(Enter);

        Assert.False(page.Find("input").HasAttribute("data-test"));
        Assert.Equal(["沈阳"], page.Instance.Loads);
    }

    // A list page as the real ones use the field: bound to its filter, loading with it.
    private sealed class ListPage : ComponentBase
    {
        [Parameter]
        public string? OpensWith { get; set; }

        [Parameter]
        public bool WithTestAttribute { get; set; }

        public string? Filter { get; private set; }

        // The filter of every load after the first.
        public List<string?> Loads { get; } = [];

        public void ClearFilterAndReload()
        {
            Filter = null;
            Loads.Add(Filter);
            StateHasChanged();
        }

        protected override void OnInitialized() => Filter = OpensWith;

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenComponent<SearchField>(0);
            builder.AddComponentParameter(1, nameof(SearchField.Value), Filter);
            builder.AddComponentParameter(2, nameof(SearchField.ValueChanged), EventCallback.Factory.Create<string?>(this, text => Filter = text));
            builder.AddComponentParameter(3, nameof(SearchField.Search), EventCallback.Factory.Create(this, () => Loads.Add(Filter)));
            if (WithTestAttribute)
            {
                builder.AddAttribute(4, "data-test", "search");
            }

            builder.CloseComponent();
        }
    }
}
