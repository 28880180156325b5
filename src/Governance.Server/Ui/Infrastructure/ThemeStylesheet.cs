using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Governance.Server.Ui.Infrastructure;

/// <summary>
/// The theme's CSS variables as a stylesheet of their own. MudBlazor's theme provider writes them into an
/// inline style element, which the pages' CSP (style-src 'self') does not allow; the provider is rendered
/// once here instead and its CSS served from /ui/theme.css.
/// </summary>
public sealed partial class ThemeStylesheet(IServiceScopeFactory scopes, ILoggerFactory loggers)
{
    private Lazy<Task<string>>? _css;

    public Task<string> CssAsync()
    {
        var css = LazyInitializer.EnsureInitialized(ref _css, () => new Lazy<Task<string>>(RenderAsync));
        return css.Value;
    }

    private async Task<string> RenderAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<MudThemeProvider>(
                ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(MudThemeProvider.Theme)] = UiTheme.Theme }));
            return output.ToHtmlString();
        });
        var css = new StringBuilder();
        foreach (Match style in StyleElement().Matches(html))
        {
            css.AppendLine(WebUtility.HtmlDecode(style.Groups[1].Value));
        }

        return css.Length == 0 ? throw new InvalidOperationException("MudBlazor's theme provider rendered no style.") : css.ToString();
    }

    [GeneratedRegex("<style[^>]*>(.*?)</style>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex StyleElement();
}
