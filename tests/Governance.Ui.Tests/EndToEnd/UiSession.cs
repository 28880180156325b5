using Governance.Server.Demo;
using Governance.Ui.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Governance.Ui.Tests.EndToEnd;

/// <summary>What a person does in the browser, in the words of the scenarios.</summary>
public static class UiSession
{
    public static async Task SignInAsync(this BrowserSession session, string mailbox, int timeoutMs = 90_000)
    {
        ArgumentNullException.ThrowIfNull(session);
        var page = session.Page;
        await page.GotoAsync("/sign-in", new() { WaitUntil = WaitUntilState.Commit });
        await page.FillAsync("#email", UiServer.DemoEmail(mailbox));
        await page.FillAsync("#password", DemoSeeder.DemoPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForUrlAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal), timeoutMs);
        await session.WaitUntilInteractiveAsync(timeoutMs);
    }

    /// <summary>
    /// Waits until the page's address (that of the document committed, or pushed by the page) matches.
    /// Not Playwright's WaitForURLAsync: once the address matches it waits for the load event, even
    /// when asked to wait only for the commit, and under a full test run Chromium has held that event
    /// back for over 90 s on pages whose requests had all finished ("NetworkIdle" fired). Whether the
    /// page works is what <see cref="WaitUntilInteractiveAsync"/> and the scenarios' checks test.
    /// </summary>
    public static async Task WaitForUrlAsync(this IPage page, Func<string, bool> matches, int timeoutMs = 90_000)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(matches);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!matches(page.Url))
        {
            if (waited.ElapsedMilliseconds > timeoutMs)
            {
                throw new TimeoutException($"The page stayed at {page.Url} for {timeoutMs} ms.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Opens a page and waits until it is interactive (its circuit connected and rendered once).</summary>
    public static async Task OpenAsync(this BrowserSession session, string path)
    {
        ArgumentNullException.ThrowIfNull(session);
        await session.Page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Commit });
        await session.WaitUntilInteractiveAsync();
    }

    public static async Task WaitUntilInteractiveAsync(this BrowserSession session, int timeoutMs = 60_000)
    {
        ArgumentNullException.ThrowIfNull(session);
        try
        {
            await session.Page.Locator("[data-ui-ready=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = timeoutMs });
        }
        catch (TimeoutException timedOut)
        {
            string readyState;
            try
            {
                readyState = await session.Page.EvaluateAsync<string>("() => document.readyState");
            }
            catch (PlaywrightException)
            {
                readyState = "unknown: it is being replaced";
            }

            throw new TimeoutException($"{session.Page.Url} did not become interactive (document {readyState}); console: {string.Join(" | ", session.ConsoleLog)}", timedOut);
        }
    }

    /// <summary>Whether anything on the page is wider than the window (a phone would have to scroll sideways).</summary>
    public static Task<bool> OverflowsHorizontallyAsync(this IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
}
