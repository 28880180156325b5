using Governance.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Server.Persistence.Configurations;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("People");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.Property(p => p.Email).HasMaxLength(254);
        builder.Property(p => p.Phone).HasMaxLength(30);
        builder.Property(p => p.Language).HasConversion<string>().HasMaxLength(10);
        builder.HasIndex(p => p.Email).IsUnique();
        builder.OwnsMany(p => p.Roles, roles =>
        {
            roles.ToTable("RoleAssignments");
            roles.WithOwner().HasForeignKey("PersonId");
            roles.HasKey(r => r.Id);
            roles.Property(r => r.Id).ValueGeneratedNever();
            roles.Property(r => r.Role).HasConversion<string>().HasMaxLength(40);
            roles.Ignore(r => r.Scope);
            roles.HasIndex(r => r.ScopeAllianceId);
            roles.HasIndex(r => r.ScopeOrganizationId);
        });
        builder.Navigation(p => p.Roles).HasField("_roles");
    }
}
