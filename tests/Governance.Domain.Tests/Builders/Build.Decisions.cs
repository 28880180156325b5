using Governance.Domain.Agreements;
using Governance.Domain.Audit;
using Governance.Domain.Ballots;
using Governance.Domain.Charters;
using Governance.Domain.Common;

namespace Governance.Domain.Tests.Builders;

internal static partial class Build
{
    public static VotingRule Rule(
        VotingThreshold threshold = VotingThreshold.MajorityOfVotesCast,
        int quorumNumerator = 1,
        int quorumDenominator = 2,
        bool recuse = true,
        VotingMatter matter = VotingMatter.General) =>
        new(matter, new Quorum(quorumNumerator, quorumDenominator), threshold, recuse);

    public static Charter Charter(int versionNumber = 1, AllianceId? allianceId = null, params VotingRule[] rules) =>
        new(
            CharterId.New(),
            allianceId ?? AllianceId.New(),
            versionNumber,
            "联盟章程",
            [("总则", "本联盟是校企合作的非营利性组织。"), ("成员", "成员单位享有章程规定的权利。")],
            rules,
            Now);

    public static Ballot Ballot(VotingRule rule, IEnumerable<PersonId> voters, DateTimeOffset? deadline = null) =>
        new(
            BallotId.New(),
            AllianceId.New(),
            "关于接纳新成员单位的决议",
            rule,
            voters.Select(v => (v, (OrganizationId?)OrganizationId.New())),
            deadline ?? Now.AddDays(7),
            Now);

    public static Agreement Agreement(IEnumerable<OrganizationId> parties, SigningOrder order = SigningOrder.Parallel) =>
        new(AgreementId.New(), AllianceId.New(), AgreementKind.AllianceAgreement, "联盟协议", parties, order, Now);

    /// <summary>An agreement open for signing of <paramref name="documentSha256"/> until <paramref name="deadline"/> (default: a week).</summary>
    public static Agreement SigningAgreement(
        IEnumerable<OrganizationId> parties,
        string documentSha256,
        SigningOrder order = SigningOrder.Parallel,
        DateTimeOffset? deadline = null)
    {
        var agreement = Agreement(parties, order);
        agreement.OpenForSigning(documentSha256, deadline ?? Now.AddDays(7), Now);
        return agreement;
    }

    public static SigningRequest SigningRequest(
        OrganizationId organization,
        string documentSha256,
        PersonId? signer = null,
        PersonId? onBehalfOf = null) =>
        new(
            organization,
            signer ?? PersonId.New(),
            "法定代表人",
            documentSha256,
            AuthenticationMethod.EmailOneTimeCode,
            "203.0.113.7",
            "Mozilla/5.0 (X11; Linux x86_64)",
            onBehalfOf);

    public static AuditRecord AuditRecord(
        string action = "membership.admitted",
        string? summary = "接纳成员单位",
        string? ipAddress = "203.0.113.7",
        string? userAgent = "Mozilla/5.0",
        DateTimeOffset? at = null) =>
        new(
            at ?? Now,
            PersonId.New(),
            null,
            action,
            "Membership",
            Guid.CreateVersion7().ToString(),
            AllianceId.New(),
            OrganizationId.New(),
            summary,
            ipAddress,
            userAgent);
}
