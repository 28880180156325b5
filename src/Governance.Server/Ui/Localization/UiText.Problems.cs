using Governance.Server.Ui.Infrastructure;

namespace Governance.Server.Ui.Localization;

// Refusals and rule violations in plain words. The well-known codes have their own sentence; any
// other rule keeps the server's explanation after a sentence that says what kind of problem it is.
public sealed partial class UiText
{
    public string Problem(UiProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var known = problem.Code switch
        {
            "access.administrator-required" => Pick("只有管理员可以执行此操作。", "Only an administrator may do this."),
            "access.operator-required" => Pick("只有管理员可以查看流程实例。", "Only administrators may see workflow instances."),
            "access.alliance-role-required" => Pick("需要你在该联盟担任理事长或秘书处角色。", "This needs your chair or secretariat role in the alliance."),
            "access.liaison-required" => Pick("只有该单位的联络员可以为其申请。", "Only the organization's liaison may apply for it."),
            "access.person-required" or "access.unauthenticated" => Pick("请先登录。", "Sign in first."),
            "concurrency.conflict" or "concurrency.version-mismatch" => Pick(
                "该记录刚被他人修改，请刷新后重试。", "Someone changed this record meanwhile: reload and try again."),
            "person.duplicate-email" => Pick("已有人员使用此邮箱。", "Someone already has this email address."),
            "person.invalid-email" => Pick("邮箱地址格式不正确。", "This is not an email address."),
            "person.role-already-held" => Pick("此人在该范围、该期间已担任此角色。", "This person already holds that role there in that period."),
            "person.role-scope-mismatch" => Pick("该角色的范围不对：管理员为平台，理事长、理事、秘书处、专家为联盟，法定代表人、联络员、主管部门为单位。",
                "Wrong scope for this role: administrators hold the platform, chair, council, secretariat and experts an alliance, legal representatives, liaisons and supervising officers an organization."),
            "person.role-period-invalid" => Pick("角色的结束时间必须晚于开始时间。", "A role must end after it starts."),
            "organization.invalid-credit-code" => Pick("统一社会信用代码不正确（18 位，含校验位）。", "The unified social credit code is not valid (18 characters with a check character)."),
            "organization.duplicate-credit-code" => Pick("已有单位使用此统一社会信用代码。", "An organization with this credit code already exists."),
            "account.already-active" => Pick("此人已设置密码，可以自行找回密码。", "This person has set a password already; they can reset it themselves."),
            "account.link-invalid" => Pick("链接已过期或已使用，请重新申请。", "This link has expired or was used already: ask for a new one."),
            "account.password-too-weak" => Pick("密码至少 10 位，须包含小写字母和数字。", "At least 10 characters with a lower-case letter and a digit."),
            "outbox.sending" => Pick("这封邮件正在发送，无法停止。", "This message is being sent right now and cannot be stopped."),
            "outbox.not-cancellable" => Pick("这封邮件已经发出，无法停止。", "This message went out already and cannot be stopped."),
            "documents.template-empty" => Pick("模板内容不能为空。", "The template is empty."),
            "documents.template-too-long" => Pick("模板过长：最多 200000 个字符。", "The template is too long: at most 200,000 characters."),
            "request.invalid-page" or "request.invalid-page-size" => Pick("页码不正确。", "That page does not exist."),
            _ => null,
        } ?? SigningProblem(problem.Code);
        if (known is not null)
        {
            return known;
        }

        if (problem.Code.EndsWith("-required", StringComparison.Ordinal))
        {
            return Required;
        }

        var kind = problem.Status switch
        {
            StatusCodes.Status403Forbidden => Pick("你没有权限执行此操作。", "You may not do this."),
            StatusCodes.Status404NotFound => Pick("找不到该记录，或你无权查看。", "There is no such record, or you may not see it."),
            StatusCodes.Status409Conflict => Pick("与现有记录冲突。", "This conflicts with an existing record."),
            StatusCodes.Status422UnprocessableEntity => Pick("不符合规则。", "A rule is not met."),
            StatusCodes.Status503ServiceUnavailable => Pick("服务器暂时无法完成此操作。", "The server cannot do this right now."),
            >= StatusCodes.Status500InternalServerError => Pick("服务器出错了，请稍后再试；问题已记录。", "Something went wrong on the server; it was logged. Try again later."),
            _ => Pick("操作未完成。", "That did not work."),
        };

        // Only refusals and rule violations explain themselves; a server error's detail stays in the log.
        return problem.Status is >= 400 and < 500 && !string.IsNullOrWhiteSpace(problem.Detail) && problem.Status != StatusCodes.Status404NotFound
            ? $"{kind} {problem.Detail}"
            : kind;
    }
}
