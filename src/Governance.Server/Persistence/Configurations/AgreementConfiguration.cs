using Governance.Domain.Agreements;
using Governance.Domain.Alliances;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Server.Persistence.Configurations;

internal sealed class AgreementConfiguration : IEntityTypeConfiguration<Agreement>
{
    public void Configure(EntityTypeBuilder<Agreement> builder)
    {
        builder.ToTable("Agreements");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Title).HasMaxLength(300);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(a => a.Order).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.DocumentSha256).HasMaxLength(64).IsFixedLength();
        builder.Ignore(a => a.OutstandingParties);
        builder.HasOne<Alliance>().WithMany().HasForeignKey(a => a.AllianceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.AllianceId, a.Status });

        builder.OwnsMany(a => a.Parties, parties =>
        {
            parties.ToTable("AgreementParties");
            parties.WithOwner().HasForeignKey("AgreementId");
            parties.HasKey("AgreementId", nameof(AgreementParty.OrganizationId));
        });
        builder.Navigation(a => a.Parties).HasField("_parties");

        builder.OwnsMany(a => a.Signatures, signatures =>
        {
            signatures.ToTable("Signatures");
            signatures.WithOwner().HasForeignKey("AgreementId");
            signatures.HasKey(s => s.Id);
            signatures.Property(s => s.Id).ValueGeneratedNever();
            signatures.Property(s => s.SignerRole).HasMaxLength(100);
            signatures.Property(s => s.DocumentSha256).HasMaxLength(64).IsFixedLength();
            signatures.Property(s => s.Method).HasConversion<string>().HasMaxLength(30);
            signatures.Property(s => s.Outcome).HasConversion<string>().HasMaxLength(20);
            signatures.Property(s => s.IpAddress).HasMaxLength(64);
            signatures.Property(s => s.UserAgent).HasMaxLength(512);
            signatures.Property(s => s.DeclinedReason).HasMaxLength(1000);
            signatures.HasIndex(s => s.SignerId);
        });
        builder.Navigation(a => a.Signatures).HasField("_signatures");
    }
}
