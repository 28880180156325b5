using System.Globalization;
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

/// <summary>
/// Every text of the web UI in both languages, side by side, so neither can be forgotten: Simplified
/// Chinese (the default) and English. Dates are shown in China time and, like numbers, in the
/// language's own format.
/// </summary>
public sealed partial class UiText
{
    public static readonly UiText Chinese = new(PreferredLanguage.ZhCn);
    public static readonly UiText English = new(PreferredLanguage.En);

    private static readonly TimeZoneInfo ChinaTime = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private UiText(PreferredLanguage language)
    {
        Language = language;
        Culture = CultureInfo.GetCultureInfo(language == PreferredLanguage.En ? "en" : "zh-CN");
    }

    public PreferredLanguage Language { get; }

    public CultureInfo Culture { get; }

    /// <summary>The culture name used for the language cookie and the page's lang attribute.</summary>
    public string CultureName => Culture.Name;

    public static UiText For(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return culture.TwoLetterISOLanguageName == "en" ? English : Chinese;
    }

    public static UiText For(PreferredLanguage language) => language == PreferredLanguage.En ? English : Chinese;

    public static string CultureNameOf(PreferredLanguage language) => For(language).CultureName;

    public string Date(DateTimeOffset? at) =>
        at is not { } value ? "—" : TimeZoneInfo.ConvertTime(value, ChinaTime).ToString(Pick("yyyy年M月d日", "d MMM yyyy"), Culture);

    public string DateAndTime(DateTimeOffset? at) =>
        at is not { } value ? "—" : TimeZoneInfo.ConvertTime(value, ChinaTime).ToString(Pick("yyyy年M月d日 HH:mm", "d MMM yyyy HH:mm"), Culture);

    public string Number(long value) => value.ToString("N0", Culture);

    public string Number(decimal value) => value.ToString("#,##0.####", Culture);

    private string Pick(string chinese, string english) => Language == PreferredLanguage.En ? english : chinese;

    // ---- shell -----------------------------------------------------------------------------------
    public string AppName => Pick("联盟治理平台", "Alliance Governance");

    public string Menu => Pick("菜单", "Menu");

    public string Home => Pick("首页", "Home");

    public string Alliances => Pick("联盟", "Alliances");

    public string Organizations => Pick("单位", "Organizations");

    public string WorkflowInstances => Pick("流程实例", "Workflow instances");

    public string Administration => Pick("系统管理", "Administration");

    public string People => Pick("人员与角色", "People and roles");

    public string Templates => Pick("文书与邮件模板", "Document and email templates");

    public string Outbox => Pick("邮件发件箱", "Email outbox");

    public string AuditChain => Pick("审计链校验", "Audit chain check");

    public string Profile => Pick("个人设置", "Profile");

    public string SignOut => Pick("退出登录", "Sign out");

    public string Loading => Pick("正在加载…", "Loading…");

    public string Working => Pick("正在处理…", "Working…");

    public string NothingYet => Pick("暂无记录。", "Nothing here yet.");

    public string NotFoundTitle => Pick("页面不存在", "Page not found");

    public string NotFoundText => Pick("找不到这个页面，或你无权查看。", "There is no such page, or you may not see it.");

    public string Back => Pick("返回", "Back");

    public string Search => Pick("搜索", "Search");

    public string Save => Pick("保存", "Save");

    public string Cancel => Pick("取消", "Cancel");

    public string Close => Pick("关闭", "Close");

    public string Details => Pick("详情", "Details");

    public string Name => Pick("名称", "Name");

    public string Status => Pick("状态", "Status");

    public string RoleLabel => Pick("角色", "Role");

    public string Since => Pick("起始", "Since");

    public string Until => Pick("截止", "Until");

    public string Created => Pick("创建时间", "Created");

    public string Updated => Pick("更新时间", "Updated");

    public string LanguageLabel => Pick("语言", "Language");

    public string Email => Pick("邮箱", "Email");

    public string Phone => Pick("电话", "Phone");

    public string Previous => Pick("上一页", "Previous");

    public string Next => Pick("下一页", "Next");

    public string PageOf(int page, int pages) => Pick($"第 {page} / {pages} 页", $"Page {page} of {pages}");

    public string Total(int count) => Pick($"共 {Number(count)} 条", $"{Number(count)} in total");

    public string SwitchLanguage => Pick("English", "中文");

    public string SwitchLanguageLabel => Pick("切换到英文", "Switch to Chinese");

    // ---- account ---------------------------------------------------------------------------------
    public string SignIn => Pick("登录", "Sign in");

