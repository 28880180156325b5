namespace Governance.Server.Ui.Localization;

// The signing page (签署), the secretariat's tracking board (督办看板) and the annual contribution and report pages.
public sealed partial class UiText
{
    // ---- signing ---------------------------------------------------------------------------------
    public string SigningTitle => Pick("协议签署", "Agreement signing");

    public string TheDocument => Pick("协议文本", "The document");

    public string DownloadPdf => Pick("下载 PDF", "Download the PDF");

    public string DocumentNotIssued => Pick("协议文本尚未生成。", "The document has not been issued yet.");

    public string DocumentNumber => Pick("文号", "Number");

    public string SigningOrderLabel => Pick("签署顺序", "Order");

    public string SigningOrderName(Governance.Domain.Agreements.SigningOrder order) =>
        order == Governance.Domain.Agreements.SigningOrder.Sequential ? Pick("依次签署", "One after another") : Pick("同时签署", "In parallel");

    public string YourSignature => Pick("我的签署", "Your signature");

    public string ConsentStatement => Pick(
        "本人已完整阅读上述协议文本，确认以所代表单位的名义签署；本人知悉以电子方式签署与手写签名具有同等效力，签署记录（时间、IP 地址、验证方式及文件 SHA-256）将被保存并可供核验。",
        "I have read the whole document above and sign it in the name of the organization I represent. I understand that signing electronically has the same effect as a handwritten signature and that the signature's record (time, IP address, how I proved who I am and the document's SHA-256) is kept for verification.");

    public string ConsentStatementShort => Pick("我已阅读并同意上述声明", "I have read and agree to the statement above");

    public string ConsentRequired => Pick("签署前请勾选确认上述声明。", "Tick the statement before signing.");

    public string SignFor => Pick("代表单位", "Sign for");

    public string RequestCode => Pick("获取验证码", "Send me a code");

    public string RequestCodeAgain => Pick("重新获取验证码", "Send a new code");

    public string CodeSent(DateTimeOffset until) => Pick(
        $"验证码已发送至你的邮箱，{DateAndTime(until)} 前有效。", $"A code is on its way to your email; it works until {DateAndTime(until)}.");

    public string OneTimeCode => Pick("邮箱验证码（6 位数字）", "Emailed code (6 digits)");

    public string CodeFormat => Pick("请输入邮件中的 6 位数字验证码。", "Enter the 6 digits from the email.");

    public string SignNow => Pick("确认签署", "Sign");

    public string DeclineToSign => Pick("拒绝签署", "Decline");

    public string DeclineReason => Pick("拒签理由", "Why you decline");

    public string DeclineReasonRequired => Pick("拒绝签署须说明理由。", "Say why you decline.");

    public string ConfirmDecline => Pick("确认拒绝签署", "Decline the agreement");

    public string SignedNote => Pick("签署成功，签署记录已保存。", "Signed: the signature is recorded.");

    public string DeclinedNote => Pick("已拒绝签署，秘书处将收到你的理由。", "Declined: the secretariat is told your reason.");

    public string NothingToSign => Pick(
        "本协议由各成员单位的法定代表人（或其授权签署人）签署；你目前没有待签署的单位。",
        "Each member unit's legal representative (or their delegate) signs this agreement; there is no party for you to sign for now.");

    public string SignAsDelegate => Pick("我是授权签署人", "I sign as a delegate");

    public string NotSigning => Pick("本协议当前不在签署中。", "This agreement is not open for signing.");

    public string PartyStatus(string status) => status switch
    {
        "Signed" => Pick("已签署", "Signed"),
        "Declined" => Pick("已拒签", "Declined"),
        "Pending" => Pick("待签署", "Outstanding"),
        "NotSigned" => Pick("未签署", "Not signed"),
        _ => status,
    };

    public string SignatureEvidence => Pick("签署方式", "Method");

    public string SignerRoleLabel => Pick("身份", "As");

    // ---- tracking board --------------------------------------------------------------------------
    public string TrackingBoard => Pick("督办看板", "Tracking board");

    public string TrackingSummary(int open, int overdue) => Pick(
        $"待办 {Number(open)} 项，其中逾期 {Number(overdue)} 项", $"{Number(open)} open, {Number(overdue)} overdue");

    public string GeneratedAt(DateTimeOffset at) => Pick($"更新于 {DateAndTime(at)}", $"As of {DateAndTime(at)}");

    public string NoTrackingBoards => Pick(
        "你不是任何联盟的秘书处或理事长；管理员可从联盟页面打开督办看板。",
        "You are not the secretariat or chair of an alliance; administrators open the board from an alliance's page.");

    public string Refresh => Pick("刷新", "Refresh");

    public string ExportXlsx => Pick("导出 Excel", "Export to Excel");

    public string NoOpenProcesses => Pick("没有进行中的事项。", "Nothing is open.");

    public string NoProcess => Pick("（非流程事项）", "(outside a process)");

    public string StartedBy(string? name, DateTimeOffset? at) => Pick(
        $"{name ?? "—"} 发起于 {DateAndTime(at)}", $"started by {name ?? "—"} on {DateAndTime(at)}");

