using Governance.Server.Features.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Server.Persistence.Configurations.Documents;

internal sealed class StoredDocumentConfiguration : IEntityTypeConfiguration<StoredDocumentRecord>
{
    public void Configure(EntityTypeBuilder<StoredDocumentRecord> builder)
    {
        builder.ToTable("Documents");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(d => d.Language).HasMaxLength(10);
        builder.Property(d => d.Number).HasMaxLength(60);
        builder.Property(d => d.Title).HasMaxLength(300);
        builder.Property(d => d.TemplateName).HasMaxLength(100);
        builder.Property(d => d.TemplateSha256).HasMaxLength(64).IsFixedLength();
        builder.Property(d => d.Sha256).HasMaxLength(64).IsFixedLength();
        builder.HasIndex(d => d.Number).IsUnique();
        builder.HasIndex(d => d.Sha256);
        builder.HasIndex(d => new { d.AllianceId, d.Kind });
        builder.HasIndex(d => d.WorkflowInstanceId);
        builder.Property(d => d.SubjectId).HasMaxLength(64);
        builder.HasIndex(d => d.SubjectId);
        builder.HasOne<DocumentContentRecord>().WithMany().HasForeignKey(d => d.Sha256).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DocumentContentConfiguration : IEntityTypeConfiguration<DocumentContentRecord>
{
    public void Configure(EntityTypeBuilder<DocumentContentRecord> builder)
    {
        builder.ToTable("DocumentContents");
        builder.HasKey(c => c.Sha256);
        builder.Property(c => c.Sha256).HasMaxLength(64).IsFixedLength();
        builder.Property(c => c.Content);
    }
}

internal sealed class DocumentTemplateConfiguration : IEntityTypeConfiguration<DocumentTemplateRecord>
{
    public void Configure(EntityTypeBuilder<DocumentTemplateRecord> builder)
    {
        builder.ToTable("DocumentTemplates");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.Language).HasMaxLength(10);
        builder.Property(t => t.Sha256).HasMaxLength(64).IsFixedLength();
        builder.Property(t => t.Note).HasMaxLength(500);
        builder.HasIndex(t => new { t.Name, t.Language, t.Version }).IsUnique();
    }
}
