using Governance.Server.Persistence.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Governance.Server.Persistence;

public static class PersistenceExtensions
{
    public const string ConnectionStringName = "Governance";

    public static WebApplicationBuilder AddGovernancePersistence(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DatabaseOptions>()
            .Bind(builder.Configuration.GetSection(DatabaseOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = ResolveConnectionString(builder.Configuration, builder.Environment.ContentRootPath, options);
        builder.Services.AddGovernanceDbContext(options.Provider, connectionString);
        builder.Services.AddHostedService<DatabaseMigrator>();

        // Every deadline and timestamp comes from this clock; tests replace it with a fake one.
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }

    public static IServiceCollection AddGovernanceDbContext(this IServiceCollection services, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddDbContextPool<SqliteGovernanceDbContext>(o => o.UseSqlite(connectionString, s => s.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)));
                services.AddScoped<GovernanceDbContext>(sp => sp.GetRequiredService<SqliteGovernanceDbContext>());
                break;
            case DatabaseProvider.PostgreSql:
                var tuned = TunePostgreSql(connectionString);
                services.AddDbContextPool<PostgreSqlGovernanceDbContext>(o => o.UseNpgsql(tuned, s => s.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)));
                services.AddScoped<GovernanceDbContext>(sp => sp.GetRequiredService<PostgreSqlGovernanceDbContext>());
                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContextPool<SqlServerGovernanceDbContext>(o => o.UseSqlServer(connectionString, s => s.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)));
                services.AddScoped<GovernanceDbContext>(sp => sp.GetRequiredService<SqlServerGovernanceDbContext>());
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider '{provider}'.");
        }

        return services;
    }

    /// <summary>
    /// Defaults for a connection string that does not set them: statements the server runs again and
    /// again are prepared once per connection, and a pooled connection is not reset on return (the
    /// application keeps no session state). Both cut PostgreSQL's CPU per step.
    /// </summary>
    internal static string TunePostgreSql(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 50;
        }

        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    internal static string ResolveConnectionString(IConfiguration configuration, string contentRoot, DatabaseOptions options)
    {
        var configured = configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        if (options.Provider != DatabaseProvider.Sqlite)
        {
            throw new InvalidOperationException(
                $"Database:Provider is {options.Provider}: set ConnectionStrings:{ConnectionStringName}.");
        }

        var folder = Path.GetFullPath(options.DataFolder, contentRoot);
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "governance.db")}";
    }
}