    public string OpenAndOverdue(int open, int overdue) => overdue == 0
        ? Pick($"{Number(open)} 项待办", $"{Number(open)} open")
        : Pick($"{Number(open)} 项待办，{Number(overdue)} 项逾期", $"{Number(open)} open, {Number(overdue)} overdue");

    public string Owed => Pick("事项", "Owed");

    public string Assignee => Pick("承办人", "Who");

    public string OwedSince => Pick("起始时间", "Since");

    public string DueBy => Pick("办理期限", "Due");

    public string Overdue(int days) => Pick($"逾期 {Number(days)} 天", $"{Number(days)} day(s) overdue");

    public string NotOverdue => Pick("未逾期", "On time");

    public string Reminders(int count, DateTimeOffset? last) => count == 0
        ? Pick("未催办", "Not reminded")
        : Pick($"已催办 {Number(count)} 次，最近 {DateAndTime(last)}", $"Reminded {Number(count)}×, last {DateAndTime(last)}");

    public string Remind => Pick("催办", "Remind");

    public string NextReminderFrom(DateTimeOffset at) => Pick($"{DateAndTime(at)} 后可再次催办", $"Next reminder from {DateAndTime(at)}");

    public string ReminderSent(string person) => Pick($"已向 {person} 发送催办邮件。", $"A reminder went to {person}.");

    public string ReminderTooSoon(DateTimeOffset at) => Pick(
        $"催办过于频繁：{DateAndTime(at)} 后才能再次催办。", $"Reminded too recently: the next reminder is possible from {DateAndTime(at)}.");

    public string OpenSubject => Pick("查看", "Open");

    // ---- annual contribution and report ----------------------------------------------------------
    public string AnnualReportTitle(int year) => Pick($"{year} 年度工作进展报告", $"{year} annual report");

    public string ContributionForm => Pick("本单位年度贡献材料", "Your organization's contribution");

    public string ContributionFor => Pick("报送单位", "For");

    public string Narrative => Pick("年度工作情况", "The year's work");

    public string NarrativeHint => Pick("概述本单位本年度参与联盟工作的情况。", "Describe what your organization did in the alliance this year.");

    public string SubmitContribution => Pick("提交", "Submit");

    public string ContributionSubmitted => Pick("已提交，截止前可修改。", "Submitted; you may revise it until the deadline.");

    public string IndicatorWholeNumber => Pick("请填写 0 或正整数。", "A whole number, 0 or more.");

    public string IndicatorFundsFormat => Pick("请填写 0 或正数，最多 4 位小数。", "0 or more, with at most 4 decimals.");

    public string CompiledTotals => Pick("汇编合计", "Compiled totals");

    public string RunningTotals => Pick("已报送合计（尚未汇编）", "Submitted so far (not compiled yet)");

    public string Contributions => Pick("各单位报送情况", "Contributions");

    public string SubmittedAt => Pick("提交时间", "Submitted");

    public string SubmittedStatus => Pick("已提交", "Submitted");

    public string NotYetSubmitted => Pick("未提交", "Not submitted");

    public string SubmittedBy => Pick("提交人", "By");

    public string ReportSummary => Pick("总体情况", "Summary");

    public string Indicator => Pick("指标", "Indicator");

    public string Value => Pick("数值", "Value");

    // Rule violations of these pages in plain words; null when the code is not one of theirs.
    private string? SigningProblem(string code) => code switch
    {
        "step-up.no-code" => Pick("尚未获取验证码，或验证码已使用，请重新获取。", "No code was sent for this, or it was used already: ask for a new one."),
        "step-up.code-invalid" => Pick("验证码不正确。", "The code is wrong."),
        "step-up.code-expired" => Pick("验证码已过期，请重新获取。", "The code has expired: ask for a new one."),
        "step-up.too-many-attempts" => Pick("验证码错误次数过多，请重新获取。", "Too many wrong codes: ask for a new one."),
        "step-up.proof-invalid" or "step-up.proof-used" or "step-up.proof-expired" => Pick(
            "身份验证已失效，请重新获取验证码。", "The proof of who you are is no longer valid: ask for a new code."),
        "agreement.not-signatory" => Pick("你不能代表该单位签署本协议。", "You may not sign for this party of the agreement."),
        "agreement.already-signed" => Pick("该单位已经签署过本协议。", "This party has signed already."),
        "agreement.not-signing" => Pick("本协议当前不在签署中。", "This agreement is not open for signing."),
        "agreement.not-your-turn" => Pick("本协议依次签署，尚未轮到你的单位。", "The parties sign in order and it is not your party's turn yet."),
        "agreement.deadline-passed" => Pick("签署期限已过。", "The signing deadline has passed."),
        "agreement.organization-required" => Pick("你可以代表多个单位签署，请选择代表单位。", "You may sign for more than one party: choose which."),
        "report.invalid-indicator" => Pick("指标须为 0 或正数（资金最多 4 位小数）。", "Indicators are 0 or more (funds with at most 4 decimals)."),
        "report.not-collecting" => Pick("本年度报告已不再收集材料。", "Contributions are no longer collected for this report."),
        "report.deadline-passed" => Pick("报送截止时间已过。", "The submission deadline has passed."),
        "report.not-expected-member" => Pick("本单位不在本年度报送范围内。", "This organization is not asked to report this year."),
        _ => null,
    };
}
