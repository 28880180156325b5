using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Persistence.Providers;

public sealed class SqlServerGovernanceDbContext(DbContextOptions<SqlServerGovernanceDbContext> options) : GovernanceDbContext(options);
