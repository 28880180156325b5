using System.Diagnostics;
using Governance.Server.Persistence.Providers;
using Governance.Server.Tests.Durability;
using Governance.Server.Tests.Infrastructure;
using Governance.Server.WorkflowHosting;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Governance.Server.Tests.Email;

/// <summary>
/// The real server process killed (SIGKILL) after it handed a message to the SMTP server and before it
/// recorded that: the message is not lost. A restarted server sends it again, with the same Message-ID,
/// which is what lets a receiver drop the duplicate (the at-least-once guarantee in the README).
/// </summary>
[Collection(ServerProcesses.Name)]
public sealed class DispatcherCrashTests(ITestOutputHelper output)
{
    [Fact]
    public async Task DispatcherKilledBetweenSendAndCommit_MessageIsSentAgainWithTheSameMessageId()
    {
        await using var database = new PostgresTarget();
        await database.CreateAsync();
        await using var sink = SmtpSink.Create();
        await sink.StartAsync();
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Email__Delivery"] = "Smtp",
            ["Email__Host"] = SmtpSink.Host,
            ["Email__Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email__Security"] = "None",
            ["Email__FromAddress"] = "noreply@governance.example.edu.cn",
            ["Email__PollInterval"] = "00:00:00.200",
            ["Email__Lease"] = "00:00:03",
        };
        var holding = new Dictionary<string, string>(settings, StringComparer.Ordinal) { ["Email__FaultInjectionHoldAfterSend"] = "00:05:00" };

        var id = Guid.CreateVersion7();
        var messageId = $"{id:N}@governance.example.edu.cn";
        await using (var first = await ServerProcess.StartAsync("first", database.ConnectionString, holding))
        {
            await using (var db = Db(database))
            {
                db.OutboxMessages.Add(new OutboxMessageRecord
                {
                    Id = id,
                    To = "secretariat@demo.example",
                    Subject = "【表决】关于增补理事单位的议案",
                    Body = "理事会表决已开始。",
                    HtmlBody = "<p>理事会表决已开始。</p>",
                    Kind = "ballot-opened",
                    Language = "zh-CN",
                    MessageId = messageId,
                    Status = OutboxStatus.Pending,
                    NextAttemptAt = DateTimeOffset.UtcNow,
                    CreatedAt = DateTimeOffset.UtcNow,
                });
                await db.SaveChangesAsync();
            }

            // The first server sends it, then holds before recording the send.
            Assert.Single(await sink.WaitForAsync(messageId, timeout: TimeSpan.FromSeconds(30)));
            var inFlight = await LoadAsync(database, id);
            Assert.Equal(OutboxStatus.Pending, inFlight.Status);
            Assert.StartsWith($"{first.Id}:", inFlight.LeaseOwner, StringComparison.Ordinal);
            Assert.Contains("Fault injection: holding after sending", first.Output, StringComparison.Ordinal);

            first.Kill();
            await first.WaitForExitAsync();
        }

        var afterCrash = await LoadAsync(database, id);
        Assert.Equal(OutboxStatus.Pending, afterCrash.Status);
        Assert.Null(afterCrash.SentAt);

        var restartedAt = Stopwatch.StartNew();
        await using var restarted = await ServerProcess.StartAsync("restarted", database.ConnectionString, settings);
        OutboxMessageRecord final;
        do
        {
            await Task.Delay(100);
            final = await LoadAsync(database, id);
        }
        while (final.Status != OutboxStatus.Sent && restartedAt.Elapsed < TimeSpan.FromSeconds(60));

        output.WriteLine($"sent again {restartedAt.Elapsed.TotalSeconds:0.0} s after the restart (lease 3 s)");
        Assert.True(final.Status == OutboxStatus.Sent, $"Not sent after the restart: {final.Status}, {final.LastError}{Environment.NewLine}{restarted.Output}");
        Assert.Equal(2, final.Attempts);
        var copies = await sink.WaitForAsync(messageId, count: 2);
        Assert.Equal(2, copies.Count);
        Assert.All(copies, m => Assert.Equal(messageId, m.MessageId));
        Assert.All(copies, m => Assert.Equal("【表决】关于增补理事单位的议案", m.Subject));
        Assert.True(await restarted.StopAsync(TimeSpan.FromSeconds(20)), restarted.Output);
    }

    private static PostgreSqlGovernanceDbContext Db(PostgresTarget database) =>
        new(new DbContextOptionsBuilder<PostgreSqlGovernanceDbContext>().UseNpgsql(database.ConnectionString).Options);

    private static async Task<OutboxMessageRecord> LoadAsync(PostgresTarget database, Guid id)
    {
        await using var db = Db(database);
        return await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
    }
}
