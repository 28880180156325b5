namespace Governance.Server.Features.Email;

/// <summary>Message-IDs fixed when a message is written (RFC 5322 <c>id-left@id-right</c>, without the brackets).</summary>
public static class MessageIds
{
    public static string For(Guid outboxId, EmailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return $"{outboxId:N}@{options.MessageIdDomain}";
    }
}
