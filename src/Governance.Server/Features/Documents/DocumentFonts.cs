using Governance.Documents.Layout;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Governance.Server.Features.Documents;

/// <summary>
/// The CJK fonts, discovered once. A machine without them keeps running (everything else works), reports
/// the documents check degraded, logs the reason at start-up, and refuses every render with the same reason.
/// </summary>
public sealed partial class DocumentFonts : IDisposable
{
    private readonly Lazy<(FontSet? Fonts, FontsMissingException? Error)> _discovered;

    public DocumentFonts(IOptions<DocumentOptions> options)
    {
        var configured = options.Value;
        var fontOptions = new FontOptions();
        if (configured.BodyFamilies.Count > 0)
        {
            fontOptions = fontOptions with { BodyFamilies = configured.BodyFamilies };
        }

        if (configured.HeadingFamilies.Count > 0)
        {
            fontOptions = fontOptions with { HeadingFamilies = configured.HeadingFamilies };
        }

        _discovered = new(() =>
        {
            try
            {
                return (FontSet.Discover(fontOptions), null);
            }
            catch (FontsMissingException missing)
            {
                return (null, missing);
            }
        });
    }

    public FontsMissingException? Error => _discovered.Value.Error;

    public FontSet Fonts => _discovered.Value.Fonts ?? throw _discovered.Value.Error!;

    public void Dispose()
    {
        if (_discovered.IsValueCreated)
        {
            _discovered.Value.Fonts?.Dispose();
        }
    }

    internal sealed partial class StartupCheck(DocumentFonts fonts, ILogger<DocumentFonts> logger) : IHostedService
    {
        // Discovery asks fontconfig, which can take a moment on a cold cache: run it beside start-up, not in front of it.
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = Task.Run(() =>
            {
                if (fonts.Error is { } error)
                {
                    LogMissing(logger, error.Message);
                }
            }, CancellationToken.None);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Error, Message = "Documents cannot be rendered: {Reason}")]
        private static partial void LogMissing(ILogger logger, string reason);
    }

    internal sealed class HealthCheck(DocumentFonts fonts) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(fonts.Error is { } error
                ? HealthCheckResult.Degraded(error.Message)
                : HealthCheckResult.Healthy($"Documents are set in {fonts.Fonts.Description}."));
    }
}
