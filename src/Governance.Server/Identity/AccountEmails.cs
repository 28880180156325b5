using System.Globalization;
using System.Net;
using Governance.Domain.People;
using Governance.Server.Persistence;
using Governance.Server.WorkflowHosting;

namespace Governance.Server.Identity;

/// <summary>
/// The account emails (invitation, password reset, one-time code). They are added to the outbox in
/// the caller's unit of work, so they are sent exactly when the change that caused them commits.
/// The email dispatcher and templates live elsewhere; this is the one place to re-point.
/// </summary>
public interface IAccountEmails
{
    void Invitation(Person person, Uri link, DateTimeOffset expiresAt);

    void PasswordReset(Person person, Uri link, DateTimeOffset expiresAt);

    void OneTimeCode(Person person, string code, string purpose, DateTimeOffset expiresAt);
}

internal sealed class OutboxAccountEmails(
    GovernanceDbContext db, TimeProvider clock, Microsoft.Extensions.Options.IOptions<Features.Email.EmailOptions> options) : IAccountEmails
{
    public void Invitation(Person person, Uri link, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(link);
        Add(person, person.Language == PreferredLanguage.En
            ? ("Your account on the alliance governance platform", $"Dear {person.Name},\n\nAn administrator created an account for you. Set your password here (valid until {Time(expiresAt)} UTC):\n{link}\n")
            : ("联盟治理平台账号开通通知", $"{person.Name}：您好！\n\n管理员已为您开通联盟治理平台账号。请在 {Time(expiresAt)}（UTC）前通过以下链接设置密码：\n{link}\n"));
    }

    public void PasswordReset(Person person, Uri link, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(link);
        Add(person, person.Language == PreferredLanguage.En
            ? ("Reset your password", $"Dear {person.Name},\n\nSomeone asked to reset your password. If it was you, choose a new one here (valid until {Time(expiresAt)} UTC):\n{link}\n\nIf not, ignore this email.\n")
            : ("重置密码", $"{person.Name}：您好！\n\n我们收到了重置您密码的请求。如为本人操作，请在 {Time(expiresAt)}（UTC）前通过以下链接设置新密码：\n{link}\n\n如非本人操作，请忽略本邮件。\n"));
    }

    public void OneTimeCode(Person person, string code, string purpose, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(person);
        Add(person, person.Language == PreferredLanguage.En
            ? ($"Verification code {code}", $"Dear {person.Name},\n\nYour verification code for {purpose} is {code}. It is valid for 10 minutes (until {Time(expiresAt)} UTC) and can be used once. Never tell it to anyone.\n")
            : ($"验证码 {code}", $"{person.Name}：您好！\n\n您正在进行“{purpose}”，验证码为 {code}，10 分钟内（{Time(expiresAt)} UTC 前）有效，仅可使用一次。请勿告知他人。\n"));
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    // Sent by the dispatcher like every other message: it needs its Message-ID and to be due now.
    private void Add(Person person, (string Subject, string Body) message)
    {
        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        db.OutboxMessages.Add(new OutboxMessageRecord
        {
            Id = id,
            To = person.Email,
            Subject = message.Subject,

            // Plain text: a person's name is never markup here, whatever it contains.
            Body = message.Body,
            MessageId = Features.Email.MessageIds.For(id, options.Value),
            Status = OutboxStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
        });
    }

    internal static string Encode(string text) => WebUtility.HtmlEncode(text);
}
