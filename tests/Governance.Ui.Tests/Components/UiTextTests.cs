using Governance.Server.Ui.Infrastructure;
using Governance.Server.Ui.Localization;

namespace Governance.Ui.Tests.Components;

public sealed class UiTextTests
{
    [Fact]
    public void Problem_KnownCode_HasItsOwnPlainSentenceInEachLanguage()
    {
        var problem = new UiProblem(422, "organization.invalid-credit-code", "creditCode", "The check character is wrong.");

        Assert.Equal("统一社会信用代码不正确（18 位，含校验位）。", UiText.Chinese.Problem(problem));
        Assert.Equal("The unified social credit code is not valid (18 characters with a check character).", UiText.English.Problem(problem));
    }

    [Fact]
    public void Problem_OtherRule_SaysWhatKindOfProblem_AndKeepsTheServersExplanation()
    {
        var problem = new UiProblem(422, "membership.enterprise-already-in-alliance", "organizationId", "The enterprise is already in an alliance.");

        Assert.Equal("不符合规则。 The enterprise is already in an alliance.", UiText.Chinese.Problem(problem));
    }

    [Fact]
    public void Problem_ServerError_NeverShowsItsDetail()
    {
        var problem = new UiProblem(500, "server.error", null, "NullReferenceException at line 12");

        Assert.DoesNotContain("NullReference", UiText.Chinese.Problem(problem), StringComparison.Ordinal);
        Assert.Equal("服务器出错了，请稍后再试；问题已记录。", UiText.Chinese.Problem(problem));
    }

    [Fact]
    public void Problem_NotFound_DoesNotSayWhetherTheRecordExists()
    {
        var problem = new UiProblem(404, "alliance.not-found", null, "Alliance 0f8fad5b-d9cb-469f-a165-70867728950e was not found.");

        Assert.Equal("找不到该记录，或你无权查看。", UiText.Chinese.Problem(problem));
    }

    [Fact]
    public void Dates_AreInChinaTime_InEachLanguagesFormat()
    {
        var at = new DateTimeOffset(2026, 3, 1, 17, 30, 0, TimeSpan.Zero);

        Assert.Equal("2026年3月2日 01:30", UiText.Chinese.DateAndTime(at));
        Assert.Equal("2 Mar 2026 01:30", UiText.English.DateAndTime(at));
        Assert.Equal("—", UiText.English.Date(null));
    }

    [Fact]
    public void Numbers_GroupThousands_AndKeepUpToFourDecimals()
    {
        Assert.Equal("12,345", UiText.Chinese.Number(12_345));
        Assert.Equal("1,234.5678", UiText.English.Number(1_234.5678m));
    }

    [Fact]
    public void ChainBroken_NamesTheEntryAndTheKindOfBreakInTheReadersLanguage()
    {
        Assert.Equal("审计链在第 4 条处断开：记录内容与其哈希不符（内容被改动）。", UiText.Chinese.ChainBroken(4, "The entry's content does not match its hash."));
        Assert.Equal("The chain breaks at entry 2: the entry is missing (deleted).", UiText.English.ChainBroken(2, "Entry 2 is missing (found 3)."));
    }
}
