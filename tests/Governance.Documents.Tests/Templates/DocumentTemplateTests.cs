using System.Text.Json.Nodes;
using Governance.Documents.Model;
using Governance.Documents.Templates;

namespace Governance.Documents.Tests.Templates;

public class DocumentTemplateTests
{
    private const string Agreement = """
        # 联盟协议

        ## 协议各方

        {% for party in parties %}
        {{ party.name }}
        :   统一社会信用代码：{{ party.creditCode }}

        {% endfor %}
        """;

    [Fact]
    public async Task Render_MissingRootField_NamesTheFieldAndTheTemplate()
    {
        var template = DocumentTemplate.Parse("alliance-agreement.zh-CN", Agreement);

        var error = await Assert.ThrowsAsync<DocumentTemplateException>(() => template.RenderAsync(new JsonObject()));

        Assert.Equal("documents.template-field-missing", error.Code);
        Assert.Equal("parties", error.Field);
        Assert.Contains("alliance-agreement.zh-CN", error.Message, StringComparison.Ordinal);
        Assert.Contains("'parties'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_MissingNestedField_NamesItsPath()
    {
        var template = DocumentTemplate.Parse("alliance-agreement.zh-CN", Agreement);
        var model = new JsonObject
        {
            ["parties"] = new JsonArray(
                new JsonObject { ["name"] = "辽宁工业大学", ["creditCode"] = "12210000MB1234567X" },
                new JsonObject { ["name"] = "沈阳新松机器人自动化股份有限公司" }),
        };

        var error = await Assert.ThrowsAsync<DocumentTemplateException>(() => template.RenderAsync(model));

        Assert.Equal("parties[1].creditCode", error.Field);
    }

    [Fact]
    public async Task Render_NullField_IsAllowedForOptionalParts()
    {
        var template = DocumentTemplate.Parse("t", "# 标题\n\n{% if note %}备注：{{ note }}{% else %}无备注{% endif %}\n");

        var blocks = await template.RenderAsync(new JsonObject { ["note"] = null });

        var paragraph = Assert.IsType<ParagraphBlock>(blocks[1]);
        Assert.Equal("无备注", paragraph.Runs[0].Text);
    }

    [Fact]
    public async Task Render_ValuesWithMarkdownCharacters_StayLiteral()
    {
        var template = DocumentTemplate.Parse("t", "# 标题\n\n| 单位 | 说明 |\n|---|---|\n| {{ name }} | {{ note }} |\n");
        var model = new JsonObject { ["name"] = "*甲方* | # 1. [链接](x)", ["note"] = "第一行\n第二行" };

        var blocks = await template.RenderAsync(model);

        var table = Assert.IsType<TableBlock>(blocks[1]);
        Assert.Single(table.Rows);
        Assert.Equal("*甲方* | # 1. [链接](x)", string.Concat(table.Rows[0][0].Select(r => r.Text)));
        Assert.Equal("第一行 第二行", string.Concat(table.Rows[0][1].Select(r => r.Text)));
    }

    [Fact]
    public void Parse_SyntaxError_IsATemplateError()
    {
        var error = Assert.Throws<DocumentTemplateException>(() => DocumentTemplate.Parse("charter.en", "{% for x in %}"));

        Assert.Equal("documents.template-syntax", error.Code);
        Assert.Contains("charter.en", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EveryStructure_MapsToItsBlock()
    {
        const string markdown = """
            # 表决决议

            ## 一、表决事项

            本次表决事项为**吸收新成员**，依据*章程第十二条*。

            1. 第一项
            2. 第二项

            - 要点

            表决方式
            :   书面表决

            <!-- columns: 15 2* 1* -->
            | 序号 | 理事 | 意见 |
            |---|---|---|
            | 1 | 张建国 | 同意 |

            <!-- pagebreak -->

            ::: signatures
            - **甲方**：辽宁工业大学
              法定代表人：张建国
            - **乙方**：沈阳新松机器人自动化股份有限公司
            :::
            """;

        var blocks = MarkdownStructureReader.Read(markdown);

        Assert.Collection(blocks,
            b => Assert.Equal(1, Assert.IsType<HeadingBlock>(b).Level),
            b => Assert.Equal(2, Assert.IsType<HeadingBlock>(b).Level),
            b =>
            {
                var runs = Assert.IsType<ParagraphBlock>(b).Runs;
                Assert.Contains(runs, r => r is { Text: "吸收新成员", Bold: true });
                Assert.Contains(runs, r => r is { Text: "章程第十二条", Italic: true });
            },
            b => Assert.True(Assert.IsType<ListBlock>(b).Ordered),
            b => Assert.False(Assert.IsType<ListBlock>(b).Ordered),
            b => Assert.Equal("书面表决", Assert.IsType<KeyValueBlock>(b).Entries[0].Value[0].Text),
            b =>
            {
                var table = Assert.IsType<TableBlock>(b);
                Assert.Equal([ColumnWidth.Millimetres(15), ColumnWidth.Share(2), ColumnWidth.Share(1)], table.Columns);
                Assert.Equal("理事", table.Header[1][0].Text);
                Assert.Equal("张建国", table.Rows[0][1][0].Text);
            },
            b => Assert.IsType<PageBreakBlock>(b),
            b =>
            {
                var signatures = Assert.IsType<SignatureBlock>(b);
                Assert.Equal(2, signatures.Parties.Count);
                Assert.Equal(2, signatures.Parties[0].Lines.Count);
                Assert.Equal("法定代表人：张建国", signatures.Parties[0].Lines[1][0].Text);
            });
    }

    [Fact]
    public void Read_ColumnsDirectiveWithTheWrongCount_IsAnError()
    {
        Assert.Throws<FormatException>(() => MarkdownStructureReader.Read("<!-- columns: 1* 1* -->\n| a | b | c |\n|---|---|---|\n| 1 | 2 | 3 |\n"));
    }
}
