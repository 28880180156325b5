using Microsoft.Playwright;

namespace Governance.Ui.Tests.Infrastructure;

/// <summary>
/// Screenshots of every page a scenario visits, under $GOVERNANCE_TEST_ARTIFACTS/ui (test.sh sets it to
/// test-artifacts/), or under the test output folder when run without test.sh.
/// </summary>
public static class Artifacts
{
    public static string Folder
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("GOVERNANCE_TEST_ARTIFACTS") is { Length: > 0 } configured
                ? configured
                : Path.Combine(AppContext.BaseDirectory, "test-artifacts");
            var folder = Path.Combine(root, "ui");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var path = Path.Combine(Folder, $"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }
}
