using System.Globalization;
using Governance.Documents.Layout;
using Governance.Documents.Model;
using Governance.Documents.Rendering;
using Governance.Documents.Tests.Support;

namespace Governance.Documents.Tests.Rendering;

public class PdfDocumentRendererTests
{
    private static readonly DocumentInfo Info = new(
        "辽宁省智能制造产教联盟2025年度报告", "LNZZ-2026-AR-001", "辽宁省智能制造产教联盟秘书处", "年度报告",
        "zh-CN", new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    private static TableBlock MemberTable(int rows) => new(
        [ColumnWidth.Millimetres(12), ColumnWidth.Share(3), ColumnWidth.Share(1), ColumnWidth.Share(1)],
        [[new TextRun("序号")], [new TextRun("成员单位")], [new TextRun("订单班（个）")], [new TextRun("实习岗位（个）")]],
        Enumerable.Range(1, rows).Select(i => (IReadOnlyList<IReadOnlyList<TextRun>>)
        [
            [new TextRun(i.ToString(CultureInfo.InvariantCulture))],
            [new TextRun($"成员单位第{i}号（沈阳市浑南区智能制造产业园区内的一家较长名称的企业，用于检验单元格换行）")],
            [new TextRun((i % 7).ToString(CultureInfo.InvariantCulture))],
            [new TextRun((i * 3).ToString(CultureInfo.InvariantCulture))],
        ]).ToList());

    [Fact]
    public void Render_LongTable_RepeatsTheHeaderRowOnEveryPageAndNumbersPages()
    {
        var content = new DocumentContent(Info,
        [
            new HeadingBlock(1, [new TextRun("辽宁省智能制造产教联盟2025年度报告")]),
            new ParagraphBlock([new TextRun("本年度，联盟围绕"), new TextRun("产教融合", Bold: true), new TextRun("开展工作。Mixed English text shapes with HarfBuzz.")]),
            MemberTable(90),
        ]);

        var pdf = new PdfDocumentRenderer(Fonts.Set).Render(content);
        PdfProbe.SaveArtifact("renderer-long-table", pdf.Content);
        var pages = PdfProbe.PageTexts(pdf.Content);

        Assert.True(pages.Count >= 4, $"only {pages.Count} pages");
        Assert.Equal(pdf.PageCount, pages.Count);
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Contains("实习岗位", pages[i], StringComparison.Ordinal);
            Assert.Contains("成员单位", pages[i], StringComparison.Ordinal);
            Assert.Contains($"第{i + 1}/{pages.Count}页", PdfProbe.Compact(pages[i]), StringComparison.Ordinal);
            Assert.Contains("LNZZ-2026-AR-001", pages[i], StringComparison.Ordinal);
        }

        Assert.Contains("成员单位第90号", pages[^1], StringComparison.Ordinal);
        Assert.Contains("MixedEnglishtextshapeswithHarfBuzz.", PdfProbe.Compact(pages[0]), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Metadata_CarriesTitleAuthorSubjectAndCreationDate()
    {
        var content = new DocumentContent(Info, [new ParagraphBlock([new TextRun("正文。")])]);

        var pdf = new PdfDocumentRenderer(Fonts.Set).Render(content);
        var (title, author, subject, created) = PdfProbe.Metadata(pdf.Content);

        Assert.Equal(Info.Title, title);
        Assert.Equal(Info.Author, author);
        Assert.Equal("年度报告", subject);
        Assert.StartsWith("D:20260301090000", created, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Footnote_AppearsOnEveryPageAndEnglishUsesPageXOfY()
    {
        var sha = new string('0', 56) + "9f3ac2d1";
        var info = Info with { Language = "en", Footnote = "Document SHA-256: " + sha };
        var blocks = new List<DocumentBlock> { new HeadingBlock(1, [new TextRun("Signature certificate")]) };
        blocks.AddRange(Enumerable.Range(1, 80).Select(i => new ParagraphBlock([new TextRun($"Signer {i} signed with SMS one-time code.")])));

        var pdf = new PdfDocumentRenderer(Fonts.Set).Render(new DocumentContent(info, blocks));
        var pages = PdfProbe.PageTexts(pdf.Content);

        Assert.True(pages.Count >= 2);
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Contains("9f3ac2d1", pages[i].Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Contains($"Page{i + 1}/{pages.Count}", PdfProbe.Compact(pages[i]), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Render_EveryBlockKind_IsReadableBack()
    {
        var content = new DocumentContent(Info,
        [
            new HeadingBlock(1, [new TextRun("联盟协议")]),
            new HeadingBlock(2, [new TextRun("第一条　协议各方")]),
            new KeyValueBlock([new KeyValueEntry([new TextRun("统一社会信用代码")], [new TextRun("12210000MB1234567X")])]),
            new ListBlock(true, [[new TextRun("共同培养技术技能人才")], [new TextRun("共建实训基地")]]),
            new ListBlock(false, [[new TextRun("资源共享")]]),
            new PageBreakBlock(),
            new SignatureBlock([
                new SignatureParty([[new TextRun("甲方：辽宁工业大学", Bold: true)], [new TextRun("法定代表人：张建国")]]),
                new SignatureParty([[new TextRun("乙方：沈阳新松机器人自动化股份有限公司", Bold: true)], [new TextRun("法定代表人：李明")]]),
            ]),
        ]);

        var pdf = new PdfDocumentRenderer(Fonts.Set).Render(content);
        PdfProbe.SaveArtifact("renderer-block-kinds", pdf.Content);
        var pages = PdfProbe.PageTexts(pdf.Content);

        Assert.Equal(2, pages.Count);
        Assert.Contains("12210000MB1234567X", pages[0], StringComparison.Ordinal);
        Assert.Contains("1.", pages[0], StringComparison.Ordinal);
        Assert.Contains("共建实训基地", pages[0], StringComparison.Ordinal);
        Assert.Contains("辽宁工业大学", pages[1], StringComparison.Ordinal);
        Assert.Contains("法定代表人：李明", pages[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Discover_WithoutAnyCjkFamily_FailsWithAClearError()
    {
        var options = new FontOptions { BodyFamilies = ["No Such CJK Family"], HeadingFamilies = ["DejaVu Sans"] };

        var error = Assert.Throws<FontsMissingException>(() => FontSet.Discover(options));

        Assert.Contains("fonts-noto-cjk", error.Message, StringComparison.Ordinal);
        Assert.Contains("No Such CJK Family", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Discover_AFamilyThatCannotDrawChinese_IsRejected()
    {
        // DejaVu Sans is installed but has no ideographs: it must not be taken for a CJK font.
        var options = new FontOptions { BodyFamilies = ["DejaVu Sans"], HeadingFamilies = ["DejaVu Sans"] };

        Assert.Throws<FontsMissingException>(() => FontSet.Discover(options));
    }
}
