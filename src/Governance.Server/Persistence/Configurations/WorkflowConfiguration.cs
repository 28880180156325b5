using Governance.Server.WorkflowHosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Server.Persistence.Configurations;

internal sealed class WorkflowDefinitionConfiguration : IEntityTypeConfiguration<WorkflowDefinitionRecord>
{
    public void Configure(EntityTypeBuilder<WorkflowDefinitionRecord> builder)
    {
        builder.ToTable("WorkflowDefinitions");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.DefinitionId).HasMaxLength(100);
        builder.Property(d => d.Name).HasMaxLength(300);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.ContentHash).HasMaxLength(64).IsFixedLength();
        builder.Property(d => d.RowVersion).IsConcurrencyToken();
        builder.HasIndex(d => new { d.DefinitionId, d.Version }).IsUnique();
        builder.HasIndex(d => new { d.DefinitionId, d.Status });
    }
}

internal sealed class WorkflowInstanceConfiguration : IEntityTypeConfiguration<WorkflowInstanceRecord>
{
    public void Configure(EntityTypeBuilder<WorkflowInstanceRecord> builder)
    {
        builder.ToTable("WorkflowInstances");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.DefinitionId).HasMaxLength(100);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.CorrelationId).HasMaxLength(200);
        builder.Property(i => i.StartedBy).HasMaxLength(100);
        builder.Property(i => i.RowVersion).IsConcurrencyToken();
        builder.HasIndex(i => new { i.DefinitionId, i.Status });
        builder.HasIndex(i => i.CorrelationId);
        builder.HasIndex(i => i.CreatedAt);
        builder.HasIndex(i => i.StartedBy);
    }
}

internal sealed class BookmarkConfiguration : IEntityTypeConfiguration<BookmarkRecord>
{
    public void Configure(EntityTypeBuilder<BookmarkRecord> builder)
    {
        builder.ToTable("WorkflowBookmarks");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.ActivityId).HasMaxLength(100);
        builder.Property(b => b.Kind).HasMaxLength(100);
        builder.Property(b => b.Key).HasMaxLength(400);
        builder.HasIndex(b => new { b.Kind, b.Key });
        builder.HasIndex(b => b.InstanceId);
        builder.HasOne<WorkflowInstanceRecord>().WithMany().HasForeignKey(b => b.InstanceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TimerConfiguration : IEntityTypeConfiguration<TimerRecord>
{
    public void Configure(EntityTypeBuilder<TimerRecord> builder)
    {
        builder.ToTable("WorkflowTimers");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.LeaseOwner).HasMaxLength(100);
        builder.HasIndex(t => t.DueAt);
        builder.HasIndex(t => t.InstanceId);
        builder.HasOne<BookmarkRecord>().WithOne().HasForeignKey<TimerRecord>(t => t.Id).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class JournalEntryConfiguration : IEntityTypeConfiguration<JournalEntryRecord>
{
    public void Configure(EntityTypeBuilder<JournalEntryRecord> builder)
    {
        builder.ToTable("WorkflowJournal");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Id).ValueGeneratedOnAdd();
        builder.Property(j => j.ActivityId).HasMaxLength(100);
        builder.Property(j => j.ActivityType).HasMaxLength(100);
        builder.Property(j => j.Event).HasMaxLength(20);
        builder.Property(j => j.Outcome).HasMaxLength(200);
        builder.Property(j => j.Actor).HasMaxLength(100);
        builder.Property(j => j.Summary).HasMaxLength(1000);
        builder.HasIndex(j => new { j.InstanceId, j.Id });
    }
}

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<IncidentRecord>
{
    public void Configure(EntityTypeBuilder<IncidentRecord> builder)
    {
        builder.ToTable("WorkflowIncidents");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedOnAdd();
        builder.Property(i => i.ActivityId).HasMaxLength(100);
        builder.Property(i => i.ActivityType).HasMaxLength(100);
        builder.Property(i => i.Message).HasMaxLength(2000);
        builder.HasIndex(i => i.InstanceId);
    }
}

internal sealed class ProcessedStimulusConfiguration : IEntityTypeConfiguration<ProcessedStimulusRecord>
{
    public void Configure(EntityTypeBuilder<ProcessedStimulusRecord> builder)
    {
        builder.ToTable("WorkflowProcessedStimuli");
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(300);
    }
}
