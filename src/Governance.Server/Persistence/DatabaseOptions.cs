using System.ComponentModel.DataAnnotations;

namespace Governance.Server.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
    SqlServer,
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations when the server starts (off where a deployment runs dotnet-ef).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Where the SQLite file goes when no connection string is given (relative to the content root).</summary>
    [Required]
    public string DataFolder { get; set; } = "data";
}
