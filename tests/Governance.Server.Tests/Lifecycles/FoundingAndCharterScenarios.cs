using System.Net;
using Governance.Domain.Alliances;
using Governance.Domain.Charters;
using Governance.Domain.Common;
using Governance.Domain.Memberships;
using Governance.Domain.Organizations;
using Governance.Domain.People;
using Governance.Server.Features.Email;
using Governance.Server.Tests.Builders;
using Governance.Server.Tests.Infrastructure;
using Governance.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Tests.Lifecycles;

/// <summary>alliance-founding and charter-adoption (amendment), driven by the secretariat, the supervising department, experts, council and legal representatives.</summary>
public abstract class FoundingAndCharterScenarios(ServerFixture fixture) : LifecycleScenario(fixture)
{
    [Fact]
    public async Task Founding_Approved_FoundingMembersActive_CouncilSeated_FoundingCharterInForce()
    {
        var alliance = await ProposedAllianceAsync();
        var (university, enterprise, institute) = (await FoundingMemberAsync(alliance, OrganizationKind.University, "大连海事职业技术学院"),
            await FoundingMemberAsync(alliance, OrganizationKind.Enterprise, "大连船舶重工装备有限公司"),
            await FoundingMemberAsync(alliance, OrganizationKind.ResearchInstitute, "辽宁海洋工程研究院"));
        var chair = await NewPersonAsync("founding.chair", "林海生", Role.LegalRepresentative, RoleScope.Organization(university));
        var member = await NewPersonAsync("founding.member", "曲振东", Role.LegalRepresentative, RoleScope.Organization(enterprise));

        var started = await PostAsync("secretariat.new", $"/api/v1/alliances/{alliance}/processes/founding", new
        {
            council = new[]
            {
                new { personId = chair.Value, organizationId = university.Value, position = "Chair" },
                new { personId = member.Value, organizationId = enterprise.Value, position = "ViceChair" },
            },
            charterTitle = "辽宁省海洋工程装备产教联盟章程",
            charterSections = new[]
            {
                new { title = "总则", body = "本联盟由从事海洋工程装备相关教育、研究和生产的单位自愿组成。" },
                new { title = "组织机构", body = "理事会是联盟的最高决策机构，秘书处是常设执行机构。" },
            },
        }, HttpStatusCode.Accepted);
        var instance = started["instanceId"]!.GetValue<Guid>();
        await DecideAsync("officer", "Approve", "approve", "同意成立");

        Assert.Equal((WorkflowStatus.Finished, "Founded"), await InstanceAsync(instance));
        var founded = await GetAsync("secretariat.new", $"/api/v1/alliances/{alliance}");
        Assert.Equal("Founded", founded["status"]!.GetValue<string>());
        await using var scope = Scope();
        var db = GovernanceApiFactory.Db(scope);
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.AllianceId == new AllianceId(alliance)).ToListAsync();
        Assert.Equal(3, memberships.Count);
        Assert.All(memberships, m => Assert.Equal(MembershipStatus.Active, m.Status));
        var seats = (await db.Alliances.AsNoTracking().SingleAsync(a => a.Id == new AllianceId(alliance))).CurrentCouncil
            .Select(s => (s.PersonId, s.OrganizationId, s.Position)).OrderBy(s => s.Position).ToList();
        Assert.Equal([(chair, university, CouncilPosition.Chair), (member, enterprise, CouncilPosition.ViceChair)], seats);
        var chairPerson = await db.People.AsNoTracking().SingleAsync(p => p.Id == chair);
        Assert.True(chairPerson.Holds(Role.Chair, RoleScope.Alliance(new AllianceId(alliance)), Now));
        Assert.True(chairPerson.Holds(Role.CouncilMember, RoleScope.Alliance(new AllianceId(alliance)), Now));
        var charter = await db.Charters.AsNoTracking().SingleAsync(c => c.AllianceId == new AllianceId(alliance));
        Assert.Equal((1, CharterStatus.InForce, "辽宁省海洋工程装备产教联盟章程"), (charter.VersionNumber, charter.Status, charter.Title));
        Assert.DoesNotContain(institute, seats.Select(s => s.OrganizationId));

