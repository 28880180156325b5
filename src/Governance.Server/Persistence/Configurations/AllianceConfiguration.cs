using Governance.Domain.Alliances;
using Governance.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Server.Persistence.Configurations;

internal sealed class AllianceConfiguration : IEntityTypeConfiguration<Alliance>
{
    public void Configure(EntityTypeBuilder<Alliance> builder)
    {
        builder.ToTable("Alliances");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.Property(a => a.IndustryField).HasMaxLength(100);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.StatusReason).HasMaxLength(1000);
        builder.HasOne<Organization>().WithMany().HasForeignKey(a => a.SupervisingDepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.Name);
        builder.HasIndex(a => a.Status);
        builder.Ignore(a => a.CurrentCouncil);

        builder.OwnsMany(a => a.CouncilSeats, seats =>
        {
            seats.ToTable("CouncilSeats");
            seats.WithOwner().HasForeignKey("AllianceId");
            seats.HasKey(s => s.Id);
            seats.Property(s => s.Id).ValueGeneratedNever();
            seats.Property(s => s.Position).HasConversion<string>().HasMaxLength(30);
            seats.HasIndex(s => s.PersonId);
            seats.HasIndex(s => s.OrganizationId);
        });
        builder.Navigation(a => a.CouncilSeats).HasField("_councilSeats");

        builder.OwnsMany(a => a.ExpertSeats, seats =>
        {
            seats.ToTable("ExpertSeats");
            seats.WithOwner().HasForeignKey("AllianceId");
            seats.HasKey(s => s.Id);
            seats.Property(s => s.Id).ValueGeneratedNever();
            seats.Property(s => s.Field).HasMaxLength(100);
            seats.HasIndex(s => s.PersonId);
        });
        builder.Navigation(a => a.ExpertSeats).HasField("_expertSeats");
    }
}
