using System.Collections.Concurrent;
using System.Security.Claims;
using Governance.Domain.Agreements;
using Governance.Domain.Alliances;
using Governance.Domain.Charters;
using Governance.Domain.Common;
using Governance.Domain.Memberships;
using Governance.Domain.Organizations;
using Governance.Domain.People;
using Governance.Domain.Tasks;
using Governance.Server.Access;
using Governance.Server.Demo;
using Governance.Server.Features.Lifecycles;
using Governance.Server.Features.Reports;
using Governance.Server.Features.Tasks;
using Governance.Server.Identity;
using Governance.Server.Tests.Infrastructure;
using Governance.Server.WorkflowHosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Ui.Tests.Infrastructure;

/// <summary>
/// A small alliance of its own for the signing, tracking-board and annual-report scenarios, so that they
/// neither depend on nor disturb the demo alliance the other scenarios read: a department, three member
/// units each with a legal representative and a liaison (accounts with the demo password), a secretariat
/// member and a council. On it the real workflows from <c>workflows/</c> run through the lifecycle
/// handlers: an agreement round (one signing task backdated past its deadline, as if days had passed:
/// the shared server runs on the real clock), the previous year's report submitted by every member and
/// compiled by the secretariat, and this year's report collecting. Built once per server.
/// </summary>
public sealed record SigningTrackingReportData(
    Guid AllianceId, string AllianceName, Guid AgreementId, string AgreementTitle, Guid CollectingReportId, int CollectingYear,
    Guid CompiledReportId, int CompiledYear, string CompiledSummary, IReadOnlyDictionary<string, Guid> People)
{
    public const string Secretariat = "st.secretariat";
    public const string ChairLegal = "st.legal.chair";
    public const string EnterpriseLegal = "st.legal.enterprise";
    public const string SchoolLegal = "st.legal.school";
    public const string ChairLiaison = "st.liaison.chair";
    public const string EnterpriseLiaison = "st.liaison.enterprise";
    public const string SchoolLiaison = "st.liaison.school";

    public const string ChairUnit = "盘锦石化工程大学";
    public const string Enterprise = "盘锦海工装备有限公司";
    public const string School = "盘锦职业技术学院";

    private static readonly ConcurrentDictionary<UiServer, Lazy<Task<SigningTrackingReportData>>> Built = new();

    public static Task<SigningTrackingReportData> ForAsync(UiServer server) =>
        Built.GetOrAdd(server, s => new Lazy<Task<SigningTrackingReportData>>(() => BuildAsync(s))).Value;

    private static async Task<SigningTrackingReportData> BuildAsync(UiServer server)
    {
        var now = TimeProvider.System.GetUtcNow();
        const string name = "辽河石化装备产教联盟";
        var people = new Dictionary<string, Guid>(StringComparer.Ordinal);
        Guid allianceId;
        await using (var scope = server.Scope())
        {
            var db = UiServer.Db(scope);
            var department = Org(OrganizationKind.GovernmentAgency, "盘锦市教育局", "11", 61, "王振东", now);
            var chairUnit = Org(OrganizationKind.University, ChairUnit, "12", 62, "孟庆林", now);
            var enterprise = Org(OrganizationKind.Enterprise, Enterprise, "91", 63, "郭海峰", now);
            var school = Org(OrganizationKind.VocationalSchool, School, "12", 64, "齐月华", now);
            db.Organizations.AddRange(department, chairUnit, enterprise, school);

            var alliance = new Alliance(Domain.Common.AllianceId.New(), name, "石化装备", AllianceKind.IndustryEducationAlliance, department, now);
            allianceId = alliance.Id.Value;
            db.Alliances.Add(alliance);
            alliance.MoveTo(AllianceStatus.UnderReview, null, now);
            alliance.MoveTo(AllianceStatus.Founded, null, now);
            var memberships = new List<Membership>();
            foreach (var (organization, role) in new[] { (chairUnit, MembershipRole.ChairUnit), (enterprise, MembershipRole.ViceChairUnit), (school, MembershipRole.MemberUnit) })
            {
                var membership = Membership.Apply(alliance, organization, role, [], false, now);
                membership.Admit(now, memberships);
                membership.Activate(now);
                memberships.Add(membership);
            }

            db.Memberships.AddRange(memberships);

            // The council's rule for the annual report's approval comes from the charter in force.
            var charter = new Charter(CharterId.New(), alliance.Id, 1, $"{name}章程",
                [("总则", "本联盟由盘锦市从事石化装备相关教育和生产的院校、企业自愿组成。"), ("议事规则", "理事会审议事项经出席理事过半数同意。")],
                [new VotingRule(VotingMatter.General, Quorum.TwoThirds, VotingThreshold.MajorityOfVotesCast, true),
                 new VotingRule(VotingMatter.AnnualReport, Quorum.TwoThirds, VotingThreshold.MajorityOfVotesCast, false)],
                now);
            charter.PutInForceAtFounding(now);
            db.Charters.Add(charter);
            var allianceScope = RoleScope.Alliance(alliance.Id);
            var created = new List<Person>();
            Person Person(string mailbox, string personName)
            {
                var person = new Person(PersonId.New(), personName, UiServer.DemoEmail(mailbox), null, PreferredLanguage.ZhCn, now);
                created.Add(person);
                people[mailbox] = person.Id.Value;
                return person;
            }

            var secretariat = Person(Secretariat, "邵静怡");
            secretariat.Grant(Role.Secretariat, allianceScope, now, null);
            foreach (var (legal, liaison, unit, liaisonName, position) in new[]
            {
                (ChairLegal, ChairLiaison, chairUnit, "韩若溪", (CouncilPosition?)CouncilPosition.Chair),
                (EnterpriseLegal, EnterpriseLiaison, enterprise, "罗志成", CouncilPosition.ViceChair),
                (SchoolLegal, SchoolLiaison, school, "田雨桐", null),
            })
            {
                var representative = Person(legal, unit.LegalRepresentativeName);
                representative.Grant(Role.LegalRepresentative, RoleScope.Organization(unit.Id), now, null);
                unit.AssignLegalRepresentative(unit.LegalRepresentativeName, representative.Id, now);
                var contact = Person(liaison, liaisonName);
                contact.Grant(Role.Liaison, RoleScope.Organization(unit.Id), now, null);
                unit.AssignLiaison(contact.Id, now);
                if (position is { } seat)
                {
                    representative.Grant(seat == CouncilPosition.Chair ? Role.Chair : Role.CouncilMember, allianceScope, now, null);
                    if (seat == CouncilPosition.Chair)
                    {
                        representative.Grant(Role.CouncilMember, allianceScope, now, null);
                    }

                    alliance.SeatCouncilMember(representative.Id, memberships.Single(m => m.OrganizationId == unit.Id), seat, now);
                }
            }

            alliance.MoveTo(AllianceStatus.Active, null, now, memberships);
            db.People.AddRange(created);
            await db.SaveChangesAsync();

            var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
            foreach (var person in created)
            {
                var account = await users.CreateAsync(
                    new Account { Id = person.Id.Value, UserName = person.Email, Email = person.Email, EmailConfirmed = true }, DemoSeeder.DemoPassword);
                if (!account.Succeeded)
                {
                    throw new InvalidOperationException(string.Join("; ", account.Errors.Select(e => e.Description)));
                }
            }

            var store = scope.ServiceProvider.GetRequiredService<WorkflowDefinitionStore>();
            foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Workflows, "*.json").Order(StringComparer.Ordinal))
            {
                await store.ImportAsync(await File.ReadAllTextAsync(file), CancellationToken.None);
            }
        }

        var secretariatId = people[Secretariat];
        const string title = "辽河石化装备产教联盟合作协议（2026）";
        await AsAsync<StartLifecycleHandler>(server, secretariatId, h => h.AgreementSigningAsync(allianceId, new AgreementSigningRequest(title, "Parallel", 15), default));

        // Last year's report: every member submits, the secretariat compiles.
        var compiledYear = now.Year - 1;
        var compiledId = await OpenReportAsync(server, secretariatId, allianceId, compiledYear);
        var liaisons = new[] { ChairLiaison, EnterpriseLiaison, SchoolLiaison };
        foreach (var (liaison, i) in liaisons.Select((l, i) => (l, i)))
        {
            await AsAsync<SubmitContributionHandler>(server, people[liaison], h => h.HandleAsync(compiledId, new SubmitContributionRequest(null,
                new IndicatorsRequest(10 + i, 2 + i, i, 120 + (10 * i), 30 + i, 20.25m + i), $"{compiledYear} 年度开展订单培养和联合攻关。"), default));
        }

        const string summary = "联盟各成员单位围绕石化装备产业协同育人，年度目标全部完成。";
        Guid compileTask;
        await using (var scope = server.Scope())
        {
            compileTask = (await UiServer.Db(scope).Tasks.AsNoTracking()
                .Where(t => t.AssigneeId == new PersonId(secretariatId) && t.Status == WorkTaskStatus.Open && t.Kind == WorkTaskKind.Approve)
                .SingleAsync()).Id.Value;
        }

        await AsAsync<CompleteTaskHandler>(server, secretariatId, h => h.HandleAsync(compileTask, new CompleteTaskRequest("approve", summary, null), default));

        // This year's report collects; the liaisons submit from the page.
        var collectingId = await OpenReportAsync(server, secretariatId, allianceId, now.Year);

        Guid agreementId;
        await using (var scope = server.Scope())
        {
            var db = UiServer.Db(scope);
            agreementId = (await db.Agreements.AsNoTracking().SingleAsync(a => a.AllianceId == new AllianceId(allianceId))).Id.Value;

            // Time the shared server cannot fast-forward: the school's signing task is two days late.
            var late = await db.Tasks.SingleAsync(t => t.AssigneeId == new PersonId(people[SchoolLegal]) && t.Kind == WorkTaskKind.Sign);
            db.Entry(late).Property(t => t.DueAt).CurrentValue = now.AddDays(-2).AddHours(-1);
            await db.SaveChangesAsync();
        }

        return new SigningTrackingReportData(allianceId, name, agreementId, title, collectingId, now.Year, compiledId, compiledYear, summary, people);
    }

    private static async Task<Guid> OpenReportAsync(UiServer server, Guid secretariat, Guid allianceId, int year)
    {
        await AsAsync<StartLifecycleHandler>(server, secretariat, h => h.AnnualReportAsync(allianceId, new AnnualReportRequest(year, null, 30), default));

        // The report opens at a StartAt step; the shared server fires no timers by itself.
        await using var scope = server.Scope();
        await scope.ServiceProvider.GetRequiredService<TimerDispatcher>().DispatchDueAsync(CancellationToken.None);
        return (await UiServer.Db(scope).AnnualReports.AsNoTracking().SingleAsync(r => r.AllianceId == new AllianceId(allianceId) && r.Year == year)).Id.Value;
    }

    /// <summary>Runs a feature handler as a person, as the pages and the API do (the handler's own access checks apply).</summary>
    public static async Task<TResult> AsAsync<THandler, TResult>(UiServer server, Guid person, Func<THandler, Task<TResult>> operation)
        where THandler : notnull
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(operation);
        await using var scope = server.Scope();
        scope.ServiceProvider.GetRequiredService<CallerContext>().ActAs(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, person.ToString())], "tests")), "127.0.0.1", "ui-tests");
        return await operation(scope.ServiceProvider.GetRequiredService<THandler>());
    }

    private static Task<bool> AsAsync<THandler>(UiServer server, Guid person, Func<THandler, Task> operation)
        where THandler : notnull =>
        AsAsync<THandler, bool>(server, person, async h =>
        {
            await operation(h);
            return true;
        });

    private static Organization Org(OrganizationKind kind, string orgName, string prefix, int serial, string legalRepresentative, DateTimeOffset now) =>
        new(OrganizationId.New(), kind, orgName, DemoSeeder.DemoCreditCode(prefix, "211100", serial), "盘锦市", legalRepresentative, now);
}
