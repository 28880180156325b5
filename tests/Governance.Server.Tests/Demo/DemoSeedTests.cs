using Governance.Domain.Alliances;
using Governance.Domain.Charters;
using Governance.Domain.Memberships;
using Governance.Domain.Organizations;
using Governance.Domain.People;
using Governance.Server.Demo;
using Governance.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Server.Tests.Demo;

public abstract class DemoSeedTests(ServerFixture fixture) : ServerTest(fixture)
{
    [Fact]
    public async Task Seed_BuildsTheLiaoningAllianceWithEveryRole()
    {
        await using var scope = Factory.Scope();
        var result = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
        var db = GovernanceApiFactory.Db(scope);

        Assert.True(result.Created);
        var alliance = await db.Alliances.SingleAsync();
        Assert.Equal(DemoSeeder.AllianceName, alliance.Name);
        Assert.Equal(AllianceStatus.Active, alliance.Status);

        var organizations = await db.Organizations.ToListAsync();
        Assert.Equal(4, organizations.Count(o => o.Kind == OrganizationKind.University));
        Assert.Equal(2, organizations.Count(o => o.Kind == OrganizationKind.VocationalSchool));
        Assert.Equal(6, organizations.Count(o => o.Kind == OrganizationKind.Enterprise));
        Assert.Equal(1, organizations.Count(o => o.Kind == OrganizationKind.ResearchInstitute));
        Assert.Equal(OrganizationKind.GovernmentAgency, organizations.Single(o => o.Id == alliance.SupervisingDepartmentId).Kind);

        var memberships = await db.Memberships.ToListAsync();
        Assert.Equal(13, memberships.Count);
        Assert.Single(memberships, m => m.Role == MembershipRole.ChairUnit);
        Assert.Contains(memberships, m => m.Role == MembershipRole.InvitedMember);
        Assert.Equal(7, alliance.CurrentCouncil.Count());
        Assert.Single(alliance.ExpertSeats);

        var charter = await db.Charters.SingleAsync();
        Assert.Equal(CharterStatus.InForce, charter.Status);
        Assert.Equal(VotingThreshold.TwoThirdsOfAllEligible, charter.RuleFor(VotingMatter.CharterAmendment).Threshold);

        var roles = (await db.People.ToListAsync()).SelectMany(p => p.Roles.Select(r => r.Role)).ToHashSet();
        Assert.Equal(Enum.GetValues<Role>().ToHashSet(), roles);
        Assert.Contains(result.Accounts, a => a.Email == "secretariat@demo.example" && a.Roles.Contains("Secretariat"));
    }

    [Fact]
    public async Task Seed_Twice_ChangesNothing()
    {
        await using (var scope = Factory.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
        }

        await using var again = Factory.Scope();
        var second = await again.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
        var db = GovernanceApiFactory.Db(again);

        Assert.False(second.Created);
        Assert.Equal(1, await db.Alliances.CountAsync());
        Assert.Equal(14, await db.Organizations.CountAsync());
        Assert.Equal(30, second.Accounts.Count);
        Assert.Contains("secretariat@demo.example", DemoSeeder.Describe(second), StringComparison.Ordinal);
    }
}

[Collection(OnSqlite.Name)]
public sealed class SqliteDemoSeedTests(SqliteServerFixture fixture) : DemoSeedTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresDemoSeedTests(PostgresServerFixture fixture) : DemoSeedTests(fixture);

public sealed class SeedCommandTests
{
    [Fact]
    public async Task SeedDemoCommand_OnAFreshSqliteFile_MigratesAndSeeds()
    {
        var folder = Path.Combine(Path.GetTempPath(), "governance-seed-" + Guid.NewGuid().ToString("N"));
        try
        {
            var exitCode = await GovernanceCommands.TryRunAsync(["seed-demo", $"--Database:DataFolder={folder}", "--Logging:LogLevel:Default=Warning"]);

            Assert.Equal(0, exitCode);
            await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(folder, "governance.db")};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT Name FROM Alliances";
            Assert.Equal(DemoSeeder.AllianceName, await command.ExecuteScalarAsync());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Commands_WithoutAVerb_LeaveStartupToTheWebHost()
    {
        Assert.Null(await GovernanceCommands.TryRunAsync(["--urls", "http://127.0.0.1:1"]));
    }
}
