using Governance.Domain.Common;
using Governance.Domain.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Server.Persistence.Configurations;

internal sealed class WorkTaskConfiguration : IEntityTypeConfiguration<WorkTask>
{
    public void Configure(EntityTypeBuilder<WorkTask> builder)
    {
        builder.ToTable("Tasks");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.Title).HasMaxLength(300);
        builder.Property(t => t.Outcome).HasMaxLength(50);
        builder.Property(t => t.Comment).HasMaxLength(2000);
        builder.Ignore(t => t.CcIds);

        // One row per copied person: the inbox's 抄送我 tab looks tasks up by person.
        builder.OwnsMany(t => t.Cc, cc =>
        {
            cc.ToTable("TaskCcRecipients");
            cc.WithOwner().HasForeignKey("TaskId");
            cc.Property<WorkTaskId>("TaskId");
            cc.HasKey("TaskId", nameof(TaskCcRecipient.PersonId));
            cc.HasIndex(c => c.PersonId);
        });
        builder.Navigation(t => t.Cc).HasField("_cc");
        builder.Property(t => t.ActivityId).HasMaxLength(100);
        builder.Property(t => t.WaitKey).HasMaxLength(100);
        builder.OwnsMany(t => t.History, history =>
        {
            history.ToTable("TaskEvents");
            history.WithOwner().HasForeignKey("TaskId");
            history.HasKey(e => e.Id);
            history.Property(e => e.Id).ValueGeneratedNever();
            history.Property(e => e.Action).HasMaxLength(60);
            history.Property(e => e.Comment).HasMaxLength(2000);
        });
        builder.Navigation(t => t.History).HasField("_history");
        builder.HasIndex(t => new { t.AssigneeId, t.Status, t.DueAt });
        builder.HasIndex(t => t.WaitKey);
        builder.HasIndex(t => new { t.AllianceId, t.Status });
        builder.HasIndex(t => t.InitiatorId);
    }
}
