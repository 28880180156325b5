using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Governance.Server.Tests.Email;

/// <summary>
/// A real SMTP server for the email tests: Debian's aiosmtpd writing to a Maildir, read back with MimeKit.
/// <see cref="Shared"/> is the one the test command started; a fault test starts its own on a free port
/// (or leaves it stopped), stops it by its process (never by name) and can start it again on the same port.
/// A sink that requires authentication (with STARTTLS or implicit TLS) runs <c>Email/authenticating_smtp.py</c>,
/// since Debian's aiosmtpd command line has no authenticator.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly string? _handler;
    private Process? _process;
    private (string Certificate, string Key)? _tls;
    private (string User, string Password)? _credentials;
    private bool _implicitTls;

    private SmtpSink(int port, string mailDir, string? handler, bool owned)
    {
        Port = port;
        MailDir = mailDir;
        _handler = handler;
        Owned = owned;
    }

    /// <summary>Whether the sink requires STARTTLS (aiosmtpd refuses mail before it).</summary>
    public bool RequiresTls => _tls is not null;

    /// <summary>Makes the sink offer and require STARTTLS with this certificate and key (PEM files); before <see cref="StartAsync"/>.</summary>
    public void UseTls(string certificatePemFile, string keyPemFile) => _tls = (certificatePemFile, keyPemFile);

    /// <summary>Makes the sink TLS from the first byte (SMTPS, "SslOnConnect") instead of STARTTLS; needs <see cref="RequireAuthentication"/>.</summary>
    public void UseImplicitTls(string certificatePemFile, string keyPemFile)
    {
        _tls = (certificatePemFile, keyPemFile);
        _implicitTls = true;
    }

    /// <summary>Makes the sink accept mail only after AUTH with exactly this user and password (over TLS); before <see cref="StartAsync"/>.</summary>
    public void RequireAuthentication(string user, string password) => _credentials = (user, password);

    public bool ImplicitTls => _implicitTls;

    public static SmtpSink Shared { get; } = FromEnvironment();

    public static string Host => "127.0.0.1";

    public int Port { get; }

    public string MailDir { get; }

    public bool Owned { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>A sink of the test's own, not started yet; <paramref name="handler"/> is an aiosmtpd handler class (default: Mailbox).</summary>
    public static SmtpSink Create(string? handler = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "governance-smtp", Guid.NewGuid().ToString("N"));
        foreach (var sub in new[] { "tmp", "new", "cur" })
        {
            Directory.CreateDirectory(Path.Combine(folder, sub));
        }

        return new SmtpSink(FreePort(), folder, handler, owned: true);
    }

    /// <summary>Settings that point the server at this sink: STARTTLS when the sink requires it, plain SMTP otherwise.</summary>
    public Dictionary<string, string?> Settings() => new(StringComparer.Ordinal)
    {
        ["Email:Delivery"] = "Smtp",
        ["Email:Host"] = Host,
        ["Email:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Security"] = _implicitTls ? "SslOnConnect" : RequiresTls ? "StartTls" : "None",
    };

    public async Task StartAsync()
    {
        if (!Owned)
        {
            throw new InvalidOperationException("The shared SMTP sink belongs to the test command.");
        }

        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (_credentials is { } credentials)
        {
            var tls = _tls ?? throw new InvalidOperationException("An authenticating sink needs TLS (UseTls or UseImplicitTls).");
            var port = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var argument in new[]
            {
                Path.Combine(AppContext.BaseDirectory, "Email", "authenticating_smtp.py"), "--port", port, "--maildir", MailDir,
                "--user", credentials.User, _implicitTls ? "--implicit-tls" : "--starttls", tls.Certificate, tls.Key,
            })
            {
                start.ArgumentList.Add(argument);
            }

            // Not on the command line, where any process could read it.
            start.Environment["GOVERNANCE_SMTP_PASSWORD"] = credentials.Password;
        }
        else
        {
            if (_implicitTls)
            {
                throw new InvalidOperationException("Implicit TLS is offered by the authenticating sink only (RequireAuthentication).");
            }

            foreach (var argument in new[] { "-m", "aiosmtpd", "-n", "-l", $"{Host}:{Port}", "-c", _handler ?? "aiosmtpd.handlers.Mailbox", MailDir })
            {
                start.ArgumentList.Add(argument);
            }

            if (_tls is { } tls)
            {
                foreach (var argument in new[] { "--tlscert", tls.Certificate, "--tlskey", tls.Key })
                {
                    start.ArgumentList.Add(argument);
                }
            }
        }

        start.Environment["PYTHONPATH"] = Path.Combine(AppContext.BaseDirectory, "Email");
        _process = Process.Start(start) ?? throw new InvalidOperationException("aiosmtpd did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"aiosmtpd exited with code {_process.ExitCode} (port {Port}).");
            }

            if (await GreetsAsync())
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"aiosmtpd did not greet on {Host}:{Port} within 20 s.");
    }

    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _process = null;
    }

    /// <summary>Every message the sink has received, parsed.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var messages = new List<MimeMessage>();
        foreach (var file in Directory.GetFiles(Path.Combine(MailDir, "new")))
        {
            try
            {
                messages.Add(MimeMessage.Load(file));
            }
            catch (IOException)
            {
                // Maildir moves a message into new/ only once it is complete, but the shared sink is
                // written by every test at once: a file vanishing under a listing is skipped.
            }
        }

        return messages;
    }

    /// <summary>The received messages with this Message-ID (a duplicate after a crash shows up as two).</summary>
    public IReadOnlyList<MimeMessage> WithMessageId(string messageId) => Messages().Where(m => m.MessageId == messageId).ToList();

    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(string messageId, int count = 1, TimeSpan? timeout = null)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var found = WithMessageId(messageId);
            if (found.Count >= count || waited.Elapsed > (timeout ?? TimeSpan.FromSeconds(10)))
            {
                return found;
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (Owned)
        {
            try
            {
                Directory.Delete(MailDir, recursive: true);
            }
            catch (IOException)
            {
                // Left for the temp folder's cleanup.
            }
        }
    }

    private async Task<bool> GreetsAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(Host, Port);
            Stream stream = client.GetStream();
            if (_implicitTls)
            {
                // The greeting comes after the handshake, with the sink's own (self-signed) certificate.
                using var own = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(_tls!.Value.Certificate));
                var expected = own.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
                var tls = new System.Net.Security.SslStream(stream, leaveInnerStreamOpen: false, (_, certificate, _, _) =>
                    certificate is not null && string.Equals(certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256), expected, StringComparison.Ordinal));
                await tls.AuthenticateAsClientAsync(Host).WaitAsync(TimeSpan.FromSeconds(2));
                stream = tls;
            }

            using var reader = new StreamReader(stream);
            var line = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(2));
            return line?.StartsWith("220", StringComparison.Ordinal) == true;
        }
        catch (Exception exception) when (exception is SocketException or IOException or TimeoutException or System.Security.Authentication.AuthenticationException)
        {
            return false;
        }
    }

    private static SmtpSink FromEnvironment()
    {
        var host = Environment.GetEnvironmentVariable("GOVERNANCE_TEST_SMTP_HOST");
        var port = Environment.GetEnvironmentVariable("GOVERNANCE_TEST_SMTP_PORT");
        var mailDir = Environment.GetEnvironmentVariable("GOVERNANCE_TEST_SMTP_MAILDIR");
        if (host != "127.0.0.1" || port is null || mailDir is null)
        {
            throw new InvalidOperationException(
                "GOVERNANCE_TEST_SMTP_HOST/PORT/MAILDIR are not set: run the tests with ./test.sh, which starts an aiosmtpd SMTP sink.");
        }

        return new SmtpSink(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture), mailDir, null, owned: false);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