    public string SignInTitle => Pick("登录联盟治理平台", "Sign in to the alliance governance platform");

    public string Password => Pick("密码", "Password");

    public string NewPassword => Pick("新密码", "New password");

    public string ConfirmPassword => Pick("再次输入新密码", "New password again");

    public string ForgotPassword => Pick("忘记密码？", "Forgot your password?");

    public string ForgotPasswordTitle => Pick("找回密码", "Reset your password");

    public string ForgotPasswordHint => Pick("输入注册邮箱，我们会发送一个一小时内有效的重置链接。", "Enter your email address: we send a link that works for one hour.");

    public string SendResetLink => Pick("发送重置链接", "Send the link");

    public string ResetLinkSent => Pick("如该邮箱已注册，重置链接已发出，请查收邮件。", "If the address has an account, a reset link is on its way.");

    public string SetPasswordTitle => Pick("设置密码", "Set your password");

    public string SetPasswordHint => Pick("接受邀请或重置密码：密码至少 10 位，须包含小写字母和数字。", "Accept your invitation or reset your password: at least 10 characters with a lower-case letter and a digit.");

    public string SetPasswordButton => Pick("设置密码", "Set password");

    public string PasswordSet => Pick("密码已设置，现在可以登录。", "Your password is set: you can sign in now.");

    public string PasswordsDiffer => Pick("两次输入的密码不一致。", "The two passwords differ.");

    public string WrongCredentials => Pick("邮箱或密码不正确。", "The email or password is wrong.");

    public string LockedOut => Pick("尝试次数过多，账号已暂时锁定，请 15 分钟后再试。", "Too many attempts: the account is locked for 15 minutes.");

    public string NotActivated => Pick("账号尚未激活，请先通过邀请邮件设置密码。", "The account is not activated yet: set a password from your invitation email.");

    public string BackToSignIn => Pick("返回登录", "Back to sign-in");

    public string Required => Pick("必填。", "Required.");

    // ---- profile ---------------------------------------------------------------------------------
    public string MyRoles => Pick("我的角色", "My roles");

    public string LanguagePreference => Pick("界面与邮件语言", "Language of pages and emails");

    public string DigestPreference => Pick("每日汇总邮件", "Daily digest");

    public string DigestHint => Pick("开启后，单条通知将合并为每天 08:00（北京时间）的一封汇总邮件。", "When on, single notifications are held and sent as one email at 08:00 China time.");

    public string Saved => Pick("已保存。", "Saved.");

    public string LanguageName(PreferredLanguage language) => language switch
    {
        PreferredLanguage.En => "English",
        _ => "简体中文",
    };

    // ---- home ------------------------------------------------------------------------------------
    public string Welcome(string name) => Pick($"{name}，您好", $"Welcome, {name}");

    public string MyAlliances => Pick("我的联盟", "My alliances");

    public string MyOrganizations => Pick("我的单位", "My organizations");

    public string NoAlliances => Pick("你目前没有可查看的联盟。", "There is no alliance you may see yet.");

    public string NoRoles => Pick("你目前没有任何角色。请联系管理员。", "You hold no role yet. Ask an administrator.");

    public string Open => Pick("打开", "Open");

    // ---- alliances -------------------------------------------------------------------------------
    public string IndustryField => Pick("产业领域", "Industry");

    public string Kind => Pick("类型", "Kind");

    public string SupervisingDepartment => Pick("主管部门", "Supervising department");

    public string StatusSince => Pick("状态变更", "Status since");

    public string Members => Pick("成员单位", "Members");

    public string CouncilAndExperts => Pick("理事会与专家委员会", "Council and experts");

    public string Council => Pick("理事会", "Council");

    public string ExpertCommittee => Pick("专家委员会", "Expert committee");

    public string Charter => Pick("章程", "Charter");

    public string Agreements => Pick("协议与签署", "Agreements");

    public string AnnualReports => Pick("年度报告", "Annual reports");

    public string Decisions => Pick("决策记录", "Decisions");

    public string Organization => Pick("单位", "Organization");

    public string Person => Pick("人员", "Person");

    public string Position => Pick("职务", "Position");

    public string Field => Pick("专业领域", "Field");

    public string Applied => Pick("申请时间", "Applied");

    public string Exemption => Pick("一盟豁免", "Exemption");

    public string MemberFilter => Pick("按单位名称筛选", "Filter by organization name");

    public string Version => Pick("版本", "Version");

    public string InForceFrom => Pick("生效时间", "In force from");

    public string Sections => Pick("条款", "Sections");

    public string VotingRules => Pick("表决规则", "Voting rules");

    public string CompareVersions => Pick("版本对比", "Compare versions");

