using Governance.Server.Ui.Infrastructure;

namespace Governance.Ui.Tests.Operations;

/// <summary>How a list page keeps a slow, earlier answer from replacing a later one.</summary>
public sealed class LatestLoadTests
{
    [Fact]
    public async Task OverlappingLoads_TheEarlierAnswerArrivesLast_TheLaterAnswerStays()
    {
        var page = new ListPage();
        var beforeTheFilter = new TaskCompletionSource<string>();
        var withTheFilter = new TaskCompletionSource<string>();

        var first = page.LoadAsync(beforeTheFilter.Task);
        var second = page.LoadAsync(withTheFilter.Task);
        withTheFilter.SetResult("沈阳测试装备有限公司");
        await second;
        beforeTheFilter.SetResult("(no match)");
        await first;

        Assert.Equal("沈阳测试装备有限公司", page.Shown);
    }

    [Fact]
    public async Task LoadsOneAfterAnother_EachAnswerIsShown()
    {
        var page = new ListPage();

        await page.LoadAsync(Task.FromResult("page 1"));
        Assert.Equal("page 1", page.Shown);
        await page.LoadAsync(Task.FromResult("page 2"));
        Assert.Equal("page 2", page.Shown);
    }

    /// <summary>A page's load as the list pages write it.</summary>
    private sealed class ListPage
    {
        private readonly LatestLoad _loads = new();

        public string? Shown { get; private set; }

        public async Task LoadAsync(Task<string> answer)
        {
            var load = _loads.Start();
            var value = await answer;
            if (_loads.IsLatest(load))
            {
                Shown = value;
            }
        }
    }
}
