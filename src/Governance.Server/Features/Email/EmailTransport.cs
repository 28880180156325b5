using System.Text.RegularExpressions;
using Governance.Server.WorkflowHosting;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Governance.Server.Features.Email;

/// <summary>A delivery that failed; <see cref="Permanent"/> when trying again cannot help (the server refused for good).</summary>
public sealed class EmailDeliveryException(string message, bool permanent, Exception? inner = null) : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;
}

/// <summary>Where composed messages are handed over.</summary>
public interface IEmailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>Builds the MIME message of an outbox row: both parts, attachments, and the row's own Message-ID.</summary>
public static class OutboxMime
{
    public static MimeMessage Build(OutboxMessageRecord record, EmailOptions options)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(options);
        var message = new MimeMessage
        {
            MessageId = record.MessageId,
            Subject = record.Subject,
            Date = record.CreatedAt,
        };
        message.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
        foreach (var address in record.To.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            message.To.Add(MailboxAddress.Parse(address));
        }

        // Automatic mail: no vacation replies (RFC 3834).
        message.Headers.Add("Auto-Submitted", "auto-generated");
        var body = new BodyBuilder { TextBody = record.Body, HtmlBody = record.HtmlBody };
        foreach (var attachment in record.Attachments)
        {
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        }

        message.Body = body.ToMessageBody();
        if (record.Language is not null)
        {
            // The language lets a mail client pick fonts and a spell-checker (a Content-* header belongs to the body).
            message.Body.Headers[HeaderId.ContentLanguage] = record.Language;
        }

        return message;
    }
}

/// <summary>
/// MailKit over SMTP with one connection kept open between messages and batches (one login, one TLS
/// handshake). Used by one dispatcher at a time; a dead connection is replaced on the next message.
/// </summary>
public sealed partial class SmtpTransport(IOptions<EmailOptions> options, ILogger<SmtpTransport> logger) : IEmailTransport, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SmtpClient? _client;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var reused = _client is { IsConnected: true };
            try
            {
                await SendOnceAsync(message, cancellationToken);
            }
            catch (Exception exception) when (reused && IsConnectionLost(exception))
            {
                // The server dropped an idle connection: one fresh connection before calling it a failure.
                LogReconnect(logger, exception.Message);
                await DropAsync();
                await SendOnceAsync(message, cancellationToken);
            }
        }
        catch (SmtpCommandException exception)
        {
            await DropAsync();
            var code = (int)exception.StatusCode;
            var what = exception.ErrorCode == SmtpErrorCode.RecipientNotAccepted ? $"recipient {exception.Mailbox} rejected" : "refused";
            throw new EmailDeliveryException($"SMTP {what}: {code} {exception.Message}", permanent: code >= 500, exception);
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not EmailDeliveryException)
        {
            await DropAsync();
            throw new EmailDeliveryException($"SMTP delivery failed: {exception.GetType().Name}: {exception.Message}", permanent: false, exception);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DropAsync();
        _gate.Dispose();
    }

    private async Task SendOnceAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (_client is not { IsConnected: true })
        {
            await DropAsync();
            var client = new SmtpClient { Timeout = (int)settings.SmtpTimeout.TotalMilliseconds };
            if (settings.TrustedServerCertificateSha256 is { Length: > 0 } pinned)
            {
                client.ServerCertificateValidationCallback = (_, certificate, _, errors) =>
                    errors == System.Net.Security.SslPolicyErrors.None
                    || (certificate is not null && string.Equals(
                        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(certificate.GetRawCertData())), pinned.Replace(":", string.Empty, StringComparison.Ordinal),
                        StringComparison.OrdinalIgnoreCase));
            }

            _client = client;
            var security = settings.Security switch
            {
                SmtpSecurity.None => SecureSocketOptions.None,
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.StartTls,
            };
            await client.ConnectAsync(settings.Host!, settings.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                await client.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, cancellationToken);
            }
        }

        await _client.SendAsync(message, cancellationToken);
    }

    private async Task DropAsync()
    {
        if (_client is null)
        {
            return;
        }

        var client = _client;
        _client = null;
        try
        {
            if (client.IsConnected)
            {
                using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await client.DisconnectAsync(quit: true, quick.Token);
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ProtocolException or ServiceNotConnectedException or System.Net.Sockets.SocketException)
        {
            // A broken connection cannot be closed politely; it is dropped all the same.
        }
        finally
        {
            client.Dispose();
        }
    }

    private static bool IsConnectionLost(Exception exception) =>
        exception is ServiceNotConnectedException or IOException or SmtpProtocolException or System.Net.Sockets.SocketException;

    [LoggerMessage(Level = LogLevel.Information, Message = "SMTP connection lost ({Reason}); reconnecting")]
    private static partial void LogReconnect(ILogger logger, string reason);
}

/// <summary>Writes each message as an .eml file (named after its Message-ID) instead of sending it: for development without an SMTP server.</summary>
public sealed partial class PickupDirectoryTransport(IOptions<EmailOptions> options, IHostEnvironment environment) : IEmailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var folder = Path.Combine(environment.ContentRootPath, options.Value.PickupDirectory);
        Directory.CreateDirectory(folder);
        var name = UnsafeFileCharacters().Replace(message.MessageId ?? Guid.NewGuid().ToString("N"), "_");
        var path = Path.Combine(folder, name + ".eml");
        var temporary = path + ".tmp";
        await message.WriteToAsync(temporary, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    [GeneratedRegex("[^A-Za-z0-9@._-]")]
    private static partial Regex UnsafeFileCharacters();
}
