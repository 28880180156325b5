using System.Globalization;
using System.Security.Claims;
using Governance.Domain.Ballots;
using Governance.Domain.Common;
using Governance.Domain.Memberships;
using Governance.Domain.Organizations;
using Governance.Domain.Tasks;
using Governance.Server.Access;
using Governance.Server.Demo;
using Governance.Server.Features.Ballots;
using Governance.Server.Features.Lifecycles;
using Governance.Server.Features.Memberships;
using Governance.Server.Features.Tasks;
using Governance.Server.Tests.Infrastructure;
using Governance.Server.WorkflowHosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;


namespace Governance.Ui.Tests.Infrastructure;

/// <summary>An admission started for a new university: its membership, the process and the organization's (unique) name.</summary>
public sealed record AdmissionStarted(Guid MembershipId, Guid InstanceId, string OrganizationName);

/// <summary>
/// Open tasks and ballots made by the real workflows: the definitions of <c>workflows/</c> imported into
/// the UI server (once per server), a new university applying to the demo alliance, and the people acting
/// through the same handlers the API and the pages call, as themselves. Each call makes its own applicant,
/// so scenarios do not depend on one another or on their order.
/// </summary>
public static class WorkflowScenarioData
{
    private static readonly SemaphoreSlim Importing = new(1, 1);
    private static readonly HashSet<Uri> Imported = [];

    /// <summary>The demo council, chair first.</summary>
    public static readonly string[] Council =
        ["chair", "council.bohai", "council.jinggong", "council.northeast", "council.jidian", "council.yuanhang", "council.institute"];

    /// <summary>The secretariat records a new university's application and starts its admission; the review task is then open.</summary>
    public static async Task<AdmissionStarted> StartAdmissionAsync(UiServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        await ImportWorkflowsAsync(server);
        var name = $"营口第{Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture)}职业技术学院";
        Guid allianceId;
        OrganizationId organization;
        await using (var scope = server.Scope())
        {
            var db = UiServer.Db(scope);
            allianceId = (await db.Alliances.AsNoTracking().SingleAsync(a => a.Name == DemoSeeder.AllianceName)).Id.Value;
            var created = new Organization(OrganizationId.New(), OrganizationKind.University, name, UnifiedSocialCreditCode.Parse(CreditCode()),
                "营口市", "刘校长", TimeProvider.System.GetUtcNow());
            db.Organizations.Add(created);
            await db.SaveChangesAsync();
            organization = created.Id;
        }

        var membership = await AsAsync<ApplyForMembershipHandler, Membership>(server, "secretariat",
            (h, ct) => h.HandleAsync(allianceId, new ApplyForMembershipRequest(organization.Value, MembershipRole.MemberUnit), ct));
        var started = await AsAsync<StartLifecycleHandler, LifecycleStarted>(server, "secretariat", (h, ct) => h.AdmissionAsync(membership.Id.Value, ct));
        return new AdmissionStarted(membership.Id.Value, started.InstanceId, name);
    }

    /// <summary>The open task of one kind the process has for the person (e.g. the secretariat's review, a council member's vote).</summary>
    public static async Task<WorkTask> OpenTaskAsync(UiServer server, Guid instance, WorkTaskKind kind, string mailbox)
    {
        ArgumentNullException.ThrowIfNull(server);
        await using var scope = server.Scope();
        var db = UiServer.Db(scope);
        var person = await PersonAsync(db, mailbox);
        return await db.Tasks.AsNoTracking()
            .SingleAsync(t => t.InstanceId == instance && t.Kind == kind && t.AssigneeId == person && t.Status == WorkTaskStatus.Open);
    }

    public static async Task<WorkTask> TaskAsync(UiServer server, Guid task)
    {
        ArgumentNullException.ThrowIfNull(server);
        await using var scope = server.Scope();
        return await UiServer.Db(scope).Tasks.AsNoTracking().SingleAsync(t => t.Id == new WorkTaskId(task));
    }

