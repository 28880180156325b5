using Governance.Domain.Agreements;
using Governance.Domain.Alliances;
using Governance.Domain.Ballots;
using Governance.Domain.Charters;
using Governance.Domain.Memberships;
using Governance.Domain.Organizations;
using Governance.Domain.People;
using Governance.Domain.Reports;
using Governance.Server.Features.Alliances;
using Governance.Server.WorkflowHosting;
using Governance.Workflows.Runtime;

namespace Governance.Server.Ui.Localization;

// The names of the domain's values, in both languages.
public sealed partial class UiText
{
    public string Label(AllianceStatus value) => value switch
    {
        AllianceStatus.Proposed => Pick("筹备中", "Proposed"),
        AllianceStatus.UnderReview => Pick("审核中", "Under review"),
        AllianceStatus.Rejected => Pick("未获批准", "Rejected"),
        AllianceStatus.Founded => Pick("已成立", "Founded"),
        AllianceStatus.Active => Pick("运行中", "Active"),
        AllianceStatus.Suspended => Pick("暂停", "Suspended"),
        AllianceStatus.Dissolving => Pick("解散中", "Dissolving"),
        AllianceStatus.Dissolved => Pick("已解散", "Dissolved"),
        _ => value.ToString(),
    };

    public string Label(AllianceKind value) => value switch
    {
        AllianceKind.SchoolEnterpriseAlliance => Pick("校企联盟", "School–enterprise alliance"),
        AllianceKind.IndustryEducationAlliance => Pick("产教联盟", "Industry–education alliance"),
        AllianceKind.VocationalEducationGroup => Pick("职教集团", "Vocational education group"),
        _ => value.ToString(),
    };

    public string Label(MembershipRole value) => value switch
    {
        MembershipRole.ChairUnit => Pick("理事长单位", "Chair unit"),
        MembershipRole.ViceChairUnit => Pick("副理事长单位", "Vice-chair unit"),
        MembershipRole.CouncilMemberUnit => Pick("理事单位", "Council member unit"),
        MembershipRole.MemberUnit => Pick("成员单位", "Member unit"),
        MembershipRole.InvitedMember => Pick("特邀成员", "Invited member"),
        _ => value.ToString(),
    };

    public string Label(MembershipStatus value) => value switch
    {
        MembershipStatus.Applied => Pick("已申请", "Applied"),
        MembershipStatus.Rejected => Pick("未获准", "Rejected"),
        MembershipStatus.Admitted => Pick("已批准", "Admitted"),
        MembershipStatus.Active => Pick("正常", "Active"),
        MembershipStatus.Exiting => Pick("退出中", "Exiting"),
        MembershipStatus.Exited => Pick("已退出", "Exited"),
        MembershipStatus.Removed => Pick("已除名", "Removed"),
        _ => value.ToString(),
    };

    public string Label(CouncilPosition value) => value switch
    {
        CouncilPosition.Chair => Pick("理事长", "Chair"),
        CouncilPosition.ViceChair => Pick("副理事长", "Vice-chair"),
        CouncilPosition.SecretaryGeneral => Pick("秘书长", "Secretary-general"),
        CouncilPosition.Member => Pick("理事", "Council member"),
        _ => value.ToString(),
    };

    public string Label(OrganizationKind value) => value switch
    {
        OrganizationKind.University => Pick("普通高校", "University"),
        OrganizationKind.VocationalSchool => Pick("职业院校", "Vocational school"),
        OrganizationKind.Enterprise => Pick("企业", "Enterprise"),
        OrganizationKind.ResearchInstitute => Pick("科研院所", "Research institute"),
        OrganizationKind.IndustryAssociation => Pick("行业协会", "Industry association"),
        OrganizationKind.GovernmentAgency => Pick("政府部门", "Government agency"),
        OrganizationKind.Other => Pick("其他", "Other"),
        _ => value.ToString(),
    };

    public string Label(Domain.Organizations.CreditStatus value) => value switch
    {
        Domain.Organizations.CreditStatus.Good => Pick("良好", "Good"),
        Domain.Organizations.CreditStatus.Warned => Pick("警示", "Warned"),
        Domain.Organizations.CreditStatus.Barred => Pick("禁入", "Barred"),
        _ => value.ToString(),
    };

    public string Label(Domain.People.Role value) => value switch
    {
        Domain.People.Role.Administrator => Pick("管理员", "Administrator"),
        Domain.People.Role.SupervisingOfficer => Pick("主管部门", "Supervising officer"),
        Domain.People.Role.Chair => Pick("理事长", "Chair"),
        Domain.People.Role.CouncilMember => Pick("理事", "Council member"),
        Domain.People.Role.Secretariat => Pick("秘书处", "Secretariat"),
        Domain.People.Role.Expert => Pick("专家", "Expert"),
        Domain.People.Role.LegalRepresentative => Pick("法定代表人", "Legal representative"),
        Domain.People.Role.Liaison => Pick("联络员", "Liaison"),
        _ => value.ToString(),
    };

    public string Label(CharterStatus value) => value switch
    {
        CharterStatus.Draft => Pick("草案", "Draft"),
        CharterStatus.Adopted => Pick("已表决通过", "Adopted"),
        CharterStatus.InForce => Pick("现行有效", "In force"),
        CharterStatus.Superseded => Pick("已废止", "Superseded"),
        _ => value.ToString(),
    };

