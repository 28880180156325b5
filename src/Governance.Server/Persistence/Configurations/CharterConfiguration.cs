using Governance.Domain.Alliances;
using Governance.Domain.Charters;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Server.Persistence.Configurations;

internal sealed class CharterConfiguration : IEntityTypeConfiguration<Charter>
{
    public void Configure(EntityTypeBuilder<Charter> builder)
    {
        builder.ToTable("Charters");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Title).HasMaxLength(200);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Alliance>().WithMany().HasForeignKey(c => c.AllianceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.AllianceId, c.VersionNumber }).IsUnique();

        builder.OwnsMany(c => c.Sections, sections =>
        {
            sections.ToTable("CharterSections");
            sections.WithOwner().HasForeignKey("CharterId");
            sections.HasKey("CharterId", nameof(CharterSection.Number));
            sections.Property(s => s.Number).ValueGeneratedNever();
            sections.Property(s => s.Title).HasMaxLength(200);
        });
        builder.Navigation(c => c.Sections).HasField("_sections");

        builder.Ignore(c => c.VotingRules);
        builder.Property<List<VotingRule>>("_votingRules")
            .HasColumnName("VotingRules")
            .AsJson(rules => rules.Select(VotingRuleJson.From).ToList(), stored => stored.Select(r => r.ToRule()).ToList());
    }
}

/// <summary>The stored shape of a voting rule (kept apart from the domain record on purpose).</summary>
internal sealed record VotingRuleJson(string Matter, int QuorumNumerator, int QuorumDenominator, string Threshold, bool Recusal)
{
    public static VotingRuleJson From(VotingRule rule) =>
        new(rule.Matter.ToString(), rule.Quorum.Numerator, rule.Quorum.Denominator, rule.Threshold.ToString(), rule.RecuseInterestedMembers);

    public VotingRule ToRule() => new(
        Enum.Parse<VotingMatter>(Matter),
        new Quorum(QuorumNumerator, QuorumDenominator),
        Enum.Parse<VotingThreshold>(Threshold),
        Recusal);
}
