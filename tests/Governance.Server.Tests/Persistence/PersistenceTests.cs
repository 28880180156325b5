using Governance.Domain.Agreements;
using Governance.Domain.Alliances;
using Governance.Domain.Audit;
using Governance.Domain.Ballots;
using Governance.Domain.Charters;
using Governance.Domain.Common;
using Governance.Domain.Memberships;
using Governance.Domain.Organizations;
using Governance.Domain.People;
using Governance.Domain.Reports;
using Governance.Domain.Tasks;
using Governance.Server.Persistence;
using Governance.Server.Tests.Builders;
using Governance.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Tests.Persistence;

/// <summary>The persistence suite; it runs once per provider (see the sealed subclasses below).</summary>
public abstract class PersistenceTests(ServerFixture fixture) : ServerTest(fixture)
{
    private static readonly DateTimeOffset Now = TestData.Now;

    [Fact]
    public async Task Aggregates_SavedAndReloaded_KeepEveryField()
    {
        var supervisor = TestData.Organization(OrganizationKind.GovernmentAgency, "辽宁省教育厅");
        var school = TestData.Organization(OrganizationKind.University, "辽沈理工大学");
        var enterprise = TestData.Organization(OrganizationKind.Enterprise, "沈阳精工数控机床有限公司");
        var alliance = TestData.Alliance(supervisor, "辽宁省智能制造产教联盟");
        var memberships = new List<Membership>();
        var chairUnit = TestData.ActiveMember(alliance, school, MembershipRole.ChairUnit, memberships);
        var enterpriseUnit = TestData.ActiveMember(alliance, enterprise, MembershipRole.CouncilMemberUnit, memberships);
        var chair = new Person(PersonId.New(), "陈国华", "Chen@Demo.Example", "13800000000", PreferredLanguage.ZhCn, Now);
        chair.Grant(Role.Chair, RoleScope.Alliance(alliance.Id), Now, Now.AddYears(3));
        chair.Grant(Role.LegalRepresentative, RoleScope.Organization(school.Id), Now, null);
        var councillor = new Person(PersonId.New(), "赵建国", "zhao@demo.example", null, PreferredLanguage.En, Now);
        alliance.MoveTo(AllianceStatus.UnderReview, null, Now);
        alliance.MoveTo(AllianceStatus.Founded, null, Now);
        alliance.SeatCouncilMember(chair.Id, chairUnit, CouncilPosition.Chair, Now);
        alliance.SeatCouncilMember(councillor.Id, enterpriseUnit, CouncilPosition.ViceChair, Now);
        alliance.AppointExpert(councillor.Id, enterprise.Id, "工业机器人", Now);
        alliance.MoveTo(AllianceStatus.Active, null, Now, memberships);

        var charter = new Charter(
            CharterId.New(), alliance.Id, 1, "联盟章程", [("总则", "本联盟……"), ("组织机构", "理事会是最高决策机构。")],
            [new VotingRule(VotingMatter.CharterAmendment, Quorum.TwoThirds, VotingThreshold.TwoThirdsOfAllEligible, true)], Now);
        charter.PutInForceAtFounding(Now);

        var ballot = new Ballot(
            BallotId.New(), alliance.Id, "修改章程第三条", charter.RuleFor(VotingMatter.CharterAmendment),
            [(chair.Id, school.Id), (councillor.Id, enterprise.Id)], Now.AddDays(14), Now);
        ballot.Cast(chair.Id, VoteChoice.Yes, Now.AddHours(1));
        ballot.Recuse(councillor.Id, "利害关系", Now.AddHours(2));
        ballot.Close(Now.AddDays(1));

        var sha = new string('a', 64);
        var agreement = new Agreement(
            AgreementId.New(), alliance.Id, AgreementKind.AllianceAgreement, "联盟协议", [school.Id, enterprise.Id], SigningOrder.Sequential, Now);
        agreement.OpenForSigning(sha, Now.AddDays(30), Now);
        agreement.Sign(new SigningRequest(school.Id, chair.Id, "法定代表人", sha, AuthenticationMethod.EmailOneTimeCode, "127.0.0.1", "test-agent"), Now.AddHours(3));

        var report = new AnnualReport(AnnualReportId.New(), alliance.Id, 2025, [school.Id, enterprise.Id], Now.AddDays(10), Now);
        report.Submit(school.Id, chair.Id, new ContributionIndicators(12, 3, 2, 450, 120, 35.5m), "年度贡献", Now.AddDays(1));
        report.Submit(enterprise.Id, councillor.Id, new ContributionIndicators(1, 2, 0, 30, 40, 100.25m), "企业贡献", Now.AddDays(2));
        report.Compile("年度工作进展报告", Now.AddDays(3));

        var task = new WorkTask(WorkTaskId.New(), WorkTaskKind.Vote, "请对章程修正案投票", councillor.Id, alliance.Id, chair.Id, Now.AddDays(7), Now, [chair.Id, PersonId.New()]);
        var first = AuditEntry.Append(null, new AuditRecord(Now, chair.Id, null, "alliance.create", "Alliance", alliance.Id.ToString(), alliance.Id, null, "创建联盟", "127.0.0.1", "agent"));
        var second = AuditEntry.Append(first, new AuditRecord(Now.AddMinutes(1), chair.Id, null, "ballot.open", "Ballot", ballot.Id.ToString(), alliance.Id, null, null, null, null));

        await using (var scope = Factory.Scope())
        {
            var db = GovernanceApiFactory.Db(scope);
            db.AddRange(supervisor, school, enterprise);
            db.AddRange(chair, councillor);
            db.Add(alliance);
            db.AddRange(memberships);
            db.AddRange(charter, ballot, agreement, report, task, first, second);
            await db.SaveChangesAsync();
        }

        await using (var scope = Factory.Scope())
        {
            var db = GovernanceApiFactory.Db(scope);
            var storedSchool = await db.Organizations.SingleAsync(o => o.Id == school.Id);
            Assert.Equal(school.CreditCode, storedSchool.CreditCode);
            Assert.Equal("辽沈理工大学", storedSchool.Name);
            Assert.Equal(OrganizationKind.University, storedSchool.Kind);

            var storedChair = await db.People.SingleAsync(p => p.Id == chair.Id);
            Assert.Equal("chen@demo.example", storedChair.Email);
            Assert.True(storedChair.Holds(Role.Chair, RoleScope.Alliance(alliance.Id), Now.AddDays(1)));
            Assert.False(storedChair.Holds(Role.Chair, RoleScope.Alliance(alliance.Id), Now.AddYears(4)));
            Assert.True(storedChair.Holds(Role.LegalRepresentative, RoleScope.Organization(school.Id), Now));

            var storedAlliance = await db.Alliances.SingleAsync(a => a.Id == alliance.Id);
            Assert.Equal(AllianceStatus.Active, storedAlliance.Status);
            Assert.Equal(2, storedAlliance.CurrentCouncil.Count());
            Assert.Equal(CouncilPosition.Chair, storedAlliance.CouncilSeats.Single(s => s.PersonId == chair.Id).Position);
            Assert.Equal("工业机器人", Assert.Single(storedAlliance.ExpertSeats).Field);
            Assert.Equal(alliance.Version, storedAlliance.Version);

            var storedMemberships = await db.Memberships.Where(m => m.AllianceId == alliance.Id).ToListAsync();
            Assert.Equal(2, storedMemberships.Count);
            Assert.All(storedMemberships, m => Assert.Equal(MembershipStatus.Active, m.Status));
            Assert.All(storedMemberships, m => Assert.NotNull(m.ActiveKey));

            var storedCharter = await db.Charters.SingleAsync(c => c.Id == charter.Id);
            Assert.Equal(["总则", "组织机构"], storedCharter.Sections.OrderBy(s => s.Number).Select(s => s.Title));
            Assert.Equal(VotingThreshold.TwoThirdsOfAllEligible, storedCharter.RuleFor(VotingMatter.CharterAmendment).Threshold);
            Assert.Equal(Quorum.TwoThirds, storedCharter.RuleFor(VotingMatter.CharterAmendment).Quorum);
            Assert.Equal(CharterStatus.InForce, storedCharter.Status);

            var storedBallot = await db.Ballots.SingleAsync(b => b.Id == ballot.Id);
            Assert.Equal(BallotStatus.Closed, storedBallot.Status);
            Assert.Equal(VotingMatter.CharterAmendment, storedBallot.Matter);
            Assert.NotNull(storedBallot.Result);
            Assert.Equal(1, storedBallot.Result.Eligible);
            Assert.Equal(1, storedBallot.Result.Recused);
            Assert.Equal(1, storedBallot.Result.Yes);
            Assert.Equal(BallotOutcome.Approved, storedBallot.Result.Outcome);
            Assert.Equal("利害关系", storedBallot.Voters.Single(v => v.PersonId == councillor.Id).RecusalReason);
            Assert.Equal(Now.AddHours(1), Assert.Single(storedBallot.Votes).CastAt);

            var storedAgreement = await db.Agreements.SingleAsync(a => a.Id == agreement.Id);
            Assert.Equal(AgreementStatus.Signing, storedAgreement.Status);
            var signature = Assert.Single(storedAgreement.Signatures);
            Assert.Equal(AuthenticationMethod.EmailOneTimeCode, signature.Method);
            Assert.Equal(sha, signature.DocumentSha256);
            Assert.Equal([enterprise.Id], storedAgreement.OutstandingParties);

            var storedReport = await db.AnnualReports.SingleAsync(r => r.Id == report.Id);
            Assert.Equal(AnnualReportStatus.Compiled, storedReport.Status);
            Assert.Equal(new ContributionIndicators(13, 5, 2, 480, 160, 135.75m), storedReport.Totals);
            Assert.Equal(2, storedReport.Contributions.Count);
            Assert.Equal([school.Id, enterprise.Id], storedReport.ExpectedMembers);

            var storedTask = await db.Tasks.SingleAsync(t => t.Id == task.Id);
            Assert.Equal(2, storedTask.CcIds.Count);
            Assert.Equal(Now.AddDays(7), storedTask.DueAt);

            var chain = await db.AuditEntries.OrderBy(a => a.Sequence).ToListAsync();
            Assert.True(AuditChain.Verify(chain).IsIntact);
        }
    }