    public string Label(AgreementKind value) => value switch
    {
        AgreementKind.AllianceAgreement => Pick("联盟协议", "Alliance agreement"),
        AgreementKind.AccessionAgreement => Pick("入盟协议", "Accession agreement"),
        AgreementKind.CharterSigning => Pick("章程签署", "Charter signing"),
        _ => value.ToString(),
    };

    public string Label(AgreementStatus value) => value switch
    {
        AgreementStatus.Draft => Pick("草案", "Draft"),
        AgreementStatus.Signing => Pick("签署中", "Being signed"),
        AgreementStatus.InForce => Pick("已生效", "In force"),
        AgreementStatus.Declined => Pick("被拒签", "Declined"),
        AgreementStatus.Expired => Pick("已过期", "Expired"),
        _ => value.ToString(),
    };

    public string Label(SignatureOutcome value) => value switch
    {
        SignatureOutcome.Signed => Pick("已签署", "Signed"),
        SignatureOutcome.Declined => Pick("拒签", "Declined"),
        _ => value.ToString(),
    };

    public string Label(AuthenticationMethod value) => value switch
    {
        AuthenticationMethod.EmailOneTimeCode => Pick("邮件验证码", "Email one-time code"),
        AuthenticationMethod.PasswordReentry => Pick("再次输入密码", "Password re-entered"),
        _ => value.ToString(),
    };

    public string Label(AnnualReportStatus value) => value switch
    {
        AnnualReportStatus.Collecting => Pick("填报中", "Collecting"),
        AnnualReportStatus.Compiled => Pick("已汇总", "Compiled"),
        AnnualReportStatus.Approved => Pick("理事会已审议", "Approved"),
        AnnualReportStatus.Published => Pick("已报送主管部门", "Sent to the department"),
        _ => value.ToString(),
    };

    public string Label(VotingMatter value) => value switch
    {
        VotingMatter.General => Pick("一般事项", "General matter"),
        VotingMatter.MemberAdmission => Pick("成员入盟", "Admission of a member"),
        VotingMatter.MemberRemoval => Pick("成员除名", "Removal of a member"),
        VotingMatter.CharterAmendment => Pick("章程修订", "Charter amendment"),
        VotingMatter.CouncilMemberChange => Pick("理事变更", "Change of council members"),
        VotingMatter.AnnualReport => Pick("年度报告", "Annual report"),
        VotingMatter.EnterpriseExemption => Pick("企业一盟豁免", "Enterprise exemption"),
        VotingMatter.Dissolution => Pick("联盟解散", "Dissolution"),
        _ => value.ToString(),
    };

    public string Label(VotingThreshold value) => value switch
    {
        VotingThreshold.MajorityOfVotesCast => Pick("赞成票多于反对票", "more yes than no votes"),
        VotingThreshold.MajorityOfAllEligible => Pick("全体有表决权者过半数赞成", "a majority of all eligible voters vote yes"),
        VotingThreshold.TwoThirdsOfAllEligible => Pick("全体有表决权者三分之二以上赞成", "two-thirds of all eligible voters vote yes"),
        VotingThreshold.Unanimous => Pick("全体一致赞成", "every eligible voter votes yes"),
        _ => value.ToString(),
    };

    public string Label(BallotOutcome value) => value switch
    {
        BallotOutcome.Approved => Pick("通过", "Approved"),
        BallotOutcome.Rejected => Pick("未通过", "Rejected"),
        BallotOutcome.NoQuorum => Pick("未达法定人数", "No quorum"),
        _ => value.ToString(),
    };

    public string Label(DecisionKind value) => value switch
    {
        DecisionKind.Ballot => Pick("理事会表决", "Council ballot"),
        DecisionKind.CharterInForce => Pick("章程生效", "Charter in force"),
        DecisionKind.AgreementInForce => Pick("协议生效", "Agreement in force"),
        _ => value.ToString(),
    };

    public string Label(WorkflowStatus value) => value switch
    {
        WorkflowStatus.Running => Pick("运行中", "Running"),
        WorkflowStatus.Suspended => Pick("等待中", "Waiting"),
        WorkflowStatus.Finished => Pick("已完成", "Finished"),
        WorkflowStatus.Faulted => Pick("故障", "Faulted"),
        WorkflowStatus.Cancelled => Pick("已取消", "Cancelled"),
        _ => value.ToString(),
    };

    public string Label(OutboxStatus value) => value switch
    {
        OutboxStatus.Pending => Pick("待发送", "Pending"),
        OutboxStatus.Held => Pick("待汇总", "Held for digest"),
        OutboxStatus.Sent => Pick("已发送", "Sent"),
        OutboxStatus.DeadLettered => Pick("发送失败", "Dead-lettered"),
        OutboxStatus.Cancelled => Pick("已停止", "Cancelled"),
        OutboxStatus.Digested => Pick("已并入汇总", "In a digest"),
        _ => value.ToString(),
    };

    /// <summary>The indicator totals of a report, label and formatted value, in the order of the domain.</summary>
    public IReadOnlyList<(string Label, string Value)> Indicators(ContributionIndicators totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        return
        [
            (IndicatorEnterprisesServed, Number(totals.EnterprisesServed)),
            (IndicatorJointProjects, Number(totals.JointProjects)),
            (IndicatorPatents, Number(totals.PatentsTransferred)),
            (IndicatorPeopleTrained, Number(totals.PeopleTrained)),
            (IndicatorStudents, Number(totals.StudentsInInternships)),
            (IndicatorFunds, Number(totals.FundsRaisedTenThousandYuan)),
        ];
    }
}
