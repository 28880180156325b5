namespace Governance.Server.Tests.Infrastructure;

/// <summary>Folders of the repository the tests run from (found by walking up to Governance.sln).</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The lifecycle definitions the server imports at start-up.</summary>
    public static string Workflows => Path.Combine(Root, "workflows");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Governance.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Governance.sln not found above " + AppContext.BaseDirectory);
    }
}
