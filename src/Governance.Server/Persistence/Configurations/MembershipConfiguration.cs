using Governance.Domain.Alliances;
using Governance.Domain.Memberships;
using Governance.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Server.Persistence.Configurations;

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> builder)
    {
        builder.ToTable("Memberships");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(30);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.StatusReason).HasMaxLength(1000);
        builder.Property(m => m.ActiveKey).HasMaxLength(65);
        builder.HasOne<Alliance>().WithMany().HasForeignKey(m => m.AllianceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Restrict);

        // At most one open membership per alliance and organization, whatever races the requests run.
        // (SQL Server gets a "IS NOT NULL" filter by convention; SQLite and PostgreSQL allow many NULLs.)
        builder.HasIndex(m => m.ActiveKey).IsUnique();
        builder.HasIndex(m => new { m.AllianceId, m.Status });
        builder.HasIndex(m => m.OrganizationId);
    }
}
