using Governance.Domain.Charters;
using Governance.Server.Api;

namespace Governance.Server.Features.Ballots;

/// <summary>A voting rule and its matter as a voter reads them, in 简体中文 or English.</summary>
public static class VotingRuleText
{
    public static string Matter(VotingMatter matter, string language) => language == RequestLanguage.English
        ? matter switch
        {
            VotingMatter.General => "General matter",
            VotingMatter.MemberAdmission => "Admission of a member",
            VotingMatter.MemberRemoval => "Removal of a member",
            VotingMatter.CharterAmendment => "Amendment of the charter",
            VotingMatter.CouncilMemberChange => "Change of council members",
            VotingMatter.AnnualReport => "Annual report",
            VotingMatter.EnterpriseExemption => "Exemption for an enterprise",
            VotingMatter.Dissolution => "Dissolution of the alliance",
            _ => matter.ToString(),
        }
        : matter switch
        {
            VotingMatter.General => "一般事项",
            VotingMatter.MemberAdmission => "吸收新成员",
            VotingMatter.MemberRemoval => "除名成员单位",
            VotingMatter.CharterAmendment => "修改章程",
            VotingMatter.CouncilMemberChange => "理事变更",
            VotingMatter.AnnualReport => "年度工作报告",
            VotingMatter.EnterpriseExemption => "企业入盟豁免",
            VotingMatter.Dissolution => "联盟解散",
            _ => matter.ToString(),
        };

    public static string Describe(VotingRule rule, string language)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var quorum = $"{rule.Quorum.Numerator}/{rule.Quorum.Denominator}";
        if (language == RequestLanguage.English)
        {
            var threshold = rule.Threshold switch
            {
                VotingThreshold.MajorityOfVotesCast => "it passes with more yes than no votes (abstentions not counted)",
                VotingThreshold.MajorityOfAllEligible => "it passes when more than half of all eligible voters vote yes",
                VotingThreshold.TwoThirdsOfAllEligible => "it passes when at least two-thirds of all eligible voters vote yes",
                VotingThreshold.Unanimous => "it passes only when every eligible voter votes yes",
                _ => rule.Threshold.ToString(),
            };
            return $"At least {quorum} of the eligible voters must take part (yes, no or abstain); {threshold}"
                + (rule.RecuseInterestedMembers ? "; members with an interest in the matter are recused." : ".");
        }

        var text = rule.Threshold switch
        {
            VotingThreshold.MajorityOfVotesCast => "赞成票多于反对票即为通过（弃权不计入）",
            VotingThreshold.MajorityOfAllEligible => "赞成票超过全体有表决权成员的半数即为通过",
            VotingThreshold.TwoThirdsOfAllEligible => "赞成票达到全体有表决权成员的三分之二即为通过",
            VotingThreshold.Unanimous => "全体有表决权成员一致赞成方为通过",
            _ => rule.Threshold.ToString(),
        };
        return $"参与表决（赞成、反对或弃权）的人数须达到有表决权成员的{quorum}；{text}"
            + (rule.RecuseInterestedMembers ? "；与表决事项有利害关系的成员应当回避。" : "。");
    }
}
