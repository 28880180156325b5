using System.Net;
using System.Net.Http.Json;
using Governance.Domain.Alliances;
using Governance.Domain.Ballots;
using Governance.Domain.Charters;
using Governance.Domain.Common;
using Governance.Domain.Memberships;
using Governance.Domain.Organizations;
using Governance.Domain.People;
using Governance.Domain.Tasks;
using Governance.Server.Features.Email;
using Governance.Server.Tests.Builders;
using Governance.Server.Tests.Infrastructure;
using Governance.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Tests.Lifecycles;

/// <summary>member-admission, driven by the applicant's liaison, the secretariat, the council and the legal representatives.</summary>
public abstract class MemberAdmissionScenarios(ServerFixture fixture) : LifecycleScenario(fixture)
{
    private const string ApplicantName = "盘锦海工智能装备有限公司";

    [Fact]
    public async Task AdmissionApproved_AccessionSignedByBothLegalRepresentatives_MembershipActive_DocumentsAndEmails()
    {
        var (membership, instance) = await ApplyAsync(OrganizationKind.Enterprise);
        await DecideAsync("secretariat", "Approve", "approve", "材料齐全");

        var ballot = await OpenBallotAsync("chair");
        var closed = await VoteUntilClosedAsync(ballot, Council.Select(v => (v, v == "council.bohai" ? "Abstain" : "Yes")));
        Assert.Equal("Approved", closed["tally"]!["outcome"]!.GetValue<string>());

        // Admitted: the accession agreement waits for the applicant's and the chair unit's legal representatives.
        var membershipState = await GetAsync("liaison.applicant", $"/api/v1/memberships/{membership}");
        Assert.Equal("Admitted", membershipState["status"]!.GetValue<string>());
        var agreement = (await SingleAgreementAsync());
        Assert.Equal("AccessionAgreement", agreement["kind"]!.GetValue<string>());
        var agreementId = agreement["id"]!.GetValue<Guid>();
        foreach (var signatory in new[] { "legal.applicant", "chair" })
        {
            Assert.Single(await TodoAsync(signatory, "Sign"));
            await PostAsync(signatory, $"/api/v1/agreements/{agreementId}/sign",
                new { stepUpProof = await ProofByPasswordAsync(signatory, $"sign:agreement:{agreementId}") });
        }

        Assert.Equal((WorkflowStatus.Finished, "Admitted"), await InstanceAsync(instance));
        Assert.Equal("Active", (await GetAsync("liaison.applicant", $"/api/v1/memberships/{membership}"))["status"]!.GetValue<string>());

        var documents = await DocumentsAsync(instance);
        Assert.Equal(
            ["AccessionAgreement", "AdmissionNotice", "ApplicationReceipt", "BallotResolution", "SignatureCertificate"],
            documents.Select(d => d["kind"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var resolution = await DocumentTextAsync(documents.Single(d => d["kind"]!.GetValue<string>() == "BallotResolution")["id"]!.GetValue<Guid>());
        Assert.Contains(ApplicantName, resolution, StringComparison.Ordinal);
        Assert.Contains("获得通过", resolution, StringComparison.Ordinal);
        var notice = await DocumentTextAsync(documents.Single(d => d["kind"]!.GetValue<string>() == "AdmissionNotice")["id"]!.GetValue<Guid>());
        Assert.Contains(ApplicantName, notice, StringComparison.Ordinal);

        await DispatchAllAsync();
        Assert.Contains(await SentAsync(EmailKind.TaskAssigned), m => m.Record.To == "secretariat@demo.example");
        var decision = await SentAsync(EmailKind.MembershipDecision);
        Assert.Equal(["legal.applicant@demo.example", "liaison.applicant@demo.example", "secretariat@demo.example"],
            decision.Select(d => d.Record.To).Order(StringComparer.Ordinal));
        Assert.All(decision, d => Assert.Single(d.Mail.Attachments));
        Assert.Equal(8, (await SentAsync(EmailKind.BallotResult)).Count);
        Assert.Equal(2, (await SentAsync(EmailKind.SignatureRequested)).Count);

        // The applicant sees what it started; the chair's vote is among its done tasks.
        var initiated = (await GetAsync("liaison.applicant", "/api/v1/me/tasks?tab=initiated&pageSize=100"))["items"]!.AsArray();
        Assert.Contains(initiated, t => t!["kind"]!.GetValue<string>() == "Approve");
        var done = (await GetAsync("chair", "/api/v1/me/tasks?tab=done&pageSize=100"))["items"]!.AsArray();
        Assert.Contains(done, t => t!["kind"]!.GetValue<string>() == "Vote" && t["outcome"] is not null);
        Assert.Empty(await TodoAsync("chair"));
    }

    [Fact]
    public async Task ReturnedForRevision_Resubmitted_ThenRejectedByTheCouncil_ApplicantToldWhy()
    {
        var (membership, instance) = await ApplyAsync(OrganizationKind.Enterprise);
        var noComment = await PostAsync("secretariat",
            $"/api/v1/tasks/{Assert.Single(await TodoAsync("secretariat", "Approve"))["id"]}/complete", new { action = "return" },
            HttpStatusCode.UnprocessableEntity);
        Assert.Equal("task.comment-required", noComment["code"]!.GetValue<string>());
        await DecideAsync("secretariat", "Approve", "return", "请补充近三年校企合作项目清单");

        // The applicant's liaison (who started it) revises and resubmits; the same review comes back.
        var revision = Assert.Single(await TodoAsync("liaison.applicant", "Approve"));
        Assert.Contains("请补充近三年校企合作项目清单", revision["title"]!.GetValue<string>(), StringComparison.Ordinal);
        await DecideAsync("liaison.applicant", "Approve", "approve", "已补充项目清单");
        await DecideAsync("secretariat", "Approve", "approve");

        var ballot = await OpenBallotAsync("chair");
        var closed = await VoteUntilClosedAsync(ballot, Council.Select((v, i) => (v, i < 4 ? "No" : "Yes")));
        Assert.Equal("Rejected", closed["tally"]!["outcome"]!.GetValue<string>());

        Assert.Equal((WorkflowStatus.Finished, "Rejected"), await InstanceAsync(instance));
        var rejected = await GetAsync("liaison.applicant", $"/api/v1/memberships/{membership}");
        Assert.Equal("Rejected", rejected["status"]!.GetValue<string>());
        Assert.Equal("理事会表决未通过", rejected["statusReason"]!.GetValue<string>());
        await DispatchAllAsync();
        var told = (await SentAsync(EmailKind.MembershipDecision)).Single(m => m.Record.To == "liaison.applicant@demo.example");
        Assert.Contains("未获批准", told.Mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("理事会表决未通过", told.Mail.TextBody, StringComparison.Ordinal);
        var resolution = await DocumentTextAsync((await DocumentsAsync(instance)).Single(d => d["kind"]!.GetValue<string>() == "BallotResolution")["id"]!.GetValue<Guid>());
        Assert.Contains("未获通过", resolution, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TooFewVotesByTheDeadline_NoQuorum_ApplicationRejected()
    {
        var (membership, instance) = await ApplyAsync(OrganizationKind.University);
        await DecideAsync("secretariat", "Approve", "approve");
        var ballot = await OpenBallotAsync("chair");
        await VoteAsync("chair", ballot, "Yes");
        await VoteAsync("council.bohai", ballot, "Yes");

        Factory.Clock.Advance(TimeSpan.FromDays(7));
        Assert.True(await FireTimersAsync() >= 1);
        Assert.Equal((WorkflowStatus.Finished, "Rejected"), await InstanceAsync(instance));
        var rejected = await GetAsync("liaison.applicant", $"/api/v1/memberships/{membership}");
        Assert.Equal("理事会表决未达到法定人数", rejected["statusReason"]!.GetValue<string>());
        Assert.Empty(await TodoAsync("council.jidian", "Vote"));
    }

    [Fact]
    public async Task ApplicantBarredAfterApplying_IneligibleAtTheCheck_RejectedWithTheRule()
    {
        var (membership, instance) = await ApplyAsync(OrganizationKind.Enterprise, barBeforeStart: true);

        Assert.Equal((WorkflowStatus.Finished, "Rejected"), await InstanceAsync(instance));
        var rejected = await GetAsync("liaison.applicant", $"/api/v1/memberships/{membership}");
        Assert.Contains("membership.organization-barred", rejected["statusReason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await TodoAsync("secretariat", "Approve"));
    }

    [Fact]
    public async Task EnterpriseInAnotherAlliance_RefusedWithoutExemption_WithExemptionTheCouncilVotesOnItFirst()
    {
        var refused = await ApplyRefusedAsync();
        Assert.Equal("membership.enterprise-already-in-alliance", refused);

        var (_, instance) = await ApplyAsync(OrganizationKind.Enterprise, exemption: true, reuseApplicant: true);
        var exemptionBallot = await OpenBallotAsync("chair");
        var ballot = await GetAsync("chair", $"/api/v1/ballots/{exemptionBallot}");
        Assert.Equal("EnterpriseExemption", ballot["matter"]!.GetValue<string>());
        await VoteUntilClosedAsync(exemptionBallot, Council.Select(v => (v, "Yes")));

        // Exemption granted: the normal review follows.
        Assert.Single(await TodoAsync("secretariat", "Approve"));
        Assert.Equal((WorkflowStatus.Suspended, null), await InstanceAsync(instance));
    }

    [Fact]
    public async Task TwentyFiveCouncilMembersVoteAtTheSameMoment_EveryVoteRecorded_OneResultOneResolutionOneSetOfEmails()
    {
        // 25 council members, and a charter that admits only unanimously: the ballot cannot close before the
        // last of the 25 votes, so every concurrent vote has to be counted and exactly one of them closes it.
        var voters = await GrowCouncilToAsync(25);
        await RequireUnanimousAdmissionAsync();
        var (membership, instance) = await ApplyAsync(OrganizationKind.University);
        await DecideAsync("secretariat", "Approve", "approve");
        var ballot = await OpenBallotAsync("chair");
        var open = await GetAsync("chair", $"/api/v1/ballots/{ballot}");
        Assert.Equal((25, "Unanimous"), (open["voters"]!.GetValue<int>(), open["rule"]!["threshold"]!.GetValue<string>()));

        var clients = new List<HttpClient>();
        foreach (var voter in voters)
        {
            clients.Add(await As(voter));
        }

        using var go = new ManualResetEventSlim();
        var casting = clients.Select(client => Task.Run(async () =>
        {
            go.Wait();
            using var response = await client.PutAsJsonAsync($"/api/v1/ballots/{ballot}/vote", new { choice = "Yes" }, Json);
            return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
        })).ToList();
        go.Set();
        var answers = await Task.WhenAll(casting);
        Assert.All(answers, a => Assert.StartsWith("200 ", a, StringComparison.Ordinal));

        var closed = await GetAsync("chair", $"/api/v1/ballots/{ballot}");
        Assert.Equal("Closed", closed["status"]!.GetValue<string>());
        var tally = closed["tally"]!;
        Assert.Equal(("Approved", 25, 0, 0),
            (tally["outcome"]!.GetValue<string>(), tally["yes"]!.GetValue<int>(), tally["no"]!.GetValue<int>(), tally["abstain"]!.GetValue<int>()));

        await using (var scope = Scope())
        {
            var db = GovernanceApiFactory.Db(scope);
            var stored = await db.Ballots.AsNoTracking().SingleAsync(b => b.Id == new BallotId(ballot));
            Assert.Equal(voters.Select(v => People[v].Value).Order(), stored.Votes.Select(v => v.VoterId.Value).Order());
            Assert.Equal(1, await db.WorkflowJournal.CountAsync(j => j.InstanceId == instance && j.ActivityId == "vote" && j.Event == "Executed"));
            Assert.Equal(1, await db.WorkflowJournal.CountAsync(j => j.InstanceId == instance && j.ActivityId == "resolution" && j.Event == "Executed"));
            Assert.Equal(1, await db.WorkflowJournal.CountAsync(j => j.InstanceId == instance && j.ActivityId == "admit" && j.Event == "Executed"));
            Assert.Equal(25, await db.AuditEntries.CountAsync(e => e.Action == "ballot.vote" && e.TargetId == ballot.ToString()));
            var key = ballot.ToString();
            var voteTasks = await db.Tasks.AsNoTracking().Where(t => t.WaitKey == key && t.Kind == WorkTaskKind.Vote).ToListAsync();
            Assert.Equal(25, voteTasks.Count);
            Assert.All(voteTasks, t => Assert.Equal((WorkTaskStatus.Completed, "voted"), (t.Status, t.Outcome)));
        }

        // One result: the membership admitted once, one resolution, one accession agreement waiting for two signatures.
        Assert.Equal("Admitted", (await GetAsync("liaison.applicant", $"/api/v1/memberships/{membership}"))["status"]!.GetValue<string>());
        Assert.Equal((WorkflowStatus.Suspended, null), await InstanceAsync(instance));
        var documents = await DocumentsAsync(instance);
        Assert.Single(documents, d => d["kind"]!.GetValue<string>() == "BallotResolution");
        Assert.Single(documents, d => d["kind"]!.GetValue<string>() == "AdmissionNotice");
        Assert.Equal("AccessionAgreement", (await SingleAgreementAsync())["kind"]!.GetValue<string>());

        // One set of emails: each voter and the secretariat told the result once, each signatory asked once.
        await DispatchAllAsync();
        var results = await SentAsync(EmailKind.BallotResult);
        Assert.Equal(
            voters.Append("secretariat").Select(v => $"{v}@demo.example").Order(StringComparer.Ordinal),
            results.Select(r => r.Record.To).Order(StringComparer.Ordinal));
        Assert.All(results, r => Assert.Contains("25", r.Mail.TextBody, StringComparison.Ordinal));
        Assert.Equal(["chair@demo.example", "legal.applicant@demo.example"],
            (await SentAsync(EmailKind.SignatureRequested)).Select(r => r.Record.To).Order(StringComparer.Ordinal));
        Assert.Equal(["legal.applicant@demo.example", "liaison.applicant@demo.example", "secretariat@demo.example"],
            (await SentAsync(EmailKind.MembershipDecision)).Select(r => r.Record.To).Order(StringComparer.Ordinal));
    }

    /// <summary>Seats council members for new member units until the council has <paramref name="size"/> seats; returns every voter's mailbox.</summary>
    private async Task<List<string>> GrowCouncilToAsync(int size)
    {
        var added = new List<(string Mailbox, OrganizationId Unit)>();
        for (var i = Council.Length + 1; i <= size; i++)
        {
            var unit = TestData.Organization(OrganizationKind.University, $"辽宁第{i}职业技术学院");
            await using (var scope = Scope())
            {
                var db = GovernanceApiFactory.Db(scope);
                var alliance = await db.Alliances.SingleAsync(a => a.Id == new AllianceId(AllianceId));
                var others = await db.Memberships.Where(m => m.AllianceId == alliance.Id).ToListAsync();
                db.Organizations.Add(unit);
                db.Memberships.Add(TestData.ActiveMember(alliance, unit, MembershipRole.CouncilMemberUnit, others));
                await db.SaveChangesAsync();
            }

            var mailbox = $"council.unit{i:D2}";
            await NewPersonAsync(mailbox, $"理事{i:D2}", Role.CouncilMember, RoleScope.Alliance(new AllianceId(AllianceId)));
            added.Add((mailbox, unit.Id));
        }

        await using (var scope = Scope())
        {
            var db = GovernanceApiFactory.Db(scope);
            var alliance = await db.Alliances.SingleAsync(a => a.Id == new AllianceId(AllianceId));
            foreach (var (mailbox, unit) in added)
            {
                var membership = await db.Memberships.SingleAsync(m => m.AllianceId == alliance.Id && m.OrganizationId == unit);
                alliance.SeatCouncilMember(People[mailbox], membership, CouncilPosition.Member, Now);
            }

            await db.SaveChangesAsync();
        }

        return [.. Council, .. added.Select(a => a.Mailbox)];
    }

    /// <summary>Puts in force a charter version that keeps every rule but admits new members only unanimously.</summary>
    private async Task RequireUnanimousAdmissionAsync()
    {
        await using var scope = Scope();
        var db = GovernanceApiFactory.Db(scope);
        var current = await db.Charters.SingleAsync(c => c.AllianceId == new AllianceId(AllianceId) && c.Status == CharterStatus.InForce);
        var rules = current.VotingRules
            .Select(r => r.Matter == VotingMatter.MemberAdmission ? r with { Threshold = VotingThreshold.Unanimous } : r).ToList();
        var amended = new Charter(CharterId.New(), current.AllianceId, current.VersionNumber + 1, current.Title,
            current.Sections.Select(s => (s.Title, s.Body)).ToList(), rules, Now);
        amended.MarkAdopted(BallotId.New(), Now);
        amended.PutInForce(current, Now);
        db.Charters.Add(amended);
        await db.SaveChangesAsync();
    }

    private PersonId? _liaison;
    private OrganizationId _applicant;

    /// <summary>A new organization with a liaison and a legal representative; its liaison applies and starts the admission.</summary>
    private async Task<(Guid Membership, Guid Instance)> ApplyAsync(
        OrganizationKind kind, bool exemption = false, bool barBeforeStart = false, bool reuseApplicant = false)
    {
        if (!reuseApplicant)
        {
            await NewApplicantAsync(kind, inAnotherAlliance: false);
        }

        var applied = await PostAsync("liaison.applicant", $"/api/v1/alliances/{AllianceId}/memberships",
            new { organizationId = _applicant.Value, role = "MemberUnit", enterpriseExemption = exemption }, HttpStatusCode.Created);
        var membership = applied["id"]!.GetValue<Guid>();
        if (barBeforeStart)
        {
            await PostAsync("admin", $"/api/v1/organizations/{_applicant.Value}/credit-status", new { status = "Barred", reason = "列入严重失信主体名单" });
        }

        var started = await PostAsync("liaison.applicant", $"/api/v1/memberships/{membership}/processes/admission", null, HttpStatusCode.Accepted);
        return (membership, started["instanceId"]!.GetValue<Guid>());
    }

    private async Task<string> ApplyRefusedAsync()
    {
        await NewApplicantAsync(OrganizationKind.Enterprise, inAnotherAlliance: true);
        var refused = await PostAsync("liaison.applicant", $"/api/v1/alliances/{AllianceId}/memberships",
            new { organizationId = _applicant.Value, role = "MemberUnit" }, HttpStatusCode.UnprocessableEntity);
        return refused["code"]!.GetValue<string>();
    }

    private async Task NewApplicantAsync(OrganizationKind kind, bool inAnotherAlliance)
    {
        var organization = TestData.Organization(kind, ApplicantName);
        await using (var scope = Scope())
        {
            var db = GovernanceApiFactory.Db(scope);
            db.Organizations.Add(organization);
            if (inAnotherAlliance)
            {
                var department = await db.Organizations.SingleAsync(o => o.Kind == OrganizationKind.GovernmentAgency);
                var other = TestData.Alliance(department, "辽宁省海洋装备产教联盟");
                db.Alliances.Add(other);
                db.Memberships.Add(TestData.ActiveMember(other, organization, MembershipRole.MemberUnit, []));
            }

            await db.SaveChangesAsync();
        }

        _applicant = organization.Id;
        _liaison = await NewPersonAsync("liaison.applicant", "孟晓峰", Role.Liaison, RoleScope.Organization(organization.Id));
        var legal = await NewPersonAsync("legal.applicant", "张三", Role.LegalRepresentative, RoleScope.Organization(organization.Id));
        await using var link = Scope();
        var db2 = GovernanceApiFactory.Db(link);
        var stored = await db2.Organizations.SingleAsync(o => o.Id == organization.Id);
        stored.AssignLegalRepresentative("张三", legal, Now);
        stored.AssignLiaison(_liaison.Value, Now);
        await db2.SaveChangesAsync();
    }
}

[Collection(OnSqlite.Name)]
public sealed class SqliteMemberAdmissionScenarios(SqliteServerFixture fixture) : MemberAdmissionScenarios(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresMemberAdmissionScenarios(PostgresServerFixture fixture) : MemberAdmissionScenarios(fixture);
