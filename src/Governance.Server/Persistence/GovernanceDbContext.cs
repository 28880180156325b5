using Governance.Domain.Agreements;
using Governance.Domain.Alliances;
using Governance.Domain.Audit;
using Governance.Domain.Ballots;
using Governance.Domain.Charters;
using Governance.Domain.Common;
using Governance.Domain.Memberships;
using Governance.Domain.Organizations;
using Governance.Domain.People;
using Governance.Domain.Reports;
using Governance.Domain.Tasks;
using Governance.Server.Identity;
using Governance.Server.WorkflowHosting;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Persistence;

/// <summary>
/// The one model of the governance database. Each provider has a subclass (and its own migration
/// set) that only adds what the provider needs; the model itself lives here.
/// </summary>
public abstract class GovernanceDbContext(DbContextOptions options) : IdentityUserContext<Account, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<Alliance> Alliances => Set<Alliance>();

    public DbSet<Membership> Memberships => Set<Membership>();

    public DbSet<Charter> Charters => Set<Charter>();

    public DbSet<Ballot> Ballots => Set<Ballot>();

    public DbSet<Agreement> Agreements => Set<Agreement>();

    public DbSet<AnnualReport> AnnualReports => Set<AnnualReport>();

    public DbSet<WorkTask> Tasks => Set<WorkTask>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<WorkflowDefinitionRecord> WorkflowDefinitions => Set<WorkflowDefinitionRecord>();

    public DbSet<WorkflowInstanceRecord> WorkflowInstances => Set<WorkflowInstanceRecord>();

    public DbSet<BookmarkRecord> WorkflowBookmarks => Set<BookmarkRecord>();

    public DbSet<TimerRecord> WorkflowTimers => Set<TimerRecord>();

    public DbSet<JournalEntryRecord> WorkflowJournal => Set<JournalEntryRecord>();

    public DbSet<IncidentRecord> WorkflowIncidents => Set<IncidentRecord>();

    public DbSet<ProcessedStimulusRecord> ProcessedStimuli => Set<ProcessedStimulusRecord>();

    public DbSet<OutboxMessageRecord> OutboxMessages => Set<OutboxMessageRecord>();

    public DbSet<Features.Documents.StoredDocumentRecord> Documents => Set<Features.Documents.StoredDocumentRecord>();

    public DbSet<Features.Documents.DocumentContentRecord> DocumentContents => Set<Features.Documents.DocumentContentRecord>();

    public DbSet<Features.Documents.DocumentTemplateRecord> DocumentTemplates => Set<Features.Documents.DocumentTemplateRecord>();
    public DbSet<OutboxAttachmentRecord> OutboxAttachments => Set<OutboxAttachmentRecord>();

    public DbSet<Features.Email.EmailPreferenceRecord> EmailPreferences => Set<Features.Email.EmailPreferenceRecord>();
    public DbSet<OneTimeCodeRecord> OneTimeCodes => Set<OneTimeCodeRecord>();

    public DbSet<StepUpProofRecord> StepUpProofs => Set<StepUpProofRecord>();

    public DbSet<Access.SigningDelegationRecord> SigningDelegations => Set<Access.SigningDelegationRecord>();

    /// <summary>The keys protecting cookies and antiforgery tokens, shared by every server process.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersionsOfChangedAggregates();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersionsOfChangedAggregates();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.UseOpenIddict();
        builder.ApplyConfigurationsFromAssembly(typeof(GovernanceDbContext).Assembly);
        foreach (var entityType in builder.Model.GetEntityTypes()
                     .Where(t => typeof(AggregateRoot).IsAssignableFrom(t.ClrType)))
        {
            builder.Entity(entityType.ClrType).Property(nameof(AggregateRoot.Version)).IsConcurrencyToken();
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<OrganizationId>().HaveConversion<IdConverters.OrganizationIdConverter>();
        configurationBuilder.Properties<PersonId>().HaveConversion<IdConverters.PersonIdConverter>();
        configurationBuilder.Properties<AllianceId>().HaveConversion<IdConverters.AllianceIdConverter>();
        configurationBuilder.Properties<MembershipId>().HaveConversion<IdConverters.MembershipIdConverter>();
        configurationBuilder.Properties<CharterId>().HaveConversion<IdConverters.CharterIdConverter>();
        configurationBuilder.Properties<BallotId>().HaveConversion<IdConverters.BallotIdConverter>();
        configurationBuilder.Properties<AgreementId>().HaveConversion<IdConverters.AgreementIdConverter>();
        configurationBuilder.Properties<AnnualReportId>().HaveConversion<IdConverters.AnnualReportIdConverter>();
        configurationBuilder.Properties<WorkTaskId>().HaveConversion<IdConverters.WorkTaskIdConverter>();
        configurationBuilder.Properties<decimal>().HavePrecision(18, 4);
    }

    // The domain bumps Version on every change it makes; this catches a scalar change made without
    // it, so that two writers of the same aggregate can never both succeed.
    private void BumpVersionsOfChangedAggregates()
    {
        ChangeTracker.DetectChanges();
        foreach (var entry in ChangeTracker.Entries<AggregateRoot>().Where(e => e.State == EntityState.Modified))
        {
            var version = entry.Property(e => e.Version);
            if (!version.IsModified)
            {
                version.CurrentValue = version.OriginalValue + 1;
            }
        }

        foreach (var entry in ChangeTracker.Entries<WorkflowInstanceRecord>().Where(e => e.State == EntityState.Modified))
        {
            entry.Property(e => e.RowVersion).CurrentValue = entry.Property(e => e.RowVersion).OriginalValue + 1;
        }

        foreach (var entry in ChangeTracker.Entries<WorkflowDefinitionRecord>().Where(e => e.State == EntityState.Modified))
        {
            entry.Property(e => e.RowVersion).CurrentValue = entry.Property(e => e.RowVersion).OriginalValue + 1;
        }
    }
}
