using Microsoft.Data.Sqlite;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Governance.Server.Persistence;

/// <summary>Recognises a unique-index violation on each provider, so a race becomes a 409 and not a 500.</summary>
public static class UniqueViolation
{
    private const int SqliteConstraint = 19;
    private const int SqlServerDuplicateKeyRow = 2627;
    private const int SqlServerDuplicateIndexRow = 2601;

    public static bool Is(DbUpdateException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.InnerException switch
        {
            SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint
                && sqlite.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase),
            PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
            SqlException sqlServer => sqlServer.Number is SqlServerDuplicateKeyRow or SqlServerDuplicateIndexRow,
            _ => false,
        };
    }
}
