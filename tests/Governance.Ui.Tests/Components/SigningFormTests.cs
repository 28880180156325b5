using Bunit;
using Governance.Server.Features.Agreements;
using Governance.Server.Ui.Pages.Signing;
using MudBlazor;

namespace Governance.Ui.Tests.Components;

/// <summary>
/// The signing form checks what it can before anything reaches the server: the consent statement is
/// ticked, the code is six digits, a decline says why. (No handler is registered here: a call to the
/// server would fail the test.)
/// </summary>
public sealed class SigningFormTests : ComponentTest
{
    private static readonly Guid Agreement = Guid.NewGuid();

    [Fact]
    public void Sign_WithoutConsent_SaysTheStatementMustBeTicked()
    {
        var cut = RenderForm();
        cut.Find("[data-test=code] input").Change("123456");

        cut.Find("button[data-test=sign]").Click();

        Assert.Equal("签署前请勾选确认上述声明。", cut.Find("[data-test=consent-error]").TextContent);
        Assert.Empty(cut.FindAll(".mud-alert"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("12a456")]
    [InlineData("1234567")]
    public void Sign_WithConsentButACodeNotOfSixDigits_SaysSoNextToTheCode(string code)
    {
        var cut = RenderForm();
        cut.Find("[data-test=consent] input").Change(true);
        cut.Find("[data-test=code] input").Change(code);

        cut.Find("button[data-test=sign]").Click();

        Assert.Empty(cut.FindAll("[data-test=consent-error]"));
        Assert.Contains("请输入邮件中的 6 位数字验证码。", cut.Find("[data-test=code]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Decline_WithoutAReason_AsksForOne_AndNeedsNoConsent()
    {
        var cut = RenderForm();
        cut.Find("button[data-test=decline]").Click();
        cut.Find("[data-test=code] input").Change("654321");

        cut.Find("button[data-test=confirm-decline]").Click();

        Assert.Contains("拒绝签署须说明理由。", cut.Find("[data-test=decline-reason]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-test=consent-error]"));
    }

    [Fact]
    public void OneParty_IsNamed_SeveralParties_AreChosenFrom()
    {
        var one = RenderForm(Party("辽沈理工大学"));
        Assert.Contains("辽沈理工大学", one.Markup, StringComparison.Ordinal);
        Assert.Empty(one.FindAll("[data-test=sign-for]"));

        var two = RenderForm(Party("辽沈理工大学"), Party("渤海工业大学"));
        Assert.Single(two.FindAll("[data-test=sign-for]"));
    }

    [Fact]
    public void InEnglish_TheStatementAndErrorsAreEnglish()
    {
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("en");
        var cut = RenderForm();

        cut.Find("button[data-test=sign]").Click();

        Assert.StartsWith("I have read the whole document", cut.Find("[data-test=consent-statement]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Tick the statement before signing.", cut.Find("[data-test=consent-error]").TextContent);
    }

    public SigningFormTests() => Render<MudPopoverProvider>();

    private IRenderedComponent<SigningForm> RenderForm(params AgreementPartyResponse[] parties) =>
        Render<SigningForm>(p => p
            .Add(c => c.AgreementId, Agreement)
            .Add(c => c.Purpose, $"sign:agreement:{Agreement}")
            .Add(c => c.Parties, parties.Length == 0 ? [Party("营口新材料科技股份有限公司")] : parties));

    private static AgreementPartyResponse Party(string name) => new(Guid.NewGuid(), name, 1, "Pending", null);
}
