using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Governance.Server.Tests.Infrastructure;

/// <summary>
/// The real server as its own OS process (<c>dotnet Governance.Server.dll</c>, the build next to the
/// tests) on 127.0.0.1 and a free port, configured only by environment variables: for what must
/// survive a crash, and for several processes sharing one database. It is stopped by its
/// <see cref="Process"/> object, never by name: hard (SIGKILL) or gracefully (SIGTERM).
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private const int MaxOutputLines = 4000;
    private const int SigTerm = 15;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    // Inherited variables with these prefixes could reconfigure the child; it gets only the test's.
    private static readonly string[] ClearedPrefixes =
        ["ASPNETCORE_", "DOTNET_ENVIRONMENT", "Database__", "ConnectionStrings__", "Workflows__", "Demo__", "Logging__", "Identity__"];

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServerProcess(string name, Process process, Uri baseAddress)
    {
        Name = name;
        _process = process;
        BaseAddress = baseAddress;
        Id = process.Id;
    }

    /// <summary>The test's name for this process, used in messages.</summary>
    public string Name { get; }

    /// <summary>The OS process id; the server's timer lease owner names start with it.</summary>
    public int Id { get; }

    public Uri BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>When <see cref="Kill"/> was called, if it was.</summary>
    public DateTimeOffset? KilledAt { get; private set; }

    /// <summary>What the process wrote to stdout and stderr so far (the last lines if it wrote many).</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    /// <summary>
    /// Starts a server on a PostgreSQL database and waits until <c>/health</c> answers 200.
    /// <paramref name="settings"/> are environment variables (<c>Workflows__TimerLease</c>) that add to or
    /// replace the defaults: no file import, timers polled every 200 ms, no demo seed, warnings only.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(
        string name, string connectionString, IReadOnlyDictionary<string, string>? settings = null, CancellationToken cancellationToken = default)
    {
        var folder = AppContext.BaseDirectory;
        var dll = Path.Combine(folder, "Governance.Server.dll");
        if (!File.Exists(dll) || !File.Exists(Path.Combine(folder, "Governance.Server.runtimeconfig.json")))
        {
            throw new InvalidOperationException($"The server build is not next to the tests ({folder}): build tests/Governance.Server.Tests first.");
        }

        for (var attempt = 1; ; attempt++)
        {
            var server = Launch(name, folder, dll, connectionString, settings);
            try
            {
                await server.WaitUntilHealthyAsync(cancellationToken);
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3 && server.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                // The free port was taken between finding it and binding it: try another.
                await server.DisposeAsync();
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>
    /// Fails the test if the process logged at error level (<c>fail:</c>), showing everything it wrote so
    /// the failure can be read from the test log alone.
    /// </summary>
    public void AssertLoggedNoFailure()
    {
        var output = Output;
        if (output.Contains("fail:", StringComparison.Ordinal))
        {
            Assert.Fail($"Server process {this} logged a failure. Output:{Environment.NewLine}{output}");
        }
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A client with a client-credentials token this process issued (an integration raising events).</summary>
    public async Task<HttpClient> CreateIntegrationClientAsync()
    {
        var client = CreateClient();
        using var response = await client.PostAsync(new Uri("connect/token", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = TestAccounts.IntegrationClientId,
            ["client_secret"] = TestAccounts.IntegrationClientSecret,
            ["scope"] = "governance.write",
        }));
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            client.Dispose();
            throw new InvalidOperationException($"Server process {this} refused a client-credentials token: {(int)response.StatusCode} {text}");
        }

        var token = System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("access_token").GetString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A crash: SIGKILL. Nothing runs in the process after it: no shutdown, no flush, no answer to requests in flight.</summary>
    public void Kill()
    {
        KilledAt = DateTimeOffset.UtcNow;
        _process.Kill(entireProcessTree: true);
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken = default) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>
    /// A graceful stop (SIGTERM: the host shuts down and exits with 0). Killed if it has not exited
    /// within <paramref name="timeout"/>; returns whether it stopped by itself with exit code 0.
    /// </summary>
    public async Task<bool> StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return KilledAt is null && _process.ExitCode == 0;
        }

        if (SendSignal(Id, SigTerm) == 0)
        {
            using var wait = new CancellationTokenSource(timeout);
            try
            {
                await _process.WaitForExitAsync(wait.Token);
                return _process.ExitCode == 0;
            }
            catch (OperationCanceledException)
            {
                // Did not stop in time: fall through to a kill.
            }
        }

        Kill();
        await _process.WaitForExitAsync();
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    public override string ToString() => $"{Name} (pid {Id}, {BaseAddress})";

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        // A probe is answered, never abandoned: a first /health on a loaded machine can take seconds, and a
        // probe given up mid-way cancels the server's database check, which it logs as a failure.
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var deadline = Stopwatch.StartNew();
        string? last = null;
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(cancellationToken);
                throw new InvalidOperationException(
                    $"Server process {this} exited with code {_process.ExitCode} before it was healthy. Output:{Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("health", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}";
            }
            catch (HttpRequestException exception)
            {
                last = exception.Message;
            }
            catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
            {
                last = exception.Message;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }

        throw new TimeoutException(
            $"Server process {this} was not healthy within {StartTimeout.TotalSeconds:0} s (last answer: {last}). Output:{Environment.NewLine}{Output}");
    }

    private static ServerProcess Launch(string name, string folder, string dll, string connectionString, IReadOnlyDictionary<string, string>? settings)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { dll, "--urls", $"http://127.0.0.1:{port}", "--contentRoot", folder })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var inherited in start.Environment.Keys
                     .Where(k => ClearedPrefixes.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            start.Environment.Remove(inherited);
        }

        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__Governance"] = connectionString,
            ["Workflows__Folder"] = string.Empty,
            ["Workflows__TimerPollInterval"] = "00:00:00.200",
            ["Workflows__TimerLease"] = "00:00:30",
            ["Workflows__TimerBatchSize"] = "100",
            ["Demo__Seed"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Identity__RequireHttps"] = "false",
            ["Identity__Clients__0__ClientId"] = TestAccounts.IntegrationClientId,
            ["Identity__Clients__0__ClientSecret"] = TestAccounts.IntegrationClientSecret,
            ["Identity__Clients__0__GrantTypes__0"] = "client_credentials",
            ["Identity__Clients__0__Scopes__0"] = "governance.write",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        if (!process.Start())
        {
            throw new InvalidOperationException($"Server process {name} did not start.");
        }

        var server = new ServerProcess(name, process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > MaxOutputLines && _output.TryDequeue(out _))
        {
            // Keep the newest lines: the end of the output is what explains a failure.
        }
    }

    // The muxer that runs the tests runs the server too (the SDK names it in DOTNET_HOST_PATH).
    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    // .NET can send SIGKILL (Process.Kill) but not SIGTERM, which is what a service manager sends to stop a host gracefully.
    // DllImport, not LibraryImport: that would need AllowUnsafeBlocks for one blittable call.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SendSignal(int pid, int signal);
}
