using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Governance.Domain.Common;
using Governance.Domain.People;
using Governance.Server.Features.Email;
using Governance.Server.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Email delivery benchmark (see README "Email"): N composed messages (HTML + text, zh-CN) sent by the
// outbox dispatcher over one reused SMTP connection to a local aiosmtpd writing a Maildir. One JSON line.
//   dotnet run -c Release --project bench/Governance.EmailBench -- [--messages 2000] [--batch 50] [--pg "Host=…;Port=…;Username=postgres;Database=…"]
var messages = IntArgument("--messages", 2000);
var batch = IntArgument("--batch", 50);
var pg = StringArgument("--pg");
var folder = Path.Combine(Path.GetTempPath(), "governance-emailbench", Guid.NewGuid().ToString("N"));
var mailDir = Path.Combine(folder, "mail");
foreach (var sub in new[] { "tmp", "new", "cur" })
{
    Directory.CreateDirectory(Path.Combine(mailDir, sub));
}

var port = FreePort();
using var smtp = StartSink(port, mailDir);
try
{
    await WaitForGreetingAsync(port);
    var builder = WebApplication.CreateBuilder([]);
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Database:Provider"] = pg is null ? "Sqlite" : "PostgreSql",
        ["ConnectionStrings:Governance"] = pg ?? $"Data Source={Path.Combine(folder, "bench.db")}",
        ["Email:Delivery"] = "Smtp",
        ["Email:Host"] = "127.0.0.1",
        ["Email:Port"] = port.ToString(CultureInfo.InvariantCulture),
        ["Email:Security"] = "None",
        ["Email:BatchSize"] = batch.ToString(CultureInfo.InvariantCulture),
        ["Email:RunDispatcher"] = "false",
        ["Logging:LogLevel:Default"] = "Warning",
    });
    builder.Logging.ClearProviders();
    builder.AddGovernancePersistence();
    builder.Services.AddGovernanceEmail(builder.Configuration);
    await using var app = builder.Build();
    await using (var scope = app.Services.CreateAsyncScope())
    {
        await DatabaseMigrator.MigrateAsync(scope.ServiceProvider, pg is null ? DatabaseProvider.Sqlite : DatabaseProvider.PostgreSql, app.Logger, CancellationToken.None);
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        var person = new Person(PersonId.New(), "周办事", $"bench.{Guid.NewGuid():N}@demo.example", null, PreferredLanguage.ZhCn, DateTimeOffset.UtcNow);
        db.People.Add(person);
        await db.SaveChangesAsync();
        var composer = scope.ServiceProvider.GetRequiredService<EmailComposer>();
        for (var i = 0; i < messages; i++)
        {
            await composer.ComposeAsync(RecipientSpec.Person(person.Id),
                new TaskAssignedEmail(WorkTaskId.New(), $"审核入盟申请 第 {i} 号", "辽宁省智能制造产教联盟", null, DateTimeOffset.UtcNow.AddDays(5), "王秘书"));
            if (i % 200 == 199)
            {
                await db.SaveChangesAsync();
            }
        }

        await db.SaveChangesAsync();
    }

    var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
    var clock = Stopwatch.StartNew();
    var sent = 0;
    while (await dispatcher.DispatchDueAsync(CancellationToken.None) is var n && n > 0)
    {
        sent += n;
    }

    clock.Stop();
    var received = Directory.GetFiles(Path.Combine(mailDir, "new")).Length;
    var result = new JsonObject
    {
        ["benchmark"] = "email-outbox-to-smtp",
        ["db"] = pg is null ? "sqlite" : "postgresql",
        ["messages"] = messages,
        ["batch"] = batch,
        ["leased"] = sent,
        ["receivedBySmtpServer"] = received,
        ["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 3),
        ["messagesPerSecond"] = Math.Round(messages / clock.Elapsed.TotalSeconds, 1),
    };
    Console.WriteLine(result.ToJsonString());
    return received == messages ? 0 : 1;
}
finally
{
    if (!smtp.HasExited)
    {
        smtp.Kill();
        await smtp.WaitForExitAsync();
    }

    Directory.Delete(folder, recursive: true);
}

int IntArgument(string name, int fallback)
{
    var value = StringArgument(name);
    return value is null ? fallback : int.Parse(value, CultureInfo.InvariantCulture);
}

string? StringArgument(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}

static Process StartSink(int port, string mailDir)
{
    var start = new ProcessStartInfo("/usr/bin/python3") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var argument in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", mailDir })
    {
        start.ArgumentList.Add(argument);
    }

    var process = Process.Start(start) ?? throw new InvalidOperationException("aiosmtpd did not start.");
    process.OutputDataReceived += (_, _) => { };
    process.ErrorDataReceived += (_, _) => { };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    return process;
}

static async Task WaitForGreetingAsync(int port)
{
    var waited = Stopwatch.StartNew();
    while (waited.Elapsed < TimeSpan.FromSeconds(20))
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            using var reader = new StreamReader(client.GetStream());
            if ((await reader.ReadLineAsync())?.StartsWith("220", StringComparison.Ordinal) == true)
            {
                return;
            }
        }
        catch (SocketException)
        {
        }

        await Task.Delay(100);
    }

    throw new TimeoutException("aiosmtpd did not greet within 20 s.");
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    var port = ((IPEndPoint)listener.LocalEndpoint).Port;
    listener.Stop();
    return port;
}
