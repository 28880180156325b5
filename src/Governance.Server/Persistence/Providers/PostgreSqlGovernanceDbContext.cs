using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Persistence.Providers;

public sealed class PostgreSqlGovernanceDbContext(DbContextOptions<PostgreSqlGovernanceDbContext> options) : GovernanceDbContext(options);
