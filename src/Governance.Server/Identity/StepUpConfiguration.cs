using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Server.Identity;

internal sealed class OneTimeCodeConfiguration : IEntityTypeConfiguration<OneTimeCodeRecord>
{
    public void Configure(EntityTypeBuilder<OneTimeCodeRecord> builder)
    {
        builder.ToTable("OneTimeCodes");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Purpose).HasMaxLength(200);
        builder.Property(c => c.CodeHash).HasMaxLength(64).IsFixedLength();
        builder.Property(c => c.FailedAttempts).IsConcurrencyToken();
        builder.Property(c => c.UsedAt).IsConcurrencyToken();
        builder.HasIndex(c => new { c.PersonId, c.Purpose });
    }
}

internal sealed class StepUpProofConfiguration : IEntityTypeConfiguration<StepUpProofRecord>
{
    public void Configure(EntityTypeBuilder<StepUpProofRecord> builder)
    {
        builder.ToTable("StepUpProofs");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.TokenHash).HasMaxLength(64).IsFixedLength();
        builder.Property(p => p.Purpose).HasMaxLength(200);
        builder.Property(p => p.Method).HasConversion<string>().HasMaxLength(30);
        builder.HasIndex(p => p.TokenHash).IsUnique();
        builder.Property(p => p.ConsumedAt).IsConcurrencyToken();
    }
}
