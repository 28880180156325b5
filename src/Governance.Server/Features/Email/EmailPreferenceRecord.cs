namespace Governance.Server.Features.Email;

/// <summary>How one person wants to be emailed. No row means the defaults: every notification on its own.</summary>
public sealed class EmailPreferenceRecord
{
    public Guid PersonId { get; set; }

    /// <summary>Hold single notifications and send one daily digest instead.</summary>
    public bool DailyDigest { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
