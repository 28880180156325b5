namespace Governance.Documents.Model;

/// <summary>
/// The structure every document template produces and the layout engine consumes:
/// a title, then blocks in reading order. Kept deliberately small so templates stay reviewable.
/// </summary>
public sealed record DocumentContent(DocumentInfo Info, IReadOnlyList<DocumentBlock> Blocks);

/// <summary>What the header, footer and PDF metadata show.</summary>
/// <param name="Footnote">Printed above the footer on every page, e.g. the SHA-256 of the document a certificate is about.</param>
public sealed record DocumentInfo(
    string Title,
    string Number,
    string Author,
    string Subject,
    string Language,
    DateTimeOffset CreatedAt,
    string? Footnote = null);

public abstract record DocumentBlock;

/// <summary>Level 1 is the document title (centred, large); 2 and 3 are section headings.</summary>
public sealed record HeadingBlock(int Level, IReadOnlyList<TextRun> Runs) : DocumentBlock;

public sealed record ParagraphBlock(IReadOnlyList<TextRun> Runs) : DocumentBlock;

public sealed record ListBlock(bool Ordered, IReadOnlyList<IReadOnlyList<TextRun>> Items) : DocumentBlock;

/// <summary>A table whose header row is repeated on every page it spans.</summary>
public sealed record TableBlock(
    IReadOnlyList<ColumnWidth> Columns,
    IReadOnlyList<IReadOnlyList<TextRun>> Header,
    IReadOnlyList<IReadOnlyList<IReadOnlyList<TextRun>>> Rows) : DocumentBlock;

/// <summary>Label–value pairs such as 申请单位 / 统一社会信用代码, laid out in two columns.</summary>
public sealed record KeyValueBlock(IReadOnlyList<KeyValueEntry> Entries) : DocumentBlock;

public sealed record KeyValueEntry(IReadOnlyList<TextRun> Key, IReadOnlyList<TextRun> Value);

/// <summary>One box per signing party: its lines (organization, representative, time) and a signature line.</summary>
public sealed record SignatureBlock(IReadOnlyList<SignatureParty> Parties) : DocumentBlock;

public sealed record SignatureParty(IReadOnlyList<IReadOnlyList<TextRun>> Lines);

public sealed record PageBreakBlock : DocumentBlock;

/// <summary>Text for the footnote printed on every page (e.g. the SHA-256 a certificate is about); not laid out in the flow.</summary>
public sealed record FootnoteBlock(string Text) : DocumentBlock;

public sealed record TextRun(string Text, bool Bold = false, bool Italic = false);

/// <summary>A fixed width in millimetres, or a share of what the fixed columns leave (<c>2*</c>).</summary>
public readonly record struct ColumnWidth(float Value, bool Proportional)
{
    public static ColumnWidth Share(float weight) => new(weight, true);

    public static ColumnWidth Millimetres(float value) => new(value, false);

    public static ColumnWidth Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.EndsWith('*'))
        {
            var weight = trimmed.Length == 1 ? 1f : float.Parse(trimmed[..^1], System.Globalization.CultureInfo.InvariantCulture);
            return Share(weight);
        }

        return Millimetres(float.Parse(trimmed.EndsWith("mm", StringComparison.Ordinal) ? trimmed[..^2] : trimmed, System.Globalization.CultureInfo.InvariantCulture));
    }
}
