using Governance.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Server.Persistence.Configurations;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> builder)
    {
        builder.ToTable("Organizations");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(o => o.CreditStatus).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.Name).HasMaxLength(200);
        builder.Property(o => o.Region).HasMaxLength(100);
        builder.Property(o => o.LegalRepresentativeName).HasMaxLength(100);
        builder.Property(o => o.CreditStatusReason).HasMaxLength(500);
        builder.Property(o => o.CreditCode)
            .HasConversion(c => c.Value, v => UnifiedSocialCreditCode.Parse(v))
            .HasMaxLength(UnifiedSocialCreditCode.Length)
            .IsFixedLength();
        builder.HasIndex(o => o.CreditCode).IsUnique();
        builder.HasIndex(o => o.Name);
    }
}
