using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace Governance.Server.Features.Email;

public enum EmailDelivery
{
    /// <summary>Over SMTP to <see cref="EmailOptions.Host"/>.</summary>
    Smtp,

    /// <summary>Each message written as an .eml file to <see cref="EmailOptions.PickupDirectory"/> (development, demos).</summary>
    PickupDirectory,
}

public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
}

public sealed class EmailOptions
{
    public const string Section = "Email";

    public EmailDelivery Delivery { get; set; } = EmailDelivery.PickupDirectory;

    /// <summary>Where <see cref="EmailDelivery.PickupDirectory"/> writes messages; relative to the content root.</summary>
    public string PickupDirectory { get; set; } = "data/mail";

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Optional; with <see cref="Password"/> (from a secret store, never appsettings.json).</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>
    /// The SHA-256 of a relay's own certificate (hex), trusted for TLS although no public authority issued
    /// it (an internal relay). Without it only certificates the machine trusts are accepted.
    /// </summary>
    public string? TrustedServerCertificateSha256 { get; set; }

    public string FromAddress { get; set; } = "noreply@governance.invalid";

    public string FromName { get; set; } = "联盟治理平台";

    /// <summary>The web UI's address; deep links in messages start with it.</summary>
    public string WebBaseUrl { get; set; } = "http://127.0.0.1:5080/";

    /// <summary>Whether this process sends due messages and plans reminders and digests (several processes may).</summary>
    public bool RunDispatcher { get; set; } = true;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a dispatcher owns a leased batch; another process takes over after it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    public int BatchSize { get; set; } = 50;

    /// <summary>Attempts before a message that keeps failing is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 8;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan SmtpTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long before a task's deadline reminders go out; default 3 days and 1 day.</summary>
    public TimeSpan[]? ReminderOffsets { get; set; }

    /// <summary>How long after the deadline an open task is escalated to the alliance's secretariat.</summary>
    public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often reminders and digests are planned.</summary>
    public TimeSpan PlannerInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Local time (in <see cref="TimeZone"/>) at which daily digests go out.</summary>
    public TimeOnly DigestTime { get; set; } = new(8, 0);

    /// <summary>The zone of dates shown in messages and of <see cref="DigestTime"/>.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>
    /// Fault-injection tests only: a pause after a message was handed to the SMTP server and before that
    /// is recorded, so a test can kill the process in between. Zero (off) everywhere else.
    /// </summary>
    public TimeSpan FaultInjectionHoldAfterSend { get; set; } = TimeSpan.Zero;

    public IReadOnlyList<TimeSpan> EffectiveReminderOffsets =>
        ReminderOffsets is { Length: > 0 } offsets ? offsets : [TimeSpan.FromDays(3), TimeSpan.FromDays(1)];

    public Uri WebBase => new(WebBaseUrl.EndsWith('/') ? WebBaseUrl : WebBaseUrl + "/");

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>The right-hand side of generated Message-IDs: the sender's domain.</summary>
    public string MessageIdDomain => new MailAddress(FromAddress).Host;
}

/// <summary>Start-up validation: a server with an unusable mail configuration does not start.</summary>
internal sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!Enum.IsDefined(options.Delivery))
        {
            errors.Add("Email:Delivery must be Smtp or PickupDirectory.");
        }

        if (options.Delivery == EmailDelivery.Smtp)
        {
            if (string.IsNullOrWhiteSpace(options.Host))
            {
                errors.Add("Email:Host is required when Email:Delivery is Smtp.");
            }

            if (options.TrustedServerCertificateSha256 is { Length: > 0 } pin
                && !System.Text.RegularExpressions.Regex.IsMatch(pin.Replace(":", string.Empty, StringComparison.Ordinal), "^[0-9A-Fa-f]{64}$"))
            {
                errors.Add("Email:TrustedServerCertificateSha256 must be a SHA-256 in hex (64 digits, colons allowed).");
            }

            if (options.Port is < 1 or > 65535)
            {
                errors.Add($"Email:Port must be between 1 and 65535 (is {options.Port}).");
            }

            if (!Enum.IsDefined(options.Security))
            {
                errors.Add("Email:Security must be None, StartTls or SslOnConnect.");
            }

            if (string.IsNullOrEmpty(options.UserName) != string.IsNullOrEmpty(options.Password))
            {
                errors.Add("Email:UserName and Email:Password are set together or not at all.");
            }
        }
        else if (string.IsNullOrWhiteSpace(options.PickupDirectory))
        {
            errors.Add("Email:PickupDirectory is required when Email:Delivery is PickupDirectory.");
        }

        if (!MailAddress.TryCreate(options.FromAddress, out var from) || from.Address != options.FromAddress)
        {
            errors.Add($"Email:FromAddress '{options.FromAddress}' is not an email address.");
        }

        if (string.IsNullOrWhiteSpace(options.FromName))
        {
            errors.Add("Email:FromName is required.");
        }

        if (!Uri.TryCreate(options.WebBaseUrl, UriKind.Absolute, out var web) || (web.Scheme != Uri.UriSchemeHttp && web.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"Email:WebBaseUrl '{options.WebBaseUrl}' must be an absolute http or https address.");
        }

        Positive(options.PollInterval, "PollInterval", errors);
        Positive(options.Lease, "Lease", errors);
        Positive(options.RetryBaseDelay, "RetryBaseDelay", errors);
        Positive(options.SmtpTimeout, "SmtpTimeout", errors);
        Positive(options.PlannerInterval, "PlannerInterval", errors);
        if (options.RetryMaxDelay < options.RetryBaseDelay)
        {
            errors.Add("Email:RetryMaxDelay must not be shorter than Email:RetryBaseDelay.");
        }

        if (options.BatchSize is < 1 or > 1000)
        {
            errors.Add($"Email:BatchSize must be between 1 and 1000 (is {options.BatchSize}).");
        }

        if (options.MaxAttempts is < 1 or > 100)
        {
            errors.Add($"Email:MaxAttempts must be between 1 and 100 (is {options.MaxAttempts}).");
        }

        if (options.EffectiveReminderOffsets.Any(o => o <= TimeSpan.Zero))
        {
            errors.Add("Email:ReminderOffsets must all be positive (e.g. 3.00:00:00 for three days before the deadline).");
        }

        if (options.EscalateAfter < TimeSpan.Zero)
        {
            errors.Add("Email:EscalateAfter must not be negative.");
        }

        if (options.FaultInjectionHoldAfterSend < TimeSpan.Zero)
        {
            errors.Add("Email:FaultInjectionHoldAfterSend must not be negative.");
        }

        try
        {
            _ = options.Zone;
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            errors.Add($"Email:TimeZone '{options.TimeZone}' is not a known time zone.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(TimeSpan value, string name, List<string> errors)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"Email:{name} must be positive (is {value}).");
        }
    }
}
