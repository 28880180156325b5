using System.Security.Cryptography;
using Governance.Domain.Common;
using Governance.Server.Auditing;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Governance.Server.Identity;

/// <summary>
/// One-time links to set a password: the invitation an administrator sends to a new person, and the
/// reset a person asks for. The link's token is stored hashed (like the step-up codes, in the same
/// table, with its purpose), expires on the server's clock and works once. The email goes into the
/// outbox in the same transaction as the link.
/// </summary>
public sealed class AccountLinks(
    GovernanceDbContext db, UserManager<Account> users, IAccountEmails emails, TimeProvider clock, IOptions<TokenServerOptions> options,
    AuditTrail audit)
{
    public const string InvitationPurpose = "account:invitation";
    public const string ResetPurpose = "account:password-reset";
    public static readonly TimeSpan ResetLifetime = TimeSpan.FromHours(1);

    public async Task<DateTimeOffset> InviteAsync(PersonId personId, CancellationToken cancellationToken)
    {
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId, cancellationToken)
            ?? throw new NotFoundException("Person", personId.Value);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var account = await users.FindByIdAsync(personId.Value.ToString());
        if (account is null)
        {
            account = new Account { Id = personId.Value, UserName = person.Email, Email = person.Email, PhoneNumber = person.Phone };
            var created = await users.CreateAsync(account);
            if (!created.Succeeded)
            {
                throw new ConflictException("account.cannot-create", string.Join("; ", created.Errors.Select(e => e.Description)), "email");
            }
        }
        else if (account.EmailConfirmed && await users.HasPasswordAsync(account))
        {
            throw new ConflictException("account.already-active", "This person has already set a password; they can reset it themselves.");
        }

        var (token, expiresAt) = await AddLinkAsync(personId, InvitationPurpose, options.Value.InvitationLifetime, cancellationToken);
        emails.Invitation(person, Link(personId, token), expiresAt);
        audit.Record("account.invite", "Person", personId.ToString(), null, null, $"link valid until {expiresAt:O}");
        await audit.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return expiresAt;
    }

    /// <summary>Sends a reset link if the address belongs to an active account; says nothing either way.</summary>
    public async Task RequestResetAsync(string? email, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email) || await users.FindByEmailAsync(email.Trim()) is not { EmailConfirmed: true } account)
        {
            // Audited without the address typed (it may be anyone's, or a mistyped password).
            audit.Record("account.password-reset-requested", "Account", "unknown", null, null, "no active account: nothing sent");
            await audit.SaveChangesAsync(cancellationToken);
            return;
        }

        var personId = new PersonId(account.Id);
        var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == personId, cancellationToken);
        var (token, expiresAt) = await AddLinkAsync(personId, ResetPurpose, ResetLifetime, cancellationToken);
        emails.PasswordReset(person, Link(personId, token), expiresAt);
        audit.Record("account.password-reset-requested", "Person", personId.ToString(), null, null, $"link sent, valid until {expiresAt:O}");
        await audit.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Sets the password from a link; an invitation also confirms the email address (the link arrived there).</summary>
    public async Task SetPasswordAsync(Guid personId, string? token, string? password, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var hash = StepUpService.Hash($"{personId:N}:{token}");
        var link = await db.OneTimeCodes.SingleOrDefaultAsync(
            c => c.PersonId == personId && c.CodeHash == hash && (c.Purpose == InvitationPurpose || c.Purpose == ResetPurpose), cancellationToken);
        var account = link is null || link.UsedAt is not null || now >= link.ExpiresAt ? null : await users.FindByIdAsync(personId.ToString());
        if (link is null || account is null)
        {
            audit.Record("account.password-set-failed", "Person", personId.ToString(), null, null,
                link is null ? "unknown link" : link.UsedAt is not null ? "link already used" : "link expired");
            await audit.SaveChangesAsync(cancellationToken);
            throw new DomainRuleViolation("account.link-invalid", "This link has expired or was already used. Ask for a new one.", "token");
        }

        var reset = await users.ResetPasswordAsync(account, await users.GeneratePasswordResetTokenAsync(account), password ?? string.Empty);
        if (!reset.Succeeded)
        {
            throw new DomainRuleViolation("account.password-too-weak",
                "密码至少 10 位，须包含小写字母和数字。 / At least 10 characters with a lower-case letter and a digit.", "password");
        }

        if (link.Purpose == InvitationPurpose && !account.EmailConfirmed)
        {
            account.EmailConfirmed = true;
            await users.UpdateAsync(account);
        }

        await users.SetLockoutEndDateAsync(account, null);
        await users.ResetAccessFailedCountAsync(account);
        link.UsedAt = now;
        audit.Record("account.password-set", "Person", personId.ToString(), null, null,
            link.Purpose == InvitationPurpose ? "invitation accepted" : "password reset by emailed link", actor: new PersonId(personId));
        await audit.SaveChangesAsync(cancellationToken);
    }

    private Uri Link(PersonId person, string token) =>
        new(options.Value.PublicBaseAddress, $"set-password?person={person.Value}&token={Uri.EscapeDataString(token)}");

    private async Task<(string Token, DateTimeOffset ExpiresAt)> AddLinkAsync(
        PersonId person, string purpose, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();

        // A new link replaces earlier unused ones of the same kind.
        foreach (var earlier in await db.OneTimeCodes.Where(c => c.PersonId == person.Value && c.Purpose == purpose && c.UsedAt == null).ToListAsync(cancellationToken))
        {
            earlier.UsedAt = now;
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        db.OneTimeCodes.Add(new OneTimeCodeRecord
        {
            Id = Guid.CreateVersion7(),
            PersonId = person.Value,
            Purpose = purpose,
            CodeHash = StepUpService.Hash($"{person.Value:N}:{token}"),
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        });
        return (token, now + lifetime);
    }
}