    [Fact]
    public async Task Ballot_TwoWritersFromTheSameVersion_SecondGetsConcurrencyConflict()
    {
        var (alliance, voters) = await SeedAllianceWithVotersAsync(3);
        var ballotId = BallotId.New();
        await using (var scope = Factory.Scope())
        {
            var db = GovernanceApiFactory.Db(scope);
            db.Ballots.Add(new Ballot(ballotId, alliance, "吸收新成员", VotingRule.DefaultFor(VotingMatter.MemberAdmission),
                voters.Select(v => (v, (OrganizationId?)null)), Now.AddDays(7), Now));
            await db.SaveChangesAsync();
        }

        await using var first = Factory.Scope();
        await using var second = Factory.Scope();
        var firstDb = GovernanceApiFactory.Db(first);
        var secondDb = GovernanceApiFactory.Db(second);
        var firstCopy = await firstDb.Ballots.SingleAsync(b => b.Id == ballotId);
        var secondCopy = await secondDb.Ballots.SingleAsync(b => b.Id == ballotId);

        firstCopy.Cast(voters[0], VoteChoice.Yes, Now.AddHours(1));
        secondCopy.Close(Now.AddHours(1));
        await firstDb.SaveChangesAsync();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => secondDb.SaveChangesAsync());
        await using var check = Factory.Scope();
        var stored = await GovernanceApiFactory.Db(check).Ballots.SingleAsync(b => b.Id == ballotId);
        Assert.Equal(BallotStatus.Open, stored.Status);
        Assert.Single(stored.Votes);
    }

    [Fact]
    public async Task Membership_ScalarChangeByTwoWriters_SecondGetsConcurrencyConflict()
    {
        var membershipId = await SeedActiveMembershipAsync();
        await using var first = Factory.Scope();
        await using var second = Factory.Scope();
        var firstDb = GovernanceApiFactory.Db(first);
        var secondDb = GovernanceApiFactory.Db(second);
        var a = await firstDb.Memberships.SingleAsync(m => m.Id == membershipId);
        var b = await secondDb.Memberships.SingleAsync(m => m.Id == membershipId);

        a.StartExit("自愿退出", Now);
        b.Remove("理事会决定罢免", Now);
        await firstDb.SaveChangesAsync();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => secondDb.SaveChangesAsync());
        await using var check = Factory.Scope();
        Assert.Equal(MembershipStatus.Exiting, (await GovernanceApiFactory.Db(check).Memberships.SingleAsync(m => m.Id == membershipId)).Status);
    }

    [Fact]
    public async Task Agreement_TwoSignaturesFromTheSameVersion_OnlyOneIsStored()
    {
        var supervisor = TestData.Organization(OrganizationKind.GovernmentAgency);
        var a = TestData.Organization(OrganizationKind.University);
        var b = TestData.Organization();
        var alliance = TestData.Alliance(supervisor);
        var sha = new string('b', 64);
        var agreement = new Agreement(AgreementId.New(), alliance.Id, AgreementKind.AccessionAgreement, "入盟协议", [a.Id, b.Id], SigningOrder.Parallel, Now);
        agreement.OpenForSigning(sha, Now.AddDays(3), Now);
        await using (var scope = Factory.Scope())
        {
            var db = GovernanceApiFactory.Db(scope);
            db.AddRange(supervisor, a, b, alliance, agreement);
            await db.SaveChangesAsync();
        }

        await using var first = Factory.Scope();
        await using var second = Factory.Scope();
        var firstDb = GovernanceApiFactory.Db(first);
        var secondDb = GovernanceApiFactory.Db(second);
        var firstCopy = await firstDb.Agreements.SingleAsync(x => x.Id == agreement.Id);
        var secondCopy = await secondDb.Agreements.SingleAsync(x => x.Id == agreement.Id);
        firstCopy.Sign(new SigningRequest(a.Id, PersonId.New(), "法定代表人", sha, AuthenticationMethod.PasswordReentry, null, null), Now);
        secondCopy.Sign(new SigningRequest(b.Id, PersonId.New(), "法定代表人", sha, AuthenticationMethod.PasswordReentry, null, null), Now);
        await firstDb.SaveChangesAsync();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => secondDb.SaveChangesAsync());
        await using var check = Factory.Scope();
        var stored = await GovernanceApiFactory.Db(check).Agreements.SingleAsync(x => x.Id == agreement.Id);
        Assert.Single(stored.Signatures);
        Assert.Equal(AgreementStatus.Signing, stored.Status);
    }

    [Fact]
    public async Task Membership_SecondOpenMembershipOfSamePair_RejectedByUniqueIndex()
    {
        var supervisor = TestData.Organization(OrganizationKind.GovernmentAgency);
        var organization = TestData.Organization();
        var alliance = TestData.Alliance(supervisor);
        await using (var scope = Factory.Scope())
        {
            var db = GovernanceApiFactory.Db(scope);
            db.AddRange(supervisor, organization, alliance);
            db.Memberships.Add(Membership.Apply(alliance, organization, MembershipRole.MemberUnit, [], false, Now));
            await db.SaveChangesAsync();
        }

        // A racing request that did not see the first application passes the domain check...
        await using var racing = Factory.Scope();
        var racingDb = GovernanceApiFactory.Db(racing);
        racingDb.Memberships.Add(Membership.Apply(alliance, organization, MembershipRole.MemberUnit, [], false, Now));

        // ...and the database refuses it.
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => racingDb.SaveChangesAsync());
        Assert.True(UniqueViolation.Is(error));
    }

    [Fact]
    public async Task Membership_AfterExit_TheSamePairMayApplyAgain()
    {
        var supervisor = TestData.Organization(OrganizationKind.GovernmentAgency);
        var organization = TestData.Organization(OrganizationKind.University);
        var alliance = TestData.Alliance(supervisor);
        var first = Membership.Apply(alliance, organization, MembershipRole.MemberUnit, [], false, Now);
        first.Reject("材料不全", Now);
        await using (var scope = Factory.Scope())
        {
            var db = GovernanceApiFactory.Db(scope);
            db.AddRange(supervisor, organization, alliance, first);
            await db.SaveChangesAsync();
        }

        await using var again = Factory.Scope();
        var againDb = GovernanceApiFactory.Db(again);
        againDb.Memberships.Add(Membership.Apply(alliance, organization, MembershipRole.MemberUnit, [first], false, Now));
        await againDb.SaveChangesAsync();

        Assert.Equal(2, await againDb.Memberships.CountAsync(m => m.OrganizationId == organization.Id));
    }

    [Fact]
    public async Task AuditEntries_TwoAppendsAfterTheSameEntry_ChainCannotFork()
    {
        var genesis = AuditEntry.Append(null, new AuditRecord(Now, null, null, "system.start", "System", "1", null, null, null, null, null));
        await using (var scope = Factory.Scope())
        {
            var db = GovernanceApiFactory.Db(scope);
            db.AuditEntries.Add(genesis);
            await db.SaveChangesAsync();
        }

        await using var a = Factory.Scope();
        await using var b = Factory.Scope();
        var dbA = GovernanceApiFactory.Db(a);
        var dbB = GovernanceApiFactory.Db(b);
        dbA.AuditEntries.Add(AuditEntry.Append(genesis, new AuditRecord(Now, null, null, "a", "T", "1", null, null, null, null, null)));
        dbB.AuditEntries.Add(AuditEntry.Append(genesis, new AuditRecord(Now, null, null, "b", "T", "2", null, null, null, null, null)));
        await dbA.SaveChangesAsync();

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => dbB.SaveChangesAsync());
        Assert.True(UniqueViolation.Is(error));
    }

    [Fact]
    public async Task Organizations_DuplicateCreditCode_RejectedByUniqueIndex()
    {
        var code = UnifiedSocialCreditCode.Parse(TestData.CreditCode());
        await using (var scope = Factory.Scope())
        {
            var db = GovernanceApiFactory.Db(scope);
            db.Organizations.Add(new Organization(OrganizationId.New(), OrganizationKind.Enterprise, "甲公司", code, "大连市", "甲", Now));
            await db.SaveChangesAsync();
        }

        await using var second = Factory.Scope();
        var secondDb = GovernanceApiFactory.Db(second);
        secondDb.Organizations.Add(new Organization(OrganizationId.New(), OrganizationKind.Enterprise, "乙公司", code, "大连市", "乙", Now));
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => secondDb.SaveChangesAsync());
        Assert.True(UniqueViolation.Is(error));
    }

    [Fact]
    public async Task Model_HasNoChangesMissingFromThisProvidersMigrations()
    {
        await using var scope = Factory.Scope();
        Assert.False(GovernanceApiFactory.Db(scope).Database.HasPendingModelChanges());
        Assert.Empty(await GovernanceApiFactory.Db(scope).Database.GetPendingMigrationsAsync());
    }

    private async Task<(AllianceId Alliance, PersonId[] Voters)> SeedAllianceWithVotersAsync(int count)
    {
        var supervisor = TestData.Organization(OrganizationKind.GovernmentAgency);
        var alliance = TestData.Alliance(supervisor);
        await using var scope = Factory.Scope();
        var db = GovernanceApiFactory.Db(scope);
        db.AddRange(supervisor, alliance);
        await db.SaveChangesAsync();
        return (alliance.Id, Enumerable.Range(0, count).Select(_ => PersonId.New()).ToArray());
    }

    private async Task<MembershipId> SeedActiveMembershipAsync()
    {
        var supervisor = TestData.Organization(OrganizationKind.GovernmentAgency);
        var organization = TestData.Organization(OrganizationKind.University);
        var alliance = TestData.Alliance(supervisor);
        var membership = TestData.ActiveMember(alliance, organization, MembershipRole.MemberUnit, []);
        await using var scope = Factory.Scope();
        var db = GovernanceApiFactory.Db(scope);
        db.AddRange(supervisor, organization, alliance, membership);
        await db.SaveChangesAsync();
        return membership.Id;
    }
}

[Collection(OnSqlite.Name)]
public sealed class SqlitePersistenceTests(SqliteServerFixture fixture) : PersistenceTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresPersistenceTests(PostgresServerFixture fixture) : PersistenceTests(fixture);
