using Microsoft.Extensions.Options;

namespace Governance.Server.WorkflowHosting;

/// <summary>Imports the definition files at start-up: new content publishes a new version, unchanged content nothing.</summary>
internal sealed partial class WorkflowFileImport(
    IServiceScopeFactory scopes, IOptions<WorkflowOptions> options, IHostEnvironment environment, ILogger<WorkflowFileImport> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.Folder))
        {
            return;
        }

        var folder = Path.GetFullPath(options.Value.Folder, environment.ContentRootPath);
        if (!Directory.Exists(folder))
        {
            LogMissingFolder(logger, folder);
            return;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            await using var scope = scopes.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<WorkflowDefinitionStore>();
            try
            {
                var (record, published) = await store.ImportAsync(await File.ReadAllTextAsync(file, cancellationToken), cancellationToken);
                if (published)
                {
                    LogPublished(logger, record.DefinitionId, record.Version, file);
                }
            }
            catch (WorkflowValidationException exception)
            {
                // An invalid file is never published; the server still starts so the rest keeps working.
                LogInvalid(logger, file, string.Join(Environment.NewLine, exception.Errors));
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Published workflow {DefinitionId} v{Version} from {File}")]
    private static partial void LogPublished(ILogger logger, string definitionId, int version, string file);

    [LoggerMessage(Level = LogLevel.Error, Message = "Workflow file {File} is invalid and was not imported:\n{Errors}")]
    private static partial void LogInvalid(ILogger logger, string file, string errors);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow folder {Folder} does not exist; nothing imported")]
    private static partial void LogMissingFolder(ILogger logger, string folder);
}
