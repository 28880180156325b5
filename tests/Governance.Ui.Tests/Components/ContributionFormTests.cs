using Bunit;
using Governance.Server.Features.Reports;
using Governance.Server.Features.Tasks;
using Governance.Server.Ui.Pages.Reports;
using MudBlazor;

namespace Governance.Ui.Tests.Components;

/// <summary>The contribution form's own checks, each next to its field, before anything reaches the server.</summary>
public sealed class ContributionFormTests : ComponentTest
{
    [Fact]
    public void EmptyForm_MarksEveryIndicatorAndTheNarrativeRequired()
    {
        var cut = RenderForm();

        cut.Find("button[data-test=submit-contribution]").Click();

        foreach (var field in Indicators.Append("narrative"))
        {
            Assert.Contains("必填。", Field(cut, field).TextContent, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("patentsTransferred", "-3", "请填写 0 或正整数。")]
    [InlineData("peopleTrained", "2.5", "请填写 0 或正整数。")]
    [InlineData("jointProjects", "十二", "请填写 0 或正整数。")]
    [InlineData("fundsRaisedTenThousandYuan", "12.34567", "请填写 0 或正数，最多 4 位小数。")]
    [InlineData("fundsRaisedTenThousandYuan", "-1", "请填写 0 或正数，最多 4 位小数。")]
    public void AnInvalidIndicator_IsExplainedNextToIt_AndOnlyThere(string field, string value, string error)
    {
        var cut = RenderForm();
        Fill(cut, "12", "3", "1", "240", "36", "85.5", "协同育人成效显著。");
        Input(cut, field, value);

        cut.Find("button[data-test=submit-contribution]").Click();

        Assert.Contains(error, Field(cut, field).TextContent, StringComparison.Ordinal);
        var fieldsInError = cut.FindAll("[data-test^=indicator-], [data-test=narrative]").Where(f => f.QuerySelector(".mud-input-error") is not null);
        Assert.Equal([field == "narrative" ? "narrative" : $"indicator-{field}"], fieldsInError.Select(f => f.GetAttribute("data-test")));
    }

    [Fact]
    public void AnEarlierContribution_FillsTheForm_ToRevise()
    {
        var organization = new OrganizationReference(Guid.NewGuid(), "辽沈理工大学");
        var existing = new ContributionResponse(organization, new PersonReference(Guid.NewGuid(), "刘雅琴"), DateTimeOffset.UnixEpoch,
            new IndicatorsResponse(12, 3, 1, 240, 36, 85.5m), "协同育人成效显著。");

        var cut = RenderForm(organization, existing);

        Assert.Equal("240", Field(cut, "peopleTrained").QuerySelector("input")!.GetAttribute("value"));
        Assert.Equal("85.5", Field(cut, "fundsRaisedTenThousandYuan").QuerySelector("input")!.GetAttribute("value"));
        Assert.Contains("辽沈理工大学", cut.Markup, StringComparison.Ordinal);
    }

    private static readonly string[] Indicators =
        ["enterprisesServed", "jointProjects", "patentsTransferred", "peopleTrained", "studentsInInternships", "fundsRaisedTenThousandYuan"];

    private IRenderedComponent<ContributionForm> RenderForm(OrganizationReference? organization = null, ContributionResponse? existing = null)
    {
        Render<MudPopoverProvider>();
        return Render<ContributionForm>(p => p
            .Add(c => c.ReportId, Guid.NewGuid())
            .Add(c => c.Organizations, [organization ?? new OrganizationReference(Guid.NewGuid(), "渤海工业大学")])
            .Add(c => c.Existing, existing));
    }

    private static AngleSharp.Dom.IElement Field(IRenderedComponent<ContributionForm> cut, string field) =>
        cut.Find(field == "narrative" ? "[data-test=narrative]" : $"[data-test=indicator-{field}]");

    private static void Input(IRenderedComponent<ContributionForm> cut, string field, string value) =>
        cut.Find($"[data-test=indicator-{field}] input").Change(value);

    private static void Fill(IRenderedComponent<ContributionForm> cut, params string[] values)
    {
        for (var i = 0; i < Indicators.Length; i++)
        {
            Input(cut, Indicators[i], values[i]);
        }

        cut.Find("[data-test=narrative] textarea").Change(values[^1]);
    }
}
