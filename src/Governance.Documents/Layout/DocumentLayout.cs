using System.Globalization;
using Governance.Documents.Model;

namespace Governance.Documents.Layout;

/// <summary>Places blocks on A4 pages; the painter later adds header, footer and "page X / Y".</summary>
internal sealed class DocumentLayout
{
    private const float BodySize = 11f;
    private const float TableSize = 10f;
    private const float FootnoteSize = 7.5f;
    private const float CellPadding = 4f;

    private readonly LineBreaker _breaker;
    private readonly bool _chinese;
    private readonly List<LayoutPage> _pages = [];
    private readonly float _bottom;
    private LayoutPage _page = null!;
    private float _y;

    public DocumentLayout(FontSet fonts, DocumentInfo info)
    {
        _breaker = new LineBreaker(fonts);
        _chinese = info.Language.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        FootnoteLines = info.Footnote is null
            ? []
            : _breaker.Break([new StyledText(info.Footnote, new TextStyle(FontRole.Body, FootnoteSize))], PageGeometry.ContentWidth);
        _bottom = PageGeometry.Bottom - (FootnoteLines.Count * FootnoteSize * 1.4f) - (FootnoteLines.Count > 0 ? 8 : 0);
    }

    public IReadOnlyList<LayoutLine> FootnoteLines { get; }

    public LineBreaker Breaker => _breaker;

    public List<LayoutPage> Layout(IReadOnlyList<DocumentBlock> blocks)
    {
        NewPage();
        for (var i = 0; i < blocks.Count; i++)
        {
            switch (blocks[i])
            {
                case Model.HeadingBlock heading:
                    Heading(heading);
                    break;
                case Model.ParagraphBlock paragraph:
                    Paragraph(paragraph.Runs, BodySize, _chinese ? 2 * BodySize : 0);
                    _y += 5;
                    break;
                case Model.ListBlock list:
                    List(list);
                    break;
                case TableBlock table:
                    Table(table);
                    break;
                case KeyValueBlock keyValues:
                    KeyValues(keyValues);
                    break;
                case SignatureBlock signatures:
                    Signatures(signatures);
                    break;
                case PageBreakBlock when _page.HasContent:
                    NewPage();
                    break;
            }
        }

        return _pages;
    }

    private void NewPage()
    {
        _page = new LayoutPage();
        _pages.Add(_page);
        _y = PageGeometry.Top;
    }

    private float Available => _bottom - _y;

    private void EnsureSpace(float height)
    {
        if (height > Available && _y > PageGeometry.Top + 0.5f)
        {
            NewPage();
        }
    }

    private static float LineHeight(float size) => size * 1.65f;

    private static List<StyledText> Styled(IReadOnlyList<TextRun> runs, float size, FontRole? role = null) =>
        runs.Select(r => new StyledText(r.Text, new TextStyle(role ?? (r.Bold ? FontRole.BodyBold : FontRole.Body), size, r.Italic))).ToList();

    private void DrawLine(LayoutLine line, float x, float top, float lineHeight, float size)
    {
        var baseline = top + ((lineHeight - size) / 2) + (size * 0.88f);
        foreach (var fragment in line.Fragments)
        {
            _page.Ops.Add(new TextOp(x + fragment.X, baseline, fragment.Text, fragment.Style));
        }
    }

    private void Heading(Model.HeadingBlock heading)
    {
        var size = heading.Level switch { 1 => 18f, 2 => 14f, _ => 12f };
        var lineHeight = LineHeight(size);
        var lines = _breaker.Break(Styled(heading.Runs, size, FontRole.Heading), PageGeometry.ContentWidth);
        var before = heading.Level == 1 ? 0f : 8f;
        // Keep a heading with at least two lines of what follows.
        EnsureSpace(before + (lines.Count * lineHeight) + (2 * LineHeight(BodySize)));
        if (_y > PageGeometry.Top + 0.5f)
        {
            _y += before;
        }

        foreach (var line in lines)
        {
            var x = heading.Level == 1 ? PageGeometry.Left + ((PageGeometry.ContentWidth - line.Width) / 2) : PageGeometry.Left;
            DrawLine(line, x, _y, lineHeight, size);
            _y += lineHeight;
        }

        _y += heading.Level == 1 ? 12 : 4;
    }