        // The new chair, who had no role in the alliance before, now reads it with its council as its chair.
        var asChair = await GetAsync("founding.chair", $"/api/v1/alliances/{alliance}");
        Assert.Contains(asChair["council"]!.AsArray(), s => s!["personId"]!.GetValue<Guid>() == chair.Value && s["position"]!.GetValue<string>() == "Chair");
    }

    [Fact]
    public async Task Founding_CouncilSeatForAnOrganizationThatIsNotAFoundingMember_Refused422_NothingStarted()
    {
        var alliance = await ProposedAllianceAsync();
        var member = await FoundingMemberAsync(alliance, OrganizationKind.University, "大连海事职业技术学院");
        var person = await NewPersonAsync("founding.member", "曲振东", Role.LegalRepresentative, RoleScope.Organization(member));
        OrganizationId outsider;
        await using (var scope = Scope())
        {
            outsider = (await GovernanceApiFactory.Db(scope).Organizations.AsNoTracking().FirstAsync(o => o.Kind == OrganizationKind.Enterprise)).Id;
        }

        var refused = await PostAsync("secretariat.new", $"/api/v1/alliances/{alliance}/processes/founding", new
        {
            council = new[]
            {
                new { personId = person.Value, organizationId = member.Value, position = "Chair" },
                new { personId = person.Value, organizationId = outsider.Value, position = "Member" },
            },
        }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(("founding.nominee-not-founding-member", "council[1].organizationId"),
            (refused["code"]!.GetValue<string>(), refused["field"]!.GetValue<string>()));

        var twoChairs = await PostAsync("secretariat.new", $"/api/v1/alliances/{alliance}/processes/founding", new
        {
            council = new[] { new { personId = person.Value, organizationId = member.Value, position = "Chair" }, new { personId = Guid.NewGuid(), organizationId = member.Value, position = "Chair" } },
        }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(("founding.unknown-person", "council[1].personId"), (twoChairs["code"]!.GetValue<string>(), twoChairs["field"]!.GetValue<string>()));

        Assert.Equal("Proposed", (await GetAsync("secretariat.new", $"/api/v1/alliances/{alliance}"))["status"]!.GetValue<string>());
        await using var check = Scope();
        Assert.False(await GovernanceApiFactory.Db(check).WorkflowInstances.AnyAsync(i => i.CorrelationId == $"founding:{alliance}"));
    }

    [Fact]
    public async Task SecondStart_WhileTheLifecycleRuns_Refused409_NoSecondDraftStored()
    {
        var alliance = await ProposedAllianceAsync();
        await PostAsync("secretariat.new", $"/api/v1/alliances/{alliance}/processes/founding", null, HttpStatusCode.Accepted);
        var again = await PostAsync("secretariat.new", $"/api/v1/alliances/{alliance}/processes/founding", null, HttpStatusCode.Conflict);
        Assert.Equal(("process.already-running", "allianceId"), (again["code"]!.GetValue<string>(), again["field"]!.GetValue<string>()));

        var draft = new { title = "辽宁省智能制造产教联盟章程", sections = new[] { new { title = "总则", body = "本联盟是产教融合组织。" } } };
        await PostAsync("secretariat", $"/api/v1/alliances/{AllianceId}/processes/charter-amendment", draft, HttpStatusCode.Accepted);
        var second = await PostAsync("secretariat", $"/api/v1/alliances/{AllianceId}/processes/charter-amendment", draft, HttpStatusCode.Conflict);
        Assert.Equal("process.already-running", second["code"]!.GetValue<string>());
        await using var scope = Scope();
        Assert.Equal(2, await GovernanceApiFactory.Db(scope).Charters.CountAsync(c => c.AllianceId == new AllianceId(AllianceId)));
    }

    [Fact]
    public async Task Founding_ReturnedForRevision_Resubmitted_ThenApprovedByTheSupervisingDepartment()
    {
        var alliance = await ProposedAllianceAsync();
        await PostAsync("officer", $"/api/v1/alliances/{alliance}/processes/founding", null, HttpStatusCode.Forbidden);
        var started = await PostAsync("secretariat.new", $"/api/v1/alliances/{alliance}/processes/founding", null, HttpStatusCode.Accepted);
        var instance = started["instanceId"]!.GetValue<Guid>();
        Assert.Equal("UnderReview", (await GetAsync("secretariat.new", $"/api/v1/alliances/{alliance}"))["status"]!.GetValue<string>());

        await DecideAsync("officer", "Approve", "return", "请补充联盟章程草案和成员单位名单");
        Assert.Equal("Proposed", (await GetAsync("secretariat.new", $"/api/v1/alliances/{alliance}"))["status"]!.GetValue<string>());
        var revise = Assert.Single(await TodoAsync("secretariat.new", "Approve"));
        Assert.Contains("请补充联盟章程草案和成员单位名单", revise["title"]!.GetValue<string>(), StringComparison.Ordinal);
        await DecideAsync("secretariat.new", "Approve", "approve", "已补充");

        Assert.Equal("UnderReview", (await GetAsync("secretariat.new", $"/api/v1/alliances/{alliance}"))["status"]!.GetValue<string>());
        await DecideAsync("officer", "Approve", "approve", "同意成立");
        Assert.Equal((WorkflowStatus.Finished, "Founded"), await InstanceAsync(instance));
        Assert.Equal("Founded", (await GetAsync("secretariat.new", $"/api/v1/alliances/{alliance}"))["status"]!.GetValue<string>());

        await DispatchAllAsync();
        Assert.Equal(2, (await SentAsync(EmailKind.TaskAssigned)).Count(m => m.Record.To == "officer@demo.example"));
        var history = (await GetAsync("officer", "/api/v1/me/tasks?tab=done&pageSize=10"))["items"]!.AsArray();
        Assert.Equal(2, history.Count);
    }

    [Fact]
    public async Task CharterAmendment_AdoptedByTwoThirds_SignedByEveryCouncilMemberUnit_NewVersionInForce()
    {
        var started = await PostAsync("secretariat", $"/api/v1/alliances/{AllianceId}/processes/charter-amendment", new
        {
            title = "辽宁省智能制造产教联盟章程",
            expertReview = true,
            sections = new[]
            {
                new { title = "第一章 总则", body = "本联盟是在辽宁省教育厅指导下，由院校、企业和科研机构自愿组成的产教融合组织。" },
                new { title = "第二章 成员", body = "成员单位享有章程规定的权利，履行章程规定的义务。\n企业原则上只加入一个联盟。" },
            },
        }, HttpStatusCode.Accepted);
        var instance = started["instanceId"]!.GetValue<Guid>();
        await DecideAsync("expert", "Approve", "approve", "建议通过");

        var ballot = await OpenBallotAsync("chair");
        var closed = await VoteUntilClosedAsync(ballot, Council.Select((v, i) => (v, i < 5 ? "Yes" : "No")));
        Assert.Equal("Approved", closed["tally"]!["outcome"]!.GetValue<string>());

        var agreement = (await SingleAgreementAsync());
        Assert.Equal("CharterSigning", agreement["kind"]!.GetValue<string>());
        Assert.Equal(7, agreement["parties"]!.AsArray().Count);
        var agreementId = agreement["id"]!.GetValue<Guid>();
        foreach (var signatory in Council)
        {
            await PostAsync(signatory, $"/api/v1/agreements/{agreementId}/sign",
                new { stepUpProof = await ProofByPasswordAsync(signatory, $"sign:agreement:{agreementId}") });
        }

        Assert.Equal((WorkflowStatus.Finished, "Adopted"), await InstanceAsync(instance));
        await using (var scope = Scope())
        {
            var charters = await GovernanceApiFactory.Db(scope).Charters.AsNoTracking().Where(c => c.AllianceId == new AllianceId(AllianceId))
                .OrderBy(c => c.VersionNumber).ToListAsync();
            Assert.Equal([(1, CharterStatus.Superseded), (2, CharterStatus.InForce)], charters.Select(c => (c.VersionNumber, c.Status)));
        }

        var charterPdf = (await DocumentsAsync(instance)).Single(d => d["kind"]!.GetValue<string>() == "Charter");
        Assert.True(charterPdf["sealed"]!.GetValue<bool>());
        Assert.Contains("企业原则上只加入一个联盟", await DocumentTextAsync(charterPdf["id"]!.GetValue<Guid>()), StringComparison.Ordinal);
        await DispatchAllAsync();
        Assert.Contains(await SentAsync(EmailKind.DocumentIssued), m => m.Record.To == "council.jidian@demo.example" && m.Mail.Attachments.Count() == 2);
    }

    [Fact]
    public async Task CharterAmendment_OneLegalRepresentativeDeclines_NotSigned_OldVersionStaysInForce()
    {
        var started = await PostAsync("secretariat", $"/api/v1/alliances/{AllianceId}/processes/charter-amendment", new
        {
            sections = new[] { new { title = "第一章 总则", body = "修订后的总则。" } },
        }, HttpStatusCode.Accepted);
        var instance = started["instanceId"]!.GetValue<Guid>();
        await VoteUntilClosedAsync(await OpenBallotAsync("chair"), Council.Select(v => (v, "Yes")));
        var agreementId = (await SingleAgreementAsync())["id"]!.GetValue<Guid>();
        await PostAsync("council.jinggong", $"/api/v1/agreements/{agreementId}/decline",
            new { reason = "第一章表述需再斟酌", stepUpProof = await ProofByPasswordAsync("council.jinggong", $"sign:agreement:{agreementId}") });

        Assert.Equal((WorkflowStatus.Finished, "NotSigned"), await InstanceAsync(instance));
        await using var scope = Scope();
        var inForce = await GovernanceApiFactory.Db(scope).Charters.AsNoTracking()
            .SingleAsync(c => c.AllianceId == new AllianceId(AllianceId) && c.Status == CharterStatus.InForce);
        Assert.Equal(1, inForce.VersionNumber);
    }

    /// <summary>A proposed alliance under the demo's supervising department, with a secretariat person of its own.</summary>
    /// <summary>An organization that applied to join the proposed alliance: a founding member once it is founded.</summary>
    private async Task<OrganizationId> FoundingMemberAsync(Guid alliance, OrganizationKind kind, string name)
    {
        await using var scope = Scope();
        var db = GovernanceApiFactory.Db(scope);
        var organization = TestData.Organization(kind, name);
        db.Organizations.Add(organization);
        var proposed = await db.Alliances.SingleAsync(a => a.Id == new AllianceId(alliance));
        db.Memberships.Add(Membership.Apply(proposed, organization, MembershipRole.MemberUnit, [], false, Now));
        await db.SaveChangesAsync();
        return organization.Id;
    }

    private async Task<Guid> ProposedAllianceAsync()
    {
        await using (var scope = Scope())
        {
            var db = GovernanceApiFactory.Db(scope);
            var department = await db.Organizations.SingleAsync(o => o.Kind == OrganizationKind.GovernmentAgency);
            var alliance = TestData.Alliance(department, "辽宁省海洋工程装备产教联盟");
            db.Alliances.Add(alliance);
            await db.SaveChangesAsync();
            await NewPersonAsync("secretariat.new", "田雨桐", Role.Secretariat, RoleScope.Alliance(alliance.Id));
            return alliance.Id.Value;
        }
    }
}

[Collection(OnSqlite.Name)]
public sealed class SqliteFoundingAndCharterScenarios(SqliteServerFixture fixture) : FoundingAndCharterScenarios(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresFoundingAndCharterScenarios(PostgresServerFixture fixture) : FoundingAndCharterScenarios(fixture);
