using Governance.Server.Persistence.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Governance.Server.Tests.Persistence;

/// <summary>
/// No SQL Server can run on these machines, so its migrations are checked the strongest way left:
/// the full script EF generates must parse as T-SQL without a single error.
/// </summary>
public sealed class SqlServerMigrationScriptTests
{
    private static SqlServerGovernanceDbContext Context() => new(
        new DbContextOptionsBuilder<SqlServerGovernanceDbContext>()
            .UseSqlServer("Server=unreachable.invalid;Database=governance;TrustServerCertificate=true")
            .Options);

    [Theory]
    [InlineData(MigrationsSqlGenerationOptions.Default)]
    [InlineData(MigrationsSqlGenerationOptions.Idempotent)]
    public void MigrationScript_ParsedAsTSql_HasNoErrors(MigrationsSqlGenerationOptions options)
    {
        using var db = Context();
        var script = db.GetService<IMigrator>().GenerateScript(options: options);

        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(script);
        var fragment = parser.Parse(reader, out var errors);

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"line {e.Line}: {e.Message}")));
        Assert.Contains("CREATE TABLE [Organizations]", script, StringComparison.Ordinal);
    }

    [Fact]
    public void MigrationScript_CreatesEveryAggregateTable()
    {
        using var db = Context();
        var script = db.GetService<IMigrator>().GenerateScript();

        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(script), out _);
        var statements = ((TSqlScript)fragment).Batches.SelectMany(b => b.Statements).ToList();
        var tables = statements.OfType<CreateTableStatement>().Select(t => t.SchemaObjectName.BaseIdentifier.Value).ToHashSet();
        Assert.Superset(
            new HashSet<string> { "Organizations", "People", "Alliances", "Memberships", "Charters", "Ballots", "Votes", "Agreements", "Signatures", "AnnualReports", "Tasks", "AuditEntries" },
            tables);
    }

    [Fact]
    public void MigrationScript_OpenMembershipIndex_IsUniqueAndFilteredOnSqlServer()
    {
        using var db = Context();
        var script = db.GetService<IMigrator>().GenerateScript();

        var fragment = new TSql160Parser(true).Parse(new StringReader(script), out _);
        var index = ((TSqlScript)fragment).Batches.SelectMany(b => b.Statements).OfType<CreateIndexStatement>()
            .Single(i => i.Name.Value == "IX_Memberships_ActiveKey");

        // Several ended memberships (NULL key) must be allowed; SQL Server needs the filter for that.
        Assert.True(index.Unique);
        Assert.NotNull(index.FilterPredicate);
    }

    [Fact]
    public void Model_HasNoChangesMissingFromTheSqlServerMigrations()
    {
        using var db = Context();

        Assert.False(db.Database.HasPendingModelChanges());
    }
}
