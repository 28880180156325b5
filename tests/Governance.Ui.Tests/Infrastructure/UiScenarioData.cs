using Governance.Domain.Agreements;
using Governance.Domain.Alliances;
using Governance.Domain.Ballots;
using Governance.Domain.Charters;
using Governance.Domain.Common;
using Governance.Domain.Memberships;
using Governance.Server.Demo;
using Governance.Server.Features.Documents;
using Governance.Server.Processes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace Governance.Ui.Tests.Infrastructure;

/// <summary>
/// What the demo alliance would have after some months of work, made through the domain's own methods
/// until the workflows create it: a draft charter v2 (one section changed, one added), the alliance
/// agreement being signed (the chair unit signed, the rest outstanding), and a closed council ballot.
/// </summary>
public sealed record UiScenarioData(
    Guid AllianceId, Guid ChairUnitId, string ChangedSection, string AddedSection, string BallotSubject, string AgreementTitle, Guid ResolutionId)
{
    public static async Task<UiScenarioData> AddAsync(UiServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        await using var scope = server.Scope();
        var db = UiServer.Db(scope);
        var now = TimeProvider.System.GetUtcNow();
        var alliance = await db.Alliances.SingleAsync(a => a.Name == DemoSeeder.AllianceName);
        var current = await db.Charters.SingleAsync(c => c.AllianceId == alliance.Id && c.Status == CharterStatus.InForce);

        const string changed = "经费";
        const string added = "信息公开";
        var sections = current.Sections.OrderBy(s => s.Number)
            .Select(s => (s.Title, s.Title == changed
                ? "联盟经费来源于成员单位缴纳的会费、合作项目经费和社会捐赠，专款专用。秘书处每年向理事会报告经费收支情况，并接受主管部门的审计监督。"
                : s.Body))
            .Append((added, "联盟每年向社会公开年度工作进展报告和成员名单；涉及商业秘密的内容除外。"))
            .ToList();
        db.Charters.Add(new Charter(CharterId.New(), alliance.Id, 2, current.Title, sections, current.VotingRules, now));

        var memberships = await db.Memberships.Where(m => m.AllianceId == alliance.Id && m.Status == MembershipStatus.Active).ToListAsync();
        var chairUnit = memberships.Single(m => m.Role == MembershipRole.ChairUnit).OrganizationId;
        var parties = memberships.Where(m => m.Role is MembershipRole.ChairUnit or MembershipRole.ViceChairUnit).Select(m => m.OrganizationId).ToList();
        const string title = "辽宁省智能制造产教联盟协议（2026 年修订）";
        var agreement = new Agreement(AgreementId.New(), alliance.Id, AgreementKind.AllianceAgreement, title, parties, SigningOrder.Parallel, now);
        var sha = new string('a', 64);
        agreement.OpenForSigning(sha, now.AddDays(14), now);
        var chairPerson = alliance.CouncilSeats.Single(s => s.Position == CouncilPosition.Chair && s.IsCurrent).PersonId;
        agreement.Sign(new SigningRequest(chairUnit, chairPerson, "法定代表人", sha, AuthenticationMethod.EmailOneTimeCode, "127.0.0.1", "tests"), now);
        db.Agreements.Add(agreement);

        const string subject = "关于吸收锦州精密传感器有限公司为理事单位的决议";
        var council = alliance.CouncilSeats.Where(s => s.IsCurrent).ToList();
        var ballot = new Ballot(BallotId.New(), alliance.Id, subject, current.RuleFor(VotingMatter.CouncilMemberChange),
            council.Select(s => (s.PersonId, (OrganizationId?)s.OrganizationId)), now.AddDays(7), now);
        foreach (var (seat, index) in council.Select((s, i) => (s, i)))
        {
            ballot.Cast(seat.PersonId, index == 0 ? VoteChoice.Abstain : VoteChoice.Yes, now);
        }

        ballot.Close(now);
        db.Ballots.Add(ballot);
        await db.SaveChangesAsync();

        // The ballot's resolution, issued as a workflow step would issue it.
        var model = await new DocumentModels(db).BuildAsync(DocumentKind.BallotResolution, "zh-CN", new DocumentSubject(BallotId: ballot.Id.Value), default);
        var resolution = await scope.ServiceProvider.GetRequiredService<IDocumentService>()
            .GenerateAsync(DocumentKind.BallotResolution, "zh-CN", model, alliance.Id.Value, null, default);
        return new UiScenarioData(alliance.Id.Value, chairUnit.Value, changed, added, subject, title, resolution.Id);
    }
}
