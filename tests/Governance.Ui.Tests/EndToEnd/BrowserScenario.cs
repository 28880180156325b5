using Governance.Ui.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Governance.Ui.Tests.EndToEnd;

/// <summary>
/// Base of the browser scenarios: sessions opened on the fixture's server (closed after the test),
/// screenshots into test-artifacts/ui/ (from one provider's run only), and the check that the pages
/// broke no Content-Security-Policy rule and threw no script error.
/// </summary>
public abstract class BrowserScenario(UiFixture fixture) : IAsyncLifetime
{
    private readonly List<BrowserSession> _sessions = [];

    protected UiFixture Fixture => fixture;

    /// <summary>One provider's class saves the screenshots; the other runs the same scenarios without.</summary>
    protected abstract bool SavesScreenshots { get; }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var session in _sessions)
        {
            await session.DisposeAsync();
        }
    }

    protected async Task<BrowserSession> OpenSessionAsync(int width = 1280, int height = 900)
    {
        var session = await BrowserSession.OpenAsync(fixture.Browser, fixture.Server.Address, width, height);
        _sessions.Add(session);
        return session;
    }

    protected async Task ScreenshotAsync(IPage page, string name)
    {
        if (SavesScreenshots)
        {
            await Artifacts.ScreenshotAsync(page, name);
        }
    }

    protected static void AssertNoViolations(BrowserSession session) =>
        Assert.True(session.Violations.Count == 0, "the pages broke their CSP or threw: " + string.Join(" | ", session.Violations));
}