    public string OlderVersion => Pick("旧版本", "Older version");

    public string NewerVersion => Pick("新版本", "Newer version");

    public string OnlyOneVersion => Pick("只有一个版本，暂无可对比的内容。", "There is only one version: nothing to compare yet.");

    public string SectionAdded => Pick("新增", "Added");

    public string SectionRemoved => Pick("删除", "Removed");

    public string SectionChanged => Pick("修改", "Changed");

    public string SectionSame => Pick("未变", "Unchanged");

    public string NoDifferences => Pick("两个版本内容相同。", "The two versions are the same.");

    public string RuleInWords(VotingRuleResponse rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var quorum = Pick($"{rule.QuorumNumerator}/{rule.QuorumDenominator} 以上有表决权者参加", $"at least {rule.QuorumNumerator}/{rule.QuorumDenominator} of those eligible take part");
        var recusal = rule.RecuseInterestedMembers ? Pick("；利害关系方回避", "; interested members are recused") : string.Empty;
        return $"{Label(rule.Threshold)}，{quorum}{recusal}".Replace("，", Pick("，", ", "), StringComparison.Ordinal);
    }

    public string Signatures => Pick("签署情况", "Signatures");

    public string Party => Pick("签署方", "Party");

    public string SignedBy => Pick("签署人", "Signed by");

    public string OnBehalfOf(string person) => Pick($"代 {person}", $"on behalf of {person}");

    public string Outstanding => Pick("待签署", "Outstanding");

    public string Deadline => Pick("截止时间", "Deadline");

    public string SignedCount(int signedCount, int parties) => Pick($"已签 {signedCount} / {parties}", $"{signedCount} of {parties} signed");

    public string DocumentHash => Pick("文件 SHA-256", "Document SHA-256");

    public string Year => Pick("年度", "Year");

    public string Submitted(int submitted, int expected) => Pick($"已提交 {submitted} / {expected}", $"{submitted} of {expected} submitted");

    public string MissingMembers => Pick("未提交", "Not submitted");

    public string Totals => Pick("指标合计", "Totals");

    public string IndicatorEnterprisesServed => Pick("服务企业数", "Enterprises served");

    public string IndicatorJointProjects => Pick("合作项目数", "Joint projects");

    public string IndicatorPatents => Pick("专利转化数", "Patents transferred");

    public string IndicatorPeopleTrained => Pick("培训人次", "People trained");

    public string IndicatorStudents => Pick("实习/订单班学生数", "Students in internships");

    public string IndicatorFunds => Pick("筹集资金（万元）", "Funds raised (10,000 yuan)");

    public string Tally(BallotTally tally)
    {
        ArgumentNullException.ThrowIfNull(tally);
        return Pick(
            $"应到 {tally.Eligible}，回避 {tally.Recused}；赞成 {tally.Yes}，反对 {tally.No}，弃权 {tally.Abstain}",
            $"{tally.Eligible} eligible, {tally.Recused} recused; {tally.Yes} yes, {tally.No} no, {tally.Abstain} abstained");
    }

    public string Matter => Pick("事项", "Matter");

    // ---- organizations ---------------------------------------------------------------------------
    public string CreditCode => Pick("统一社会信用代码", "Unified social credit code");

    public string Region => Pick("地区", "Region");

    public string CreditStatusLabel => Pick("信用状况", "Credit status");

    public string CreditReason => Pick("信用说明", "Reason");

    public string LegalRepresentative => Pick("法定代表人", "Legal representative");

    public string LegalRepresentativeAccount => Pick("法定代表人账号", "Legal representative's account");

    public string Liaison => Pick("联络员", "Liaison");

    public string NotRegistered => Pick("未登记", "Not registered");

    public string Memberships => Pick("所在联盟", "Memberships");

    public string Alliance => Pick("联盟", "Alliance");

    public string SearchOrganizations => Pick("名称、地区或信用代码", "Name, region or credit code");

    // ---- workflows -------------------------------------------------------------------------------
    public string Definition => Pick("流程定义", "Definition");

    public string Correlation => Pick("关联标识", "Correlation");

    public string Ended => Pick("结束时间", "Ended");

    public string CurrentWaits => Pick("当前等待", "Current waits");

    public string Journal => Pick("执行日志", "Journal");

    public string Incidents => Pick("异常", "Incidents");

    public string Variables => Pick("变量", "Variables");

    public string Activity => Pick("活动", "Activity");

    public string Event => Pick("事件", "Event");

    public string Outcome => Pick("结果", "Outcome");

    public string Actor => Pick("执行者", "Actor");

