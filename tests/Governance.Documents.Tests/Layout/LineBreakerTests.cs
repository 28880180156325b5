using Governance.Documents.Layout;
using Governance.Documents.Tests.Support;

namespace Governance.Documents.Tests.Layout;

public class LineBreakerTests
{
    private const string Mixed =
        "联盟成员单位应当遵守《辽宁省智能制造产教联盟章程》（以下简称“章程”），按时缴纳会费；理事会会议须有三分之二以上理事出席方可举行。" +
        "Members shall comply with the Alliance Charter, attend council meetings and report annually. 决议经出席理事过半数同意即为通过！" +
        "「产教融合」『校企合作』【年度报告】，统一社会信用代码91210100MA0XXXXXXX。";

    private static readonly TextStyle Body = new(FontRole.Body, 11);

    private static List<string> Lines(string text, float width) =>
        new LineBreaker(Fonts.Set).Break([new StyledText(text, Body)], width)
            .Select(line => string.Concat(line.Fragments.Select(f => f.Text)))
            .ToList();

    [Fact]
    public void Break_AtEveryWidth_NoLineStartsWithClosingOrEndsWithOpeningPunctuation()
    {
        for (var width = 60f; width <= 420f; width += 3.7f)
        {
            var lines = Lines(Mixed, width);
            Assert.True(lines.Count > 1);
            foreach (var line in lines.Skip(1))
            {
                Assert.False(LineBreaker.IsClosing(line[0]), $"Line starts with closing punctuation at width {width}: {line}");
            }

            foreach (var line in lines.Take(lines.Count - 1))
            {
                Assert.False(LineBreaker.IsOpening(line[^1]), $"Line ends with opening punctuation at width {width}: {line}");
            }
        }
    }

    [Fact]
    public void Break_LatinWords_AreNeverSplit()
    {
        var words = new[] { "Members", "comply", "Alliance", "Charter,", "council", "meetings", "annually." };
        for (var width = 90f; width <= 420f; width += 5.3f)
        {
            var lines = Lines(Mixed, width);
            foreach (var word in words)
            {
                Assert.Contains(lines, line => line.Contains(word, StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void Break_ChineseText_BreaksBetweenCharactersAndFillsTheLine()
    {
        const string text = "联盟成员单位应当遵守联盟章程并按时提交年度报告联盟成员单位应当遵守联盟章程并按时提交年度报告";
        var lines = Lines(text, 110);

        Assert.Equal(text, string.Concat(lines));
        Assert.True(lines.Count >= 4);
        // 11 pt ideographs are 11 pt wide: 110 pt holds 10 of them.
        Assert.Equal(10, lines[0].Length);
    }

    [Fact]
    public void Break_ClosingPunctuationAtTheLineEnd_CarriesThePreviousCharacterDown()
    {
        // Ten ideographs fill 110 pt; the full stop would start line two, so 告 moves down with it.
        var lines = Lines("联盟成员单位提交报告。其余内容", 110);

        Assert.Equal("联盟成员单位提交报", lines[0]);
        Assert.StartsWith("告。", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Break_TokenLongerThanTheLine_IsBrokenBetweenCharacters()
    {
        var sha = new string('a', 32) + new string('b', 32);
        var lines = Lines("SHA-256：" + sha, 120);

        Assert.True(lines.Count > 2);
        Assert.Equal("SHA-256：" + sha, string.Concat(lines));
        var breaker = new LineBreaker(Fonts.Set);
        Assert.All(lines, line => Assert.True(breaker.Measure(line, Body) <= 120.5f, line));
    }

    [Fact]
    public void Break_HardLineBreak_StartsANewLine()
    {
        var lines = Lines("甲方：辽宁工业大学\n乙方：沈阳新松机器人自动化股份有限公司", 400);

        Assert.Equal(["甲方：辽宁工业大学", "乙方：沈阳新松机器人自动化股份有限公司"], lines);
    }
}