    private void Paragraph(IReadOnlyList<TextRun> runs, float size, float indent, float left = PageGeometry.Left, float width = PageGeometry.ContentWidth)
    {
        var lineHeight = LineHeight(size);
        foreach (var line in _breaker.Break(Styled(runs, size), width - indent, indent))
        {
            EnsureSpace(lineHeight);
            DrawLine(line, left, _y, lineHeight, size);
            _y += lineHeight;
        }
    }

    private void List(Model.ListBlock list)
    {
        var markers = list.Items.Select((_, i) => list.Ordered ? string.Create(CultureInfo.InvariantCulture, $"{i + 1}.") : "•").ToList();
        var style = new TextStyle(FontRole.Body, BodySize);
        var indent = Math.Max(2 * BodySize, markers.Max(m => _breaker.Measure(m, style)) + 6);
        var lineHeight = LineHeight(BodySize);
        for (var i = 0; i < list.Items.Count; i++)
        {
            var lines = _breaker.Break(Styled(list.Items[i], BodySize), PageGeometry.ContentWidth - indent);
            for (var l = 0; l < lines.Count; l++)
            {
                EnsureSpace(lineHeight);
                if (l == 0)
                {
                    DrawLine(new LayoutLine([new LineFragment(markers[i], style, 0, 0)], 0), PageGeometry.Left, _y, lineHeight, BodySize);
                }

                DrawLine(lines[l], PageGeometry.Left + indent, _y, lineHeight, BodySize);
                _y += lineHeight;
            }
        }

        _y += 5;
    }

    private void KeyValues(KeyValueBlock block)
    {
        var keyWidth = PageGeometry.ContentWidth * 0.3f;
        var valueWidth = PageGeometry.ContentWidth - keyWidth;
        var lineHeight = LineHeight(BodySize);
        foreach (var entry in block.Entries)
        {
            var keyLines = _breaker.Break(Styled(entry.Key, BodySize, FontRole.BodyBold), keyWidth - (2 * CellPadding));
            var valueLines = _breaker.Break(Styled(entry.Value, BodySize), valueWidth - (2 * CellPadding));
            var height = (Math.Max(keyLines.Count, valueLines.Count) * lineHeight) + 4;
            EnsureSpace(height);
            for (var l = 0; l < keyLines.Count; l++)
            {
                DrawLine(keyLines[l], PageGeometry.Left + CellPadding, _y + 2 + (l * lineHeight), lineHeight, BodySize);
            }

            for (var l = 0; l < valueLines.Count; l++)
            {
                DrawLine(valueLines[l], PageGeometry.Left + keyWidth + CellPadding, _y + 2 + (l * lineHeight), lineHeight, BodySize);
            }

            _y += height;
            _page.Ops.Add(new LineOp(PageGeometry.Left, _y, PageGeometry.Right, _y, 0.4f, 170));
        }

        _y += 8;
    }

    private static float[] ColumnWidths(IReadOnlyList<ColumnWidth> columns)
    {
        var fixedTotal = columns.Where(c => !c.Proportional).Sum(c => c.Value * PageGeometry.MillimetresToPoints);
        var shares = columns.Where(c => c.Proportional).Sum(c => c.Value);
        var rest = PageGeometry.ContentWidth - fixedTotal;
        if (rest < -0.5f || (shares > 0 && rest < 10))
        {
            throw new DocumentLayoutException(string.Create(CultureInfo.InvariantCulture,
                $"The table's fixed columns take {fixedTotal / PageGeometry.MillimetresToPoints:0} mm of the {PageGeometry.ContentWidth / PageGeometry.MillimetresToPoints:0} mm line."));
        }

        return columns.Select(c => c.Proportional ? rest * c.Value / shares : c.Value * PageGeometry.MillimetresToPoints).ToArray();
    }

