using Governance.Server.Persistence.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Governance.Server.Persistence;

// dotnet-ef builds each provider's context here, without the web host, to add migrations and
// produce scripts. The connection strings only name a database; nothing connects to it.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteGovernanceDbContext>
{
    public SqliteGovernanceDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteGovernanceDbContext>()
            .UseSqlite(ConnectionFrom(args) ?? "Data Source=governance-design.db").Options);

    internal static string? ConnectionFrom(string[] args) =>
        args.SkipWhile(a => a != "--connection").Skip(1).FirstOrDefault();
}

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlGovernanceDbContext>
{
    public PostgreSqlGovernanceDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlGovernanceDbContext>()
            .UseNpgsql(SqliteDesignTimeFactory.ConnectionFrom(args) ?? "Host=127.0.0.1;Database=governance").Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerGovernanceDbContext>
{
    public SqlServerGovernanceDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerGovernanceDbContext>()
            .UseSqlServer(SqliteDesignTimeFactory.ConnectionFrom(args) ?? "Server=localhost;Database=governance;TrustServerCertificate=true").Options);
}
