using System.Globalization;
using Governance.Documents.Layout;
using Governance.Documents.Model;
using SkiaSharp;

namespace Governance.Documents.Rendering;

public sealed record RenderedPdf(byte[] Content, int PageCount);

/// <summary>
/// Lays out a <see cref="DocumentContent"/> and writes it as an A4 PDF through Skia's PDF backend:
/// header (document number, title), footer ("第 X / Y 页" or "Page X / Y"), an optional footnote, metadata.
/// Thread-safe: one instance serves every request.
/// </summary>
public sealed class PdfDocumentRenderer(FontSet fonts)
{
    private const float HeaderSize = 8.5f;
    private const float FootnoteSize = 7.5f;

    public RenderedPdf Render(DocumentContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var info = content.Info;
        var layout = new DocumentLayout(fonts, info);
        var pages = layout.Layout(content.Blocks);

        using var stream = new MemoryStream();
        var metadata = new SKDocumentPdfMetadata
        {
            Title = info.Title,
            Author = info.Author,
            Subject = info.Subject,
            Creator = "Governance platform / 联盟治理平台",
            Producer = "Governance.Documents (SkiaSharp)",
            Creation = info.CreatedAt.UtcDateTime,
            Modified = info.CreatedAt.UtcDateTime,
            RasterDpi = 150,
        };
        using (var document = SKDocument.CreatePdf(stream, metadata))
        {
            using var painter = new Painter(fonts);
            for (var i = 0; i < pages.Count; i++)
            {
                var canvas = document.BeginPage(PageGeometry.Width, PageGeometry.Height);
                painter.Header(canvas, layout.Breaker, info);
                foreach (var op in pages[i].Ops)
                {
                    painter.Draw(canvas, op);
                }

                painter.Footnote(canvas, layout.FootnoteLines);
                painter.Footer(canvas, layout.Breaker, PageLabel(info, i + 1, pages.Count));
                document.EndPage();
            }

            document.Close();
        }

        return new RenderedPdf(stream.ToArray(), pages.Count);
    }

    private static string PageLabel(DocumentInfo info, int page, int count) =>
        info.Language.StartsWith("zh", StringComparison.OrdinalIgnoreCase)
            ? string.Create(CultureInfo.InvariantCulture, $"第 {page} / {count} 页")
            : string.Create(CultureInfo.InvariantCulture, $"Page {page} / {count}");

    private sealed class Painter(FontSet fonts) : IDisposable
    {
        private readonly Dictionary<TextStyle, SKFont> _fonts = [];
        private readonly SKPaint _text = new() { Color = SKColors.Black, IsAntialias = true };
        private readonly SKPaint _stroke = new() { Style = SKPaintStyle.Stroke, IsAntialias = true };
        private readonly SKPaint _fill = new() { Style = SKPaintStyle.Fill };

        public void Draw(SKCanvas canvas, PageOp op)
        {
            switch (op)
            {
                case TextOp text:
                    DrawText(canvas, text.Text, text.X, text.Baseline, text.Style, SKColors.Black);
                    break;
                case LineOp line:
                    _stroke.StrokeWidth = line.Thickness;
                    _stroke.Color = new SKColor(line.Grey, line.Grey, line.Grey);
                    canvas.DrawLine(line.X1, line.Y1, line.X2, line.Y2, _stroke);
                    break;
                case FillOp fill:
                    _fill.Color = new SKColor(fill.Grey, fill.Grey, fill.Grey);
                    canvas.DrawRect(SKRect.Create(fill.Left, fill.Top, fill.Right - fill.Left, fill.Bottom - fill.Top), _fill);
                    break;
            }
        }

        public void Header(SKCanvas canvas, LineBreaker breaker, DocumentInfo info)
        {
            var style = new TextStyle(FontRole.Heading, HeaderSize);
            var number = info.Number;
            var numberWidth = breaker.Measure(number, style);
            var title = Fit(breaker, info.Title, style, PageGeometry.ContentWidth - numberWidth - 24);
            DrawText(canvas, number, PageGeometry.Left, PageGeometry.HeaderBaseline, style, SKColors.DimGray);
            DrawText(canvas, title, PageGeometry.Right - breaker.Measure(title, style), PageGeometry.HeaderBaseline, style, SKColors.DimGray);
            Draw(canvas, new LineOp(PageGeometry.Left, PageGeometry.HeaderBaseline + 6, PageGeometry.Right, PageGeometry.HeaderBaseline + 6, 0.5f, 120));
        }

        public void Footer(SKCanvas canvas, LineBreaker breaker, string label)
        {
            var style = new TextStyle(FontRole.Body, HeaderSize);
            var x = PageGeometry.Left + ((PageGeometry.ContentWidth - breaker.Measure(label, style)) / 2);
            DrawText(canvas, label, x, PageGeometry.FooterBaseline, style, SKColors.DimGray);
        }

        public void Footnote(SKCanvas canvas, IReadOnlyList<LayoutLine> lines)
        {
            if (lines.Count == 0)
            {
                return;
            }

            var lineHeight = FootnoteSize * 1.4f;
            var top = PageGeometry.Bottom - (lines.Count * lineHeight);
            Draw(canvas, new LineOp(PageGeometry.Left, top - 4, PageGeometry.Left + 120, top - 4, 0.5f, 120));
            for (var l = 0; l < lines.Count; l++)
            {
                foreach (var fragment in lines[l].Fragments)
                {
                    DrawText(canvas, fragment.Text, PageGeometry.Left + fragment.X, top + (l * lineHeight) + FootnoteSize, fragment.Style, SKColors.DimGray);
                }
            }
        }

        private static string Fit(LineBreaker breaker, string text, TextStyle style, float width)
        {
            if (breaker.Measure(text, style) <= width)
            {
                return text;
            }

            var elements = StringInfo.ParseCombiningCharacters(text);
            for (var n = elements.Length - 1; n > 0; n--)
            {
                var candidate = text[..elements[n]] + "…";
                if (breaker.Measure(candidate, style) <= width)
                {
                    return candidate;
                }
            }

            return "…";
        }

        private void DrawText(SKCanvas canvas, string text, float x, float baseline, TextStyle style, SKColor color)
        {
            if (!_fonts.TryGetValue(style, out var font))
            {
                font = new SKFont(fonts[style.Role].Typeface, style.Size) { SkewX = style.Italic ? -0.2f : 0, Subpixel = true };
                _fonts[style] = font;
            }

            _text.Color = color;
            var shaped = fonts[style.Role].Shape(text, font);
            if (shaped.Codepoints.Length == 0)
            {
                return;
            }

            using var builder = new SKTextBlobBuilder();
            var run = builder.AllocatePositionedRun(font, shaped.Codepoints.Length);
            var glyphs = run.Glyphs;
            var positions = run.Positions;
            for (var i = 0; i < shaped.Codepoints.Length; i++)
            {
                glyphs[i] = (ushort)shaped.Codepoints[i];
                positions[i] = shaped.Points[i];
            }

            using var blob = builder.Build();
            canvas.DrawText(blob, x, baseline, _text);
        }

        public void Dispose()
        {
            foreach (var font in _fonts.Values)
            {
                font.Dispose();
            }

            _text.Dispose();
            _stroke.Dispose();
            _fill.Dispose();
        }
    }
}
