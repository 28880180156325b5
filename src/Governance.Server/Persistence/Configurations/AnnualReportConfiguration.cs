using Governance.Domain.Alliances;
using Governance.Domain.Common;
using Governance.Domain.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Server.Persistence.Configurations;

internal sealed class AnnualReportConfiguration : IEntityTypeConfiguration<AnnualReport>
{
    public void Configure(EntityTypeBuilder<AnnualReport> builder)
    {
        builder.ToTable("AnnualReports");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Alliance>().WithMany().HasForeignKey(r => r.AllianceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.AllianceId, r.Year }).IsUnique();
        builder.Ignore(r => r.MissingMembers);
        builder.Ignore(r => r.ExpectedMembers);
        builder.Property<List<OrganizationId>>("_expectedMembers")
            .HasColumnName("ExpectedMembers")
            .AsJson(ids => ids.Select(i => i.Value).ToList(), stored => stored.Select(g => new OrganizationId(g)).ToList());

        builder.OwnsOne(r => r.Totals, totals => IndicatorColumns.Map(totals, "Total"));

        builder.OwnsMany(r => r.Contributions, contributions =>
        {
            contributions.ToTable("MemberContributions");
            contributions.WithOwner().HasForeignKey("AnnualReportId");
            contributions.HasKey("AnnualReportId", nameof(MemberContribution.OrganizationId));
            contributions.OwnsOne(c => c.Indicators, indicators => IndicatorColumns.Map(indicators, string.Empty));
            contributions.Navigation(c => c.Indicators).IsRequired();
        });
        builder.Navigation(r => r.Contributions).HasField("_contributions");
    }
}

internal static class IndicatorColumns
{
    public static void Map<TOwner>(OwnedNavigationBuilder<TOwner, ContributionIndicators> indicators, string prefix)
        where TOwner : class
    {
        indicators.Property(i => i.EnterprisesServed).HasColumnName(prefix + nameof(ContributionIndicators.EnterprisesServed));
        indicators.Property(i => i.JointProjects).HasColumnName(prefix + nameof(ContributionIndicators.JointProjects));
        indicators.Property(i => i.PatentsTransferred).HasColumnName(prefix + nameof(ContributionIndicators.PatentsTransferred));
        indicators.Property(i => i.PeopleTrained).HasColumnName(prefix + nameof(ContributionIndicators.PeopleTrained));
        indicators.Property(i => i.StudentsInInternships).HasColumnName(prefix + nameof(ContributionIndicators.StudentsInInternships));
        indicators.Property(i => i.FundsRaisedTenThousandYuan).HasColumnName(prefix + nameof(ContributionIndicators.FundsRaisedTenThousandYuan));
    }
}
