using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Governance.Domain.Agreements;
using Governance.Domain.Common;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Identity;

/// <summary>What a step-up proof says when it is consumed: how and when the person proved it was them.</summary>
public sealed record StepUpEvidence(AuthenticationMethod Method, DateTimeOffset VerifiedAt);

/// <summary>A fresh proof, handed to the client once.</summary>
public sealed record StepUpProof(string Proof, AuthenticationMethod Method, DateTimeOffset VerifiedAt, DateTimeOffset ExpiresAt);

/// <summary>
/// Fresh proof of identity at the moment of a weighty act (signing): a 6-digit code sent by email
/// (10 minutes, 5 attempts, single use) or the password typed again. Either yields a single-use
/// proof valid for 5 minutes for the same purpose, which the act consumes in its own transaction.
/// </summary>
public sealed class StepUpService(
    GovernanceDbContext db, TimeProvider clock, IAccountEmails emails, UserManager<Account> users)
{
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan ProofLifetime = TimeSpan.FromMinutes(5);
    public const int MaxAttempts = 5;

    public async Task<DateTimeOffset> SendCodeAsync(PersonId personId, string? purpose, CancellationToken cancellationToken)
    {
        var checkedPurpose = CheckPurpose(purpose);
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId, cancellationToken)
            ?? throw new NotFoundException("Person", personId.Value);
        var now = clock.GetUtcNow();

        // A new code replaces any earlier one for the same purpose.
        foreach (var earlier in await db.OneTimeCodes
                     .Where(c => c.PersonId == personId.Value && c.Purpose == checkedPurpose && c.UsedAt == null)
                     .ToListAsync(cancellationToken))
        {
            earlier.UsedAt = now;
        }

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var record = new OneTimeCodeRecord
        {
            Id = Guid.CreateVersion7(),
            PersonId = personId.Value,
            Purpose = checkedPurpose,
            CodeHash = string.Empty,
            CreatedAt = now,
            ExpiresAt = now + CodeLifetime,
        };
        record.CodeHash = Hash($"{record.Id:N}:{code}");
        db.OneTimeCodes.Add(record);
        emails.OneTimeCode(person, code, checkedPurpose, record.ExpiresAt);
        await db.SaveChangesAsync(cancellationToken);
        return record.ExpiresAt;
    }

    public async Task<StepUpProof> VerifyCodeAsync(PersonId personId, string? purpose, string? code, CancellationToken cancellationToken)
    {
        var checkedPurpose = CheckPurpose(purpose);
        var now = clock.GetUtcNow();
        var record = await db.OneTimeCodes
            .Where(c => c.PersonId == personId.Value && c.Purpose == checkedPurpose && c.UsedAt == null)
            .OrderByDescending(c => c.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new DomainRuleViolation("step-up.no-code", "No code was sent for this purpose, or it was already used. Ask for a new one.", "code");
        if (now >= record.ExpiresAt)
        {
            throw new DomainRuleViolation("step-up.code-expired", "The code has expired. Ask for a new one.", "code");
        }

        if (record.FailedAttempts >= MaxAttempts)
        {
            throw new DomainRuleViolation("step-up.too-many-attempts", "Too many wrong codes. Ask for a new one.", "code");
        }

        if (code is null || !CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(Hash($"{record.Id:N}:{code.Trim()}")), Encoding.ASCII.GetBytes(record.CodeHash)))
        {
            record.FailedAttempts++;
            await db.SaveChangesAsync(cancellationToken);
            throw record.FailedAttempts >= MaxAttempts
                ? new DomainRuleViolation("step-up.too-many-attempts", "Too many wrong codes. Ask for a new one.", "code")
                : new DomainRuleViolation("step-up.code-invalid", $"The code is wrong ({MaxAttempts - record.FailedAttempts} attempt(s) left).", "code");
        }

        // The concurrency token on the row makes a second, simultaneous use of the same code fail.
        record.UsedAt = now;
        return await IssueAsync(personId, checkedPurpose, AuthenticationMethod.EmailOneTimeCode, now, cancellationToken);
    }

    public async Task<StepUpProof> VerifyPasswordAsync(PersonId personId, string? purpose, string? password, CancellationToken cancellationToken)
    {
        var checkedPurpose = CheckPurpose(purpose);
        var account = await users.FindByIdAsync(personId.Value.ToString())
            ?? throw new DomainRuleViolation("step-up.no-password", "This person has no password to re-enter.", "password");
        if (await users.IsLockedOutAsync(account))
        {
            throw new DomainRuleViolation("step-up.locked-out", "Too many wrong passwords. Try again later.", "password");
        }

        if (string.IsNullOrEmpty(password) || !await users.CheckPasswordAsync(account, password))
        {
            await users.AccessFailedAsync(account);
            throw new DomainRuleViolation("step-up.password-invalid", "The password is wrong.", "password");
        }

        await users.ResetAccessFailedCountAsync(account);
        return await IssueAsync(personId, checkedPurpose, AuthenticationMethod.PasswordReentry, clock.GetUtcNow(), cancellationToken);
    }

    /// <summary>
    /// Marks the proof used and returns what it proves. The caller saves it with the act (a signature),
    /// so a proof is used exactly when the act commits.
    /// </summary>
    public async Task<StepUpEvidence> ConsumeAsync(PersonId personId, string? purpose, string? proof, CancellationToken cancellationToken)
    {
        var checkedPurpose = CheckPurpose(purpose);
        if (string.IsNullOrWhiteSpace(proof))
        {
            throw new DomainRuleViolation("step-up.proof-required", "This needs a fresh step-up proof.", "stepUpProof");
        }

        var hash = Hash(proof.Trim());
        var record = await db.StepUpProofs.SingleOrDefaultAsync(p => p.TokenHash == hash, cancellationToken);
        if (record is null || record.PersonId != personId.Value || record.Purpose != checkedPurpose)
        {
            throw new DomainRuleViolation("step-up.proof-invalid", "The step-up proof is not valid for this.", "stepUpProof");
        }

        var now = clock.GetUtcNow();
        if (record.ConsumedAt is not null)
        {
            throw new DomainRuleViolation("step-up.proof-used", "The step-up proof was already used.", "stepUpProof");
        }

        if (now >= record.ExpiresAt)
        {
            throw new DomainRuleViolation("step-up.proof-expired", "The step-up proof has expired.", "stepUpProof");
        }

        record.ConsumedAt = now;
        return new StepUpEvidence(record.Method, record.VerifiedAt);
    }

    public async Task PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await db.OneTimeCodes.Where(c => c.ExpiresAt < before).ExecuteDeleteAsync(cancellationToken);
        await db.StepUpProofs.Where(p => p.ExpiresAt < before).ExecuteDeleteAsync(cancellationToken);
    }

    internal static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string CheckPurpose(string? purpose)
    {
        var trimmed = purpose?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 200)
        {
            throw new DomainRuleViolation("step-up.purpose-required", "Say what the proof is for (at most 200 characters).", "purpose");
        }

        return trimmed;
    }

    private async Task<StepUpProof> IssueAsync(
        PersonId personId, string purpose, AuthenticationMethod method, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var token = Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var record = new StepUpProofRecord
        {
            Id = Guid.CreateVersion7(),
            TokenHash = Hash(token),
            PersonId = personId.Value,
            Purpose = purpose,
            Method = method,
            VerifiedAt = now,
            ExpiresAt = now + ProofLifetime,
        };
        db.StepUpProofs.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return new StepUpProof(token, method, now, record.ExpiresAt);
    }

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
