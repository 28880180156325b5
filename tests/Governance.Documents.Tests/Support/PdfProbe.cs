using System.Diagnostics;
using System.Text;
using UglyToad.PdfPig;

namespace Governance.Documents.Tests.Support;

/// <summary>Reads PDFs back the way people will: poppler's pdftotext/pdftoppm/pdfsig and PdfPig.</summary>
public static class PdfProbe
{
    // Noto CJK's ToUnicode maps a few ideographs to radical look-alikes (页 → ⻚); fold them back.
    private static readonly Dictionary<char, char> Radicals = new()
    {
        ['⻚'] = '页', ['⻓'] = '长', ['⻔'] = '门', ['⻛'] = '风', ['⻢'] = '马', ['⻜'] = '飞', ['⻆'] = '角',
        ['⻅'] = '见', ['⻋'] = '车', ['⻝'] = '食', ['⻉'] = '贝', ['⻘'] = '青', ['⻄'] = '西', ['⻩'] = '黄',
        ['⻬'] = '齐', ['⻰'] = '龙', ['⻳'] = '龟', ['⻥'] = '鱼', ['⻦'] = '鸟', ['⻨'] = '麦', ['⻧'] = '卤',
        ['⻙'] = '韦', ['⻤'] = '鬼', ['⻁'] = '虎', ['⺠'] = '民', ['⺟'] = '母',
    };

    public static string Normalise(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is (>= '\u2F00' and <= '\u2FDF') or (>= '\uFB00' and <= '\uFB06'))
            {
                // Kangxi radicals fold to their ideographs and Latin ligatures (ﬁ) to letters under NFKC;
                // full-width punctuation must not, so only these ranges are folded.
                builder.Append(c.ToString().Normalize(NormalizationForm.FormKC));
            }
            else
            {
                builder.Append(Radicals.TryGetValue(c, out var replacement) ? replacement : c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Text without any whitespace: pdftotext's spacing between glyphs is a guess.</summary>
    public static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>Text of each page, in order, normalised.</summary>
    public static IReadOnlyList<string> PageTexts(byte[] pdf)
    {
        var path = WriteTemp(pdf);
        try
        {
            var count = PageCount(pdf);
            var pages = new List<string>(count);
            for (var page = 1; page <= count; page++)
            {
                pages.Add(Normalise(Run("pdftotext", $"-layout -enc UTF-8 -f {page} -l {page} \"{path}\" -").Output));
            }

            return pages;
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static int PageCount(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.NumberOfPages;
    }

    public static (string? Title, string? Author, string? Subject, string? CreationDate) Metadata(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var info = document.Information;
        return (info.Title, info.Author, info.Subject, info.CreationDate);
    }

    public static (int ExitCode, string Output) Signatures(byte[] pdf)
    {
        var path = WriteTemp(pdf);
        try
        {
            return Run("pdfsig", $"\"{path}\"");
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Saves the PDF and a PNG of page 1 under the artifacts folder; returns the PDF path.</summary>
    public static string SaveArtifact(string name, byte[] pdf)
    {
        var root = Environment.GetEnvironmentVariable("GOVERNANCE_TEST_ARTIFACTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "test-artifacts");
        var folder = Path.Combine(root, "documents");
        Directory.CreateDirectory(folder);
        var pdfPath = Path.Combine(folder, name + ".pdf");
        File.WriteAllBytes(pdfPath, pdf);
        var (exit, output) = Run("pdftoppm", $"-png -r 72 -f 1 -l 1 -singlefile \"{pdfPath}\" \"{Path.Combine(folder, name)}\"");
        Assert.True(exit == 0, $"pdftoppm failed: {output}");
        Assert.True(File.Exists(Path.Combine(folder, name + ".png")));
        return pdfPath;
    }

    private static string WriteTemp(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"governance-doc-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        return path;
    }

    private static (int ExitCode, string Output) Run(string tool, string arguments)
    {
        var start = new ProcessStartInfo(tool, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        using var process = new Process { StartInfo = start };
        var error = new StringBuilder();
        process.ErrorDataReceived += (_, e) => error.AppendLine(e.Data);
        process.Start();
        process.BeginErrorReadLine();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error);
    }
}