    public string Summary => Pick("摘要", "Summary");

    public string Due => Pick("到期", "Due");

    public string WaitKind => Pick("等待类型", "Kind");

    public string Key => Pick("键", "Key");

    public string Message => Pick("信息", "Message");

    public string Resolved => Pick("已解决", "Resolved");

    public string Fault => Pick("故障", "Fault");

    public string AllStatuses => Pick("全部状态", "All statuses");

    public string ReadOnlyNote => Pick("只读视图：可视化流程设计器将在后续版本提供。", "Read-only: the visual designer comes later.");

    // ---- administration --------------------------------------------------------------------------
    public string SearchPeople => Pick("姓名或邮箱", "Name or email");

    public string AddPerson => Pick("登记人员", "Register a person");

    public string Invite => Pick("发送邀请", "Invite");

    public string Invited(DateTimeOffset until) => Pick($"邀请已发出，链接有效至 {DateAndTime(until)}。", $"Invitation sent; the link works until {DateAndTime(until)}.");

    public string GrantRole => Pick("授予角色", "Grant a role");

    public string EndRole => Pick("终止", "End");

    public string Scope => Pick("范围", "Scope");

    public string Platform => Pick("平台", "Platform");

    public string EndsAt(DateTimeOffset? until) => until is null ? Pick("长期", "open-ended") : DateAndTime(until);

    public string AddOrganization => Pick("登记单位", "Register an organization");

    public string ChangeCredit => Pick("变更信用状况", "Change credit status");

    public string Reason => Pick("原因", "Reason");

    public string DocumentTemplates => Pick("文书模板", "Document templates");

    public string EmailTemplates => Pick("邮件模板", "Email templates");

    public string Source => Pick("来源", "Source");

    public string ShippedFile => Pick("随版本发布", "Shipped file");

    public string Uploaded => Pick("管理员上传", "Uploaded");

    public string ShowContent => Pick("查看内容", "Show content");

    public string UploadNewVersion => Pick("上传新版本", "Upload a new version");

    public string TemplateContent => Pick("模板内容（Liquid）", "Template content (Liquid)");

    public string LoadFromFile => Pick("从文件读入", "Load from a file");

    public string VersionNote => Pick("版本说明", "What changed");

    public string UploadTemplate => Pick("上传", "Upload");

    public string EmailTemplatesShipped =>
        Pick("邮件模板随版本发布，在此只读。", "Email templates ship with each release and are read-only here.");

    public string TemplateUploaded(string name, string language, int version) =>
        Pick($"已上传 {name}.{language} 第 {version} 版，此后出具的文书使用该版本。", $"{name}.{language} version {version} uploaded; documents issued from now on use it.");

    public string DeadLetter => Pick("死信", "Dead letter");

    public string Recipient => Pick("收件人", "Recipient");

    public string Subject => Pick("主题", "Subject");

    public string Attempts => Pick("尝试次数", "Attempts");

    public string LastError => Pick("最近错误", "Last error");

    public string Resend => Pick("重新发送", "Resend");

    public string Requeued => Pick("已重新排队。", "Queued again.");

    public string CancelMessage => Pick("停止发送", "Stop");

    public string CheckChain => Pick("校验审计链", "Check the audit chain");

    public string ChainIntact(long count) => Pick($"审计链完整：已校验 {Number(count)} 条记录，没有发现篡改。", $"The chain is intact: {Number(count)} entries checked, nothing altered.");

    public string ChainBroken(long? sequence, string? problem)
    {
        // The verification names one of three breaks (VerifyAuditChainHandler); said here in the reader's language.
        var why = problem switch
        {
            not null when problem.Contains("is missing", StringComparison.Ordinal) => Pick("该条记录缺失（被删除）。", "the entry is missing (deleted)."),
            not null when problem.Contains("previous-hash", StringComparison.Ordinal) => Pick("与前一条记录的哈希链接不符。", "its link to the entry before does not match."),
            not null when problem.Contains("content does not match", StringComparison.Ordinal) => Pick("记录内容与其哈希不符（内容被改动）。", "its content does not match its hash (it was altered)."),
            _ => problem,
        };
        return Pick($"审计链在第 {sequence} 条处断开：{why}", $"The chain breaks at entry {sequence}: {why}");
    }

    public string RecentAuditEntries => Pick("最近的审计记录", "Recent audit entries");

    public string Sequence => Pick("序号", "No.");

    public string Action => Pick("操作", "Action");

    public string Target => Pick("对象", "Target");

    public string At => Pick("时间", "Time");

    public string Hash => Pick("哈希", "Hash");
}
