using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Server.Access;

/// <summary>
/// A legal representative's recorded authorization for another person to sign for the organization
/// in a period (授权委托书). A delegate's signature reads "delegate on behalf of legal representative".
/// </summary>
public sealed class SigningDelegationRecord
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid LegalRepresentativeId { get; set; }

    public Guid DelegateId { get; set; }

    public DateTimeOffset From { get; set; }

    public DateTimeOffset? Until { get; set; }

    public bool IsActiveAt(DateTimeOffset at) => From <= at && (Until is null || at < Until);
}

internal sealed class SigningDelegationConfiguration : IEntityTypeConfiguration<SigningDelegationRecord>
{
    public void Configure(EntityTypeBuilder<SigningDelegationRecord> builder)
    {
        builder.ToTable("SigningDelegations");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.HasIndex(d => new { d.OrganizationId, d.DelegateId });
    }
}
