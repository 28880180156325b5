using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Server.Access;

/// <summary>
/// A legal representative's recorded authorization for another person to sign for the organization
/// in a period (授权委托书), optionally only for one alliance's agreements or for one agreement.
/// A delegate's signature reads "delegate on behalf of legal representative".
/// </summary>
public sealed class SigningDelegationRecord
{
    public const int ReasonLength = 500;

    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid LegalRepresentativeId { get; set; }

    public Guid DelegateId { get; set; }

    public DateTimeOffset From { get; set; }

    public DateTimeOffset? Until { get; set; }

    /// <summary>Only for signing in this alliance (its agreements and charters); null: any.</summary>
    public Guid? AllianceId { get; set; }

    /// <summary>Only for signing this agreement; null: any (within <see cref="AllianceId"/>).</summary>
    public Guid? AgreementId { get; set; }

    /// <summary>Who recorded it: the legal representative, or an administrator from a paper 授权委托书.</summary>
    public Guid? GrantedById { get; set; }

    public DateTimeOffset? GrantedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public Guid? RevokedById { get; set; }

    public string? RevocationReason { get; set; }

    public bool IsActiveAt(DateTimeOffset at) =>
        From <= at && (Until is null || at < Until) && (RevokedAt is null || at < RevokedAt);

    /// <summary>Whether it covers a signature in this alliance / on this agreement (an unknown one is covered only by an unlimited delegation).</summary>
    public bool Covers(Guid? allianceId, Guid? agreementId) =>
        (AllianceId is null || AllianceId == allianceId) && (AgreementId is null || AgreementId == agreementId);
}

internal sealed class SigningDelegationConfiguration : IEntityTypeConfiguration<SigningDelegationRecord>
{
    public void Configure(EntityTypeBuilder<SigningDelegationRecord> builder)
    {
        builder.ToTable("SigningDelegations");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.RevocationReason).HasMaxLength(SigningDelegationRecord.ReasonLength);
        builder.HasIndex(d => new { d.OrganizationId, d.DelegateId });
    }
}
