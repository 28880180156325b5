using Governance.Server.Demo;
using Governance.Ui.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Governance.Ui.Tests.EndToEnd;

/// <summary>What a person does in the browser, in the words of the scenarios.</summary>
public static class UiSession
{
    public static async Task SignInAsync(this BrowserSession session, string mailbox)
    {
        ArgumentNullException.ThrowIfNull(session);
        var page = session.Page;
        await page.GotoAsync("/sign-in");
        await page.FillAsync("#email", UiServer.DemoEmail(mailbox));
        await page.FillAsync("#password", DemoSeeder.DemoPassword);
        await page.ClickAsync("button[type=submit]");
        // Only until the next page has begun: whether it then loaded and connected its circuit is what
        // WaitUntilInteractiveAsync checks, and it says which page and what the console had if not.
        await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        await session.WaitUntilInteractiveAsync();
    }

    /// <summary>Opens a page and waits until it is interactive (its circuit connected and rendered once).</summary>
    public static async Task OpenAsync(this BrowserSession session, string path)
    {
        ArgumentNullException.ThrowIfNull(session);
        await session.Page.GotoAsync(path);
        await session.WaitUntilInteractiveAsync();
    }

    public static async Task WaitUntilInteractiveAsync(this BrowserSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        try
        {
            await session.Page.Locator("[data-ui-ready=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"{session.Page.Url} did not become interactive; console: {string.Join(" | ", session.ConsoleLog)}", timeout);
        }
    }

    /// <summary>Whether anything on the page is wider than the window (a phone would have to scroll sideways).</summary>
    public static Task<bool> OverflowsHorizontallyAsync(this IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
}
