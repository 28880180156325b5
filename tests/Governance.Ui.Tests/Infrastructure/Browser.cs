using Microsoft.Playwright;

namespace Governance.Ui.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright; never a downloaded browser. Every page's console is watched
/// for Content-Security-Policy violations, which fail the test that caused them.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Chromium { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (test.sh does).");
        }

        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

/// <summary>One browser context (cookies, viewport) with its pages' CSP violations and page errors collected.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly List<string> _violations = [];
    private readonly List<string> _console = [];

    private BrowserSession(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public IReadOnlyList<string> Violations => _violations;

    /// <summary>Everything the pages wrote to the console, to explain a failure.</summary>
    public IReadOnlyList<string> ConsoleLog => _console;

    public static async Task<BrowserSession> OpenAsync(Browser browser, Uri baseAddress, int width = 1280, int height = 900)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var context = await browser.Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });
        // The suite shares two cores with the other test projects: a page can take seconds, not
        // milliseconds. Generous limits for waiting; a missing element still fails, only later.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        var session = new BrowserSession(context, page);
        page.Console += (_, message) =>
        {
            session._console.Add($"{message.Type}: {message.Text}");
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
                || message.Text.Contains("Content-Security-Policy", StringComparison.OrdinalIgnoreCase))
            {
                session._violations.Add(message.Text);
            }
        };
        page.PageError += (_, error) => session._violations.Add($"page error: {error}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                session._console.Add($"HTTP {response.Status} {response.Url}");

                // A page's own answer may be a refusal (a wrong password is a 400); a missing script,
                // stylesheet or icon is a broken page.
                if (response.Request.ResourceType != "document")
                {
                    session._violations.Add($"HTTP {response.Status} {response.Url}");
                }
            }
        };
        return session;
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
