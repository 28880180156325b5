using Governance.Server.Demo;
using Governance.Server.Identity;
using Governance.Server.Persistence;
using Governance.Server.WorkflowHosting;
using Governance.Workflows.Validation;
using Microsoft.Extensions.Options;

namespace Governance.Server;

/// <summary>
/// Command-line verbs that run instead of the web server:
/// <c>seed-demo</c> migrates the configured database and seeds the demo alliance;
/// <c>validate &lt;file-or-folder&gt;...</c> checks workflow files without a server or database.
/// </summary>
internal static class GovernanceCommands
{
    /// <summary>The verb's exit code, or null when the arguments name no verb (start the web server).</summary>
    public static async Task<int?> TryRunAsync(string[] args, TextWriter? output = null)
    {
        output ??= Console.Out;
        return args switch
        {
            ["seed-demo", .. var rest] => await SeedDemoAsync(rest, output),
            ["validate", .. var paths] => await ValidateAsync(paths, output),
            _ => null,
        };
    }

    private static async Task<int> SeedDemoAsync(string[] args, TextWriter output)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddGovernancePersistence();
        builder.Services.AddAccountStores();
        builder.AddGovernanceDemo();
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        var provider = scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider;
        await DatabaseMigrator.MigrateAsync(scope.ServiceProvider, provider, app.Logger, CancellationToken.None);
        var result = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
        await output.WriteLineAsync(DemoSeeder.Describe(result));
        return 0;
    }

    private static async Task<int> ValidateAsync(string[] paths, TextWriter output)
    {
        if (paths.Length == 0)
        {
            await output.WriteLineAsync("usage: validate <file-or-folder>...");
            return 2;
        }

        var services = new ServiceCollection().AddSingleton(TimeProvider.System).AddWorkflowCore().BuildServiceProvider();
        var validator = services.GetRequiredService<WorkflowValidator>();
        var files = new List<string>();
        foreach (var given in paths)
        {
            var path = FromCallersDirectory(given);
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                await output.WriteLineAsync($"{given}: no such file or folder");
                return 2;
            }
        }

        var invalid = 0;
        foreach (var file in files)
        {
            var errors = validator.Validate(await File.ReadAllTextAsync(file), out var definition);
            if (definition is not null && errors.Length == 0
                && !string.Equals(Path.GetFileNameWithoutExtension(file), definition.DefinitionId, StringComparison.Ordinal))
            {
                errors = [new WorkflowError(WorkflowErrorCodes.InvalidDefinitionId, "$.definitionId",
                    $"The file is named {Path.GetFileName(file)} but defines '{definition.DefinitionId}'.")];
            }

            if (errors.Length == 0)
            {
                await output.WriteLineAsync($"ok      {file}");
                continue;
            }

            invalid++;
            await output.WriteLineAsync($"INVALID {file} ({errors.Length} error(s))");
            foreach (var error in errors)
            {
                await output.WriteLineAsync($"  {error.Code} at {error.Path}: {error.Message}");
            }
        }

        await output.WriteLineAsync($"{files.Count} file(s), {invalid} invalid");
        return invalid > 0 ? 1 : 0;
    }

    /// <summary>
    /// `dotnet run --project` runs the program in the project's folder; a relative path on the command line
    /// means the caller's folder, which the shell still names in PWD.
    /// </summary>
    private static string FromCallersDirectory(string path)
    {
        if (Path.IsPathRooted(path) || Environment.GetEnvironmentVariable("PWD") is not { Length: > 0 } callers
            || string.Equals(Path.GetFullPath(callers), Environment.CurrentDirectory, StringComparison.Ordinal))
        {
            return path;
        }

        var fromCaller = Path.Combine(callers, path);
        return File.Exists(fromCaller) || Directory.Exists(fromCaller) ? fromCaller : path;
    }
}
