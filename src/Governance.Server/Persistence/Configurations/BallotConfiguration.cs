using Governance.Domain.Alliances;
using Governance.Domain.Ballots;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Server.Persistence.Configurations;

internal sealed class BallotConfiguration : IEntityTypeConfiguration<Ballot>
{
    public void Configure(EntityTypeBuilder<Ballot> builder)
    {
        builder.ToTable("Ballots");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Subject).HasMaxLength(500);
        builder.Property(b => b.Status).HasConversion<string>().HasMaxLength(20);
        builder.Ignore(b => b.Matter);
        builder.Property(b => b.Rule).AsJson(VotingRuleJson.From, stored => stored.ToRule());
        builder.HasOne<Alliance>().WithMany().HasForeignKey(b => b.AllianceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(b => new { b.AllianceId, b.Status });

        builder.OwnsOne(b => b.Result, result =>
        {
            result.Property(r => r.Eligible).HasColumnName("ResultEligible");
            result.Property(r => r.Recused).HasColumnName("ResultRecused");
            result.Property(r => r.Yes).HasColumnName("ResultYes");
            result.Property(r => r.No).HasColumnName("ResultNo");
            result.Property(r => r.Abstain).HasColumnName("ResultAbstain");
            result.Property(r => r.QuorumMet).HasColumnName("ResultQuorumMet");
            result.Property(r => r.Outcome).HasColumnName("ResultOutcome").HasConversion<string>().HasMaxLength(20);
            result.Ignore(r => r.Participants);
        });

        builder.OwnsMany(b => b.Voters, voters =>
        {
            voters.ToTable("BallotVoters");
            voters.WithOwner().HasForeignKey("BallotId");
            voters.HasKey("BallotId", nameof(BallotVoter.PersonId));
            voters.Property(v => v.RecusalReason).HasMaxLength(500);
        });
        builder.Navigation(b => b.Voters).HasField("_voters");

        // One vote per voter and ballot, enforced by the key as well as by the aggregate.
        builder.OwnsMany(b => b.Votes, votes =>
        {
            votes.ToTable("Votes");
            votes.WithOwner().HasForeignKey("BallotId");
            votes.HasKey(v => v.Id);
            votes.Property(v => v.Id).ValueGeneratedNever();
            votes.Property(v => v.Choice).HasConversion<string>().HasMaxLength(10);
            votes.HasIndex("BallotId", nameof(Vote.VoterId)).IsUnique();
        });
        builder.Navigation(b => b.Votes).HasField("_votes");
    }
}
