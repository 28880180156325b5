using SkiaSharp;
using SkiaSharp.HarfBuzz;

namespace Governance.Documents.Layout;

/// <summary>Which face a piece of text uses: body text (serif, like 宋体) or headings (sans, like 黑体).</summary>
public enum FontRole
{
    Body,
    BodyBold,
    Heading,
}

/// <summary>
/// The CJK faces documents are set in, found through fontconfig. A machine without them gets a
/// <see cref="FontsMissingException"/> at start-up and on every render — never a PDF of empty boxes.
/// </summary>
public sealed class FontSet : IDisposable
{
    /// <summary>Characters every face must draw: ideographs, full-width punctuation and Latin.</summary>
    public const string ProbeText = "中华人民共和国联盟章程，。（）「」Aa1";

    private readonly Face[] _faces;

    private FontSet(Face body, Face bodyBold, Face heading)
    {
        _faces = [body, bodyBold, heading];
    }

    public string Description => string.Join(", ", _faces.Select(f => $"{f.Typeface.FamilyName} {(f.Typeface.FontStyle.Weight >= 600 ? "Bold" : "Regular")}").Distinct());

    public static FontSet Discover(FontOptions? options = null)
    {
        options ??= new FontOptions();
        var body = Find(options.BodyFamilies, SKFontStyle.Normal);
        var bodyBold = Find(options.BodyFamilies, SKFontStyle.Bold);
        var heading = Find(options.HeadingFamilies, SKFontStyle.Bold) ?? bodyBold;
        if (body is null || bodyBold is null || heading is null)
        {
            body?.Dispose();
            bodyBold?.Dispose();
            throw new FontsMissingException(options.BodyFamilies.Concat(options.HeadingFamilies).Distinct().ToList());
        }

        return new FontSet(new Face(body), new Face(bodyBold), new Face(heading));
    }

    internal Face this[FontRole role] => _faces[(int)role];

    public void Dispose()
    {
        foreach (var face in _faces.Distinct())
        {
            face.Dispose();
        }
    }

    private static SKTypeface? Find(IReadOnlyList<string> families, SKFontStyle style)
    {
        foreach (var family in families)
        {
            var typeface = SKFontManager.Default.MatchFamily(family, style);
            // fontconfig substitutes another family for one it lacks; only the requested family counts.
            if (typeface is not null
                && string.Equals(typeface.FamilyName, family, StringComparison.OrdinalIgnoreCase)
                && typeface.ContainsGlyphs(ProbeText))
            {
                return typeface;
            }

            typeface?.Dispose();
        }

        return null;
    }

    /// <summary>A typeface with its shaper and a cache of shaped widths (at size 1) per text.</summary>
    internal sealed class Face(SKTypeface typeface) : IDisposable
    {
        private static readonly HarfBuzzSharp.Language ChineseLanguage = new("zh-Hans");

        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, float> _widths = new(StringComparer.Ordinal);

        public SKTypeface Typeface { get; } = typeface;

        public SKShaper Shaper { get; } = new(typeface);

        public float Measure(string text, float size)
        {
            var unit = _widths.GetOrAdd(text, static (t, face) =>
            {
                using var font = new SKFont(face.Typeface, 100);
                return face.Shape(t, font).Width / 100f;
            }, this);
            return unit * size;
        }

        /// <summary>
        /// Shapes with the language set to zh-Hans: without it, Noto CJK's 'locl' feature picks digit
        /// alternates in Latin runs ("AR-001") that have no Unicode mapping, so the PDF's text could not be
        /// searched or copied.
        /// </summary>
        public SKShaper.Result Shape(string text, SKFont font)
        {
            using var buffer = new HarfBuzzSharp.Buffer();
            buffer.AddUtf16(text);
            buffer.Language = ChineseLanguage;
            buffer.GuessSegmentProperties();
            return Shaper.Shape(buffer, 0, 0, font);
        }

        public void Dispose()
        {
            Shaper.Dispose();
            Typeface.Dispose();
        }
    }
}

public sealed record FontOptions
{
    public IReadOnlyList<string> BodyFamilies { get; init; } = ["Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", "Source Han Sans SC"];

    public IReadOnlyList<string> HeadingFamilies { get; init; } = ["Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC"];
}

public sealed class FontsMissingException(IReadOnlyList<string> families)
    : Exception($"No Chinese (CJK) font is installed: none of {string.Join(", ", families)} can draw Chinese text. Install fonts-noto-cjk (apt-get install fonts-noto-cjk).")
{
    public IReadOnlyList<string> Families { get; } = families;
}