    /// <summary>The secretariat approves the admission's review: the council ballot opens. Returns the ballot's id.</summary>
    public static async Task<Guid> OpenBallotAsync(UiServer server, AdmissionStarted admission)
    {
        ArgumentNullException.ThrowIfNull(admission);
        var review = await OpenTaskAsync(server, admission.InstanceId, WorkTaskKind.Approve, "secretariat");
        await AsAsync<CompleteTaskHandler, TaskDetailResponse>(server, "secretariat",
            (h, ct) => h.HandleAsync(review.Id.Value, new CompleteTaskRequest("approve", "材料齐全", null), ct));
        var vote = await OpenTaskAsync(server, admission.InstanceId, WorkTaskKind.Vote, "chair");
        return Guid.Parse(vote.WaitKey!);
    }

    /// <summary>The council members vote yes in turn (skipping those who voted) until the ballot closes.</summary>
    public static async Task<BallotResponse> VoteYesUntilClosedAsync(UiServer server, Guid ballot)
    {
        BallotResponse? state = null;
        foreach (var voter in Council)
        {
            state = await AsAsync<GetBallotHandler, BallotResponse>(server, voter, (h, ct) => h.HandleAsync(ballot, null, ct));
            if (state.Status == BallotStatus.Closed)
            {
                return state;
            }

            if (state.Me.Vote is null)
            {
                state = await AsAsync<CastVoteHandler, BallotResponse>(server, voter, (h, ct) => h.CastAsync(ballot, new CastVoteRequest(VoteChoice.Yes), ct));
            }
        }

        return state!;
    }

    public static async Task<Ballot> BallotAsync(UiServer server, Guid ballot)
    {
        ArgumentNullException.ThrowIfNull(server);
        await using var scope = server.Scope();
        return await UiServer.Db(scope).Ballots.AsNoTracking().SingleAsync(b => b.Id == new BallotId(ballot));
    }

    public static async Task<PersonId> PersonAsync(UiServer server, string mailbox)
    {
        ArgumentNullException.ThrowIfNull(server);
        await using var scope = server.Scope();
        return await PersonAsync(UiServer.Db(scope), mailbox);
    }

    /// <summary>Runs a feature handler as a demo person, in a scope of its own (as a request, or a page's operation, would).</summary>
    public static async Task<T> AsAsync<THandler, T>(UiServer server, string mailbox, Func<THandler, CancellationToken, Task<T>> operation)
        where THandler : notnull
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(operation);
        await using var scope = server.Scope();
        var person = await PersonAsync(UiServer.Db(scope), mailbox);
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, person.Value.ToString())], "ui-tests"));
        scope.ServiceProvider.GetRequiredService<CallerContext>().ActAs(user, "127.0.0.1", "ui-tests");
        return await operation(scope.ServiceProvider.GetRequiredService<THandler>(), CancellationToken.None);
    }

    private static Task<PersonId> PersonAsync(Governance.Server.Persistence.GovernanceDbContext db, string mailbox) =>
        db.People.AsNoTracking().Where(p => p.Email == UiServer.DemoEmail(mailbox)).Select(p => p.Id).SingleAsync();

    private static async Task ImportWorkflowsAsync(UiServer server)
    {
        await Importing.WaitAsync();
        try
        {
            if (!Imported.Add(server.Address))
            {
                return;
            }

            await using var scope = server.Scope();
            var store = scope.ServiceProvider.GetRequiredService<WorkflowDefinitionStore>();
            foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Workflows, "*.json").Order(StringComparer.Ordinal))
            {
                await store.ImportAsync(await File.ReadAllTextAsync(file), CancellationToken.None);
            }
        }
        finally
        {
            Importing.Release();
        }
    }

    // A well-formed, unique unified social credit code (GB 32100 check character).
    private static string CreditCode()
    {
        var body = Random.Shared.Next(10_000_000, 99_999_999).ToString("D8", CultureInfo.InvariantCulture);
        var first17 = "12210800" + body + "1";
        return first17 + UnifiedSocialCreditCode.CheckCharacter(first17);
    }
}
