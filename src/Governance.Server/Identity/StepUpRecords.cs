using Governance.Domain.Agreements;

namespace Governance.Server.Identity;

/// <summary>
/// A 6-digit code sent by email for one purpose (e.g. <c>sign:agreement:{id}</c>). Only its hash is
/// stored; it is good for ten minutes, five guesses and one use.
/// </summary>
public sealed class OneTimeCodeRecord
{
    public Guid Id { get; set; }

    public Guid PersonId { get; set; }

    public required string Purpose { get; set; }

    public required string CodeHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public int FailedAttempts { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}

/// <summary>
/// What a verified code or password re-entry yields: a short-lived, single-use proof the signing
/// endpoint consumes, recording how and when the signer proved it was them.
/// </summary>
public sealed class StepUpProofRecord
{
    public Guid Id { get; set; }

    public required string TokenHash { get; set; }

    public Guid PersonId { get; set; }

    public required string Purpose { get; set; }

    public AuthenticationMethod Method { get; set; }

    public DateTimeOffset VerifiedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? ConsumedAt { get; set; }
}