    private void Table(TableBlock table)
    {
        var widths = ColumnWidths(table.Columns);
        var lineHeight = LineHeight(TableSize);
        List<List<LayoutLine>> BreakRow(IReadOnlyList<IReadOnlyList<TextRun>> cells, bool header) =>
            cells.Select((cell, c) => _breaker.Break(Styled(cell, TableSize, header ? FontRole.BodyBold : null), widths[c] - (2 * CellPadding))).ToList();
        float HeightOf(List<List<LayoutLine>> row) => (row.Count == 0 ? 1 : row.Max(c => c.Count) * lineHeight) + (2 * CellPadding);

        var header = table.Header.Count > 0 ? BreakRow(table.Header, header: true) : null;
        var headerHeight = header is null ? 0 : HeightOf(header);
        var rows = table.Rows.Select(r => BreakRow(r, header: false)).ToList();

        void DrawRow(List<List<LayoutLine>> row, float height, bool isHeader)
        {
            if (isHeader)
            {
                _page.Ops.Add(new FillOp(PageGeometry.Left, _y, PageGeometry.Left + widths.Sum(), _y + height, 235));
            }

            var x = PageGeometry.Left;
            for (var c = 0; c < row.Count; c++)
            {
                for (var l = 0; l < row[c].Count; l++)
                {
                    DrawLine(row[c][l], x + CellPadding, _y + CellPadding + (l * lineHeight), lineHeight, TableSize);
                }

                _page.Ops.Add(new LineOp(x, _y, x, _y + height, 0.5f));
                x += widths[c];
            }

            _page.Ops.Add(new LineOp(x, _y, x, _y + height, 0.5f));
            _page.Ops.Add(new LineOp(PageGeometry.Left, _y, x, _y, 0.5f));
            _page.Ops.Add(new LineOp(PageGeometry.Left, _y + height, x, _y + height, 0.5f));
            _y += height;
        }

        EnsureSpace(headerHeight + (rows.Count > 0 ? HeightOf(rows[0]) : 0));
        if (header is not null)
        {
            DrawRow(header, headerHeight, isHeader: true);
        }

        foreach (var row in rows)
        {
            var height = HeightOf(row);
            if (height > Available)
            {
                if (headerHeight + height > _bottom - PageGeometry.Top)
                {
                    throw new DocumentLayoutException("A table row is taller than a page.");
                }

                NewPage();
                if (header is not null)
                {
                    DrawRow(header, headerHeight, isHeader: true);
                }
            }

            DrawRow(row, height, isHeader: false);
        }

        _y += 10;
    }

    private void Signatures(SignatureBlock block)
    {
        const float gap = 16f;
        const float padding = 8f;
        const float signingSpace = 30f;
        var boxWidth = (PageGeometry.ContentWidth - gap) / 2;
        var lineHeight = LineHeight(BodySize);
        _y += 4;
        for (var i = 0; i < block.Parties.Count; i += 2)
        {
            var pair = block.Parties.Skip(i).Take(2)
                .Select(p => p.Lines.SelectMany(line => _breaker.Break(Styled(line, BodySize), boxWidth - (2 * padding))).ToList())
                .ToList();
            var height = (pair.Max(lines => lines.Count) * lineHeight) + (2 * padding) + signingSpace;
            EnsureSpace(height);
            for (var p = 0; p < pair.Count; p++)
            {
                var left = PageGeometry.Left + (p * (boxWidth + gap));
                var right = left + boxWidth;
                for (var l = 0; l < pair[p].Count; l++)
                {
                    DrawLine(pair[p][l], left + padding, _y + padding + (l * lineHeight), lineHeight, BodySize);
                }

                _page.Ops.Add(new LineOp(left, _y, right, _y, 0.5f));
                _page.Ops.Add(new LineOp(left, _y + height, right, _y + height, 0.5f));
                _page.Ops.Add(new LineOp(left, _y, left, _y + height, 0.5f));
                _page.Ops.Add(new LineOp(right, _y, right, _y + height, 0.5f));
            }

            _y += height + gap;
        }
    }
}
