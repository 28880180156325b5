using Governance.Server.WorkflowHosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Server.Features.Email;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessageRecord>
{
    public void Configure(EntityTypeBuilder<OutboxMessageRecord> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.ActivityId).HasMaxLength(100);
        builder.Property(m => m.To).HasMaxLength(2000);
        builder.Property(m => m.Subject).HasMaxLength(1000);
        builder.Property(m => m.Kind).HasMaxLength(40);
        builder.Property(m => m.Language).HasMaxLength(10);
        builder.Property(m => m.MessageId).HasMaxLength(200);
        builder.Property(m => m.Link).HasMaxLength(1000);
        builder.Property(m => m.DeduplicationKey).HasMaxLength(300);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.LeaseOwner).HasMaxLength(200);
        builder.Property(m => m.LastError).HasMaxLength(2000);
        builder.HasIndex(m => m.CreatedAt);
        builder.HasIndex(m => m.MessageId).IsUnique();
        builder.HasIndex(m => m.DeduplicationKey).IsUnique();

        // What the dispatcher polls for, and what the digest planner gathers.
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        builder.HasIndex(m => new { m.RecipientPersonId, m.Status });
        builder.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OutboxAttachmentConfiguration : IEntityTypeConfiguration<OutboxAttachmentRecord>
{
    public void Configure(EntityTypeBuilder<OutboxAttachmentRecord> builder)
    {
        builder.ToTable("OutboxAttachments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.FileName).HasMaxLength(255);
        builder.Property(a => a.ContentType).HasMaxLength(100);
        builder.Property(a => a.Sha256).HasMaxLength(64).IsFixedLength();
        builder.HasIndex(a => a.MessageId);
    }
}

internal sealed class EmailPreferenceConfiguration : IEntityTypeConfiguration<EmailPreferenceRecord>
{
    public void Configure(EntityTypeBuilder<EmailPreferenceRecord> builder)
    {
        builder.ToTable("EmailPreferences");
        builder.HasKey(p => p.PersonId);
        builder.Property(p => p.PersonId).ValueGeneratedNever();
    }
}
