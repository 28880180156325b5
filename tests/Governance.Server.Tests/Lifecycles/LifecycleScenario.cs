using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Documents.Tests.Support;
using Governance.Domain.Common;
using Governance.Domain.People;
using Governance.Server.Identity;
using Microsoft.AspNetCore.Identity;
using Governance.Server.Demo;
using Governance.Server.Features.Email;
using Governance.Server.Tests.Email;
using Governance.Server.Tests.Infrastructure;
using Governance.Server.WorkflowHosting;
using Governance.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Governance.Server.Tests.Lifecycles;

/// <summary>
/// An end-to-end lifecycle: the demo alliance, the six definitions from <c>workflows/</c>, the real
/// server on a real database delivering to a real SMTP server, and the people acting through the HTTP
/// API with their own tokens (the demo password; step-up by password re-entry or by the emailed code).
/// </summary>
public abstract class LifecycleScenario(ServerFixture fixture) : EmailTest(fixture)
{
    protected static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);

    protected Guid AllianceId { get; private set; }

    /// <summary>Demo people by mailbox (the part before @demo.example).</summary>
    protected Dictionary<string, PersonId> People { get; } = new(StringComparer.Ordinal);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var scope = Scope();
        var seeded = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
        AllianceId = seeded.AllianceId;
        var db = GovernanceApiFactory.Db(scope);
        foreach (var person in await db.People.AsNoTracking().ToListAsync())
        {
            People[person.Email.Split('@')[0]] = person.Id;
        }

        var store = scope.ServiceProvider.GetRequiredService<WorkflowDefinitionStore>();
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Workflows, "*.json").Order(StringComparer.Ordinal))
        {
            await store.ImportAsync(await File.ReadAllTextAsync(file), CancellationToken.None);
        }
    }

    public override async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await base.DisposeAsync();
    }

    /// <summary>The HTTP client of a demo person, signed in with the demo password (signed in again once the token expired).</summary>
    protected async Task<HttpClient> As(string mailbox)
    {
        var client = await Server.CreateClientForAsync(People[mailbox], password: DemoSeeder.DemoPassword);
        _clients[$"{mailbox}:{_clients.Count}"] = client;
        return client;
    }

    protected async Task<JsonObject> PostAsync(string mailbox, string path, object? body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var client = await As(mailbox);
        using var response = await client.PostAsJsonAsync(path, body ?? new { }, Json);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"POST {path} as {mailbox}: {(int)response.StatusCode} {text}");
        return string.IsNullOrEmpty(text) ? [] : JsonNode.Parse(text)!.AsObject();
    }

    protected async Task<JsonNode> GetAsync(string mailbox, string path)
    {
        var client = await As(mailbox);
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} as {mailbox}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    protected async Task<byte[]> DownloadAsync(string mailbox, Guid documentId)
    {
        var client = await As(mailbox);
        return await client.GetByteArrayAsync($"/api/v1/documents/{documentId}/content");
    }

    /// <summary>A step-up proof by re-entering the password.</summary>
    protected async Task<string> ProofByPasswordAsync(string mailbox, string purpose) =>
        (await PostAsync(mailbox, "/api/v1/step-up/verify", new { purpose, password = DemoSeeder.DemoPassword }))["proof"]!.GetValue<string>();

    /// <summary>A step-up proof with the code read from the email the real SMTP server received.</summary>
    protected async Task<string> ProofByEmailedCodeAsync(string mailbox, string purpose)
    {
        await PostAsync(mailbox, "/api/v1/step-up/codes", new { purpose }, HttpStatusCode.Accepted);
        await DispatchAllAsync();

        // The sink keeps every run's mail: the code is in the message this run's outbox sent last.
        string messageId;
        await using (var scope = Scope())
        {
            messageId = await GovernanceApiFactory.Db(scope).OutboxMessages.AsNoTracking()
                .Where(m => m.To == $"{mailbox}@{DemoSeeder.EmailDomain}" && m.Subject.StartsWith("验证码 "))
                .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
                .Select(m => m.MessageId).FirstAsync();
        }

        var message = Assert.Single(await Sink.WaitForAsync(messageId));
        var code = message.Subject!["验证码 ".Length..].Trim();
        Assert.Matches("^[0-9]{6}$", code);
        return (await PostAsync(mailbox, "/api/v1/step-up/verify", new { purpose, code }))["proof"]!.GetValue<string>();
    }

    /// <summary>Sends everything due until the outbox is empty.</summary>
    protected async Task<int> DispatchAllAsync()
    {
        var sent = 0;
        for (int batch; (batch = await DispatchAsync()) > 0;)
        {
            sent += batch;
        }

        return sent;
    }

    protected IReadOnlyList<MimeMessage> MessagesTo(string mailbox) =>
        Sink.Messages().Where(m => m.To.Mailboxes.Any(a => a.Address == $"{mailbox}@{DemoSeeder.EmailDomain}")).ToList();

    /// <summary>Messages of one kind of this test's run (the sink is shared): matched through the outbox's Message-IDs.</summary>
    protected async Task<IReadOnlyList<(OutboxMessageRecord Record, MimeMessage Mail)>> SentAsync(EmailKind kind)
    {
        await using var scope = Scope();
        var records = await GovernanceApiFactory.Db(scope).OutboxMessages.AsNoTracking()
            .Where(m => m.Kind == EmailKinds.Name(kind)).ToListAsync();
        return records.Select(r => (r, Assert.Single(Sink.WithMessageId(r.MessageId)))).ToList();
    }

    protected async Task<(WorkflowStatus Status, string? Outcome)> InstanceAsync(Guid instanceId)
    {
        var instance = await GetAsync("admin", $"/api/v1/workflows/instances/{instanceId}");
        Assert.True(instance["incidents"]!.AsArray().Count == 0, $"incidents: {instance["incidents"]!.ToJsonString()}");
        return (Enum.Parse<WorkflowStatus>(instance["instance"]!["status"]!.GetValue<string>()), instance["outcome"]?.GetValue<string>());
    }

    /// <summary>A new person with a role and an account with the demo password, known by its mailbox from now on.</summary>
    protected async Task<PersonId> NewPersonAsync(string mailbox, string name, Role role, RoleScope scope)
    {
        await using var services = Scope();
        var db = GovernanceApiFactory.Db(services);
        var person = new Person(PersonId.New(), name, $"{mailbox}@{DemoSeeder.EmailDomain}", null, PreferredLanguage.ZhCn, Now);
        person.Grant(role, scope, Now, null);
        db.People.Add(person);
        await db.SaveChangesAsync();
        var users = services.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var created = await users.CreateAsync(
            new Account { Id = person.Id.Value, UserName = person.Email, Email = person.Email, EmailConfirmed = true }, DemoSeeder.DemoPassword);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        People[mailbox] = person.Id;
        return person.Id;
    }

    /// <summary>A person's open tasks (待办), optionally of one kind.</summary>
    protected async Task<List<JsonNode>> TodoAsync(string mailbox, string? kind = null) =>
        (await GetAsync(mailbox, $"/api/v1/me/tasks?tab=todo&pageSize=100{(kind is null ? "" : $"&kind={kind}")}"))["items"]!.AsArray()
            .Select(t => t!).ToList();

    protected async Task DecideAsync(string mailbox, string kind, string action, string? comment = null)
    {
        var task = Assert.Single(await TodoAsync(mailbox, kind));
        await PostAsync(mailbox, $"/api/v1/tasks/{task["id"]}/complete", new { action, comment });
    }

    /// <summary>The ballot a council member is asked to vote on now (from the vote task's subject).</summary>
    protected async Task<Guid> OpenBallotAsync(string mailbox)
    {
        var task = Assert.Single(await TodoAsync(mailbox, "Vote"));
        var detail = await GetAsync(mailbox, $"/api/v1/tasks/{task["id"]}");
        return detail["subject"]!["id"]!.GetValue<Guid>();
    }

    protected async Task VoteAsync(string mailbox, Guid ballot, string choice)
    {
        var client = await As(mailbox);
        using var response = await client.PutAsJsonAsync($"/api/v1/ballots/{ballot}/vote", new { choice }, Json);
        Assert.True(response.IsSuccessStatusCode, $"vote as {mailbox}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Council members vote in turn until the ballot closes (it closes as soon as the result cannot change).</summary>
    protected async Task<JsonNode> VoteUntilClosedAsync(Guid ballot, IEnumerable<(string Voter, string Choice)> votes)
    {
        foreach (var (voter, choice) in votes)
        {
            await VoteAsync(voter, ballot, choice);
            var state = await GetAsync("chair", $"/api/v1/ballots/{ballot}");
            if (state["status"]!.GetValue<string>() == "Closed")
            {
                return state;
            }
        }

        return await GetAsync("chair", $"/api/v1/ballots/{ballot}");
    }

    /// <summary>The alliance's only agreement (listed on the alliance), read with every party's status.</summary>
    protected async Task<JsonNode> SingleAgreementAsync()
    {
        var listed = Assert.Single((await GetAsync("secretariat", $"/api/v1/alliances/{AllianceId}/agreements")).AsArray())!;
        return await GetAsync("secretariat", $"/api/v1/agreements/{listed["id"]}");
    }

    /// <summary>The demo council: the chair and six council members.</summary>
    protected static readonly string[] Council =
        ["chair", "council.bohai", "council.jinggong", "council.northeast", "council.jidian", "council.yuanhang", "council.institute"];

    protected async Task<List<JsonNode>> DocumentsAsync(Guid instance)
    {
        var items = (await GetAsync("admin", $"/api/v1/documents?workflowInstanceId={instance}&pageSize=100"))["items"]!.AsArray();
        return items.Select(d => d!).ToList();
    }

    protected async Task<string> DocumentTextAsync(Guid documentId) =>
        PdfProbe.Compact(PdfProbe.Normalise(
            string.Concat(PdfProbe.PageTexts(await DownloadAsync("admin", documentId)))));

    protected Task<int> FireTimersAsync() =>
        Server.Services.GetRequiredService<TimerDispatcher>().DispatchDueAsync(CancellationToken.None);
}
