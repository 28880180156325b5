using System.Globalization;
using System.Text;

namespace Governance.Documents.Layout;

internal readonly record struct TextStyle(FontRole Role, float Size, bool Italic = false);

internal readonly record struct StyledText(string Text, TextStyle Style);

internal sealed record LineFragment(string Text, TextStyle Style, float X, float Width);

internal sealed record LayoutLine(IReadOnlyList<LineFragment> Fragments, float Width);

/// <summary>
/// Breaks styled text into lines the way Chinese typesetting expects: a break is allowed between any two
/// CJK characters, never before closing punctuation (。，、；：？！）」』】 …) nor after opening punctuation
/// (（「『【 …); Latin words break only at spaces (or, for one longer than the line, between characters).
/// Widths come from HarfBuzz shaping of each unbreakable piece.
/// </summary>
internal sealed class LineBreaker(FontSet fonts)
{
    private const string Closing = "。，、；：？！）」』】〕〉》〗〙〛｝］”’…‥·・％‰,.;:?!)]}%～";
    private const string Opening = "（「『【〔〈《〖〘〚｛［“‘([{";

    public static bool IsClosing(char c) => Closing.Contains(c, StringComparison.Ordinal);

    public static bool IsOpening(char c) => Opening.Contains(c, StringComparison.Ordinal);

    public static bool IsCjk(Rune rune) => rune.Value switch
    {
        >= 0x2E80 and <= 0x9FFF => true,
        >= 0xF900 and <= 0xFAFF => true,
        >= 0xFE30 and <= 0xFE4F => true,
        >= 0xFF00 and <= 0xFFEF => true,
        >= 0x20000 and <= 0x3FFFF => true,
        _ => false,
    };

    public float Measure(string text, TextStyle style) => fonts[style.Role].Measure(text, style.Size);

    /// <param name="firstIndent">Indent of the first line (2 em for Chinese paragraphs).</param>
    public List<LayoutLine> Break(IReadOnlyList<StyledText> runs, float width, float firstIndent = 0)
    {
        var segments = Segments(runs);
        var lines = new List<LayoutLine>();
        var fragments = new List<LineFragment>();
        var x = firstIndent;
        var available = width;

        void Push()
        {
            lines.Add(new LayoutLine(fragments, fragments.Count == 0 ? 0 : fragments[^1].X + fragments[^1].Width));
            fragments = [];
            x = 0;
        }

        void Place(Piece piece, float gap)
        {
            var start = x + gap;
            if (fragments.Count > 0 && fragments[^1].Style == piece.Style && Math.Abs(fragments[^1].X + fragments[^1].Width - x) < 0.01f)
            {
                var last = fragments[^1];
                fragments[^1] = last with { Text = last.Text + (gap > 0 ? " " : "") + piece.Text, Width = start + piece.Width - last.X };
            }
            else
            {
                fragments.Add(new LineFragment(piece.Text, piece.Style, start, piece.Width));
            }

            x = start + piece.Width;
        }

        foreach (var segment in segments)
        {
            if (segment.ForcedBreakBefore)
            {
                Push();
            }

            var gap = segment.SpaceBefore && fragments.Count > 0 ? segment.SpaceWidth : 0;
            if (fragments.Count > 0 && x + gap + segment.Width > available + 0.01f)
            {
                Push();
                gap = 0;
            }

            if (x + gap + segment.Width <= available + 0.01f)
            {
                foreach (var piece in segment.Pieces)
                {
                    Place(piece, gap);
                    gap = 0;
                }

                continue;
            }

            // Longer than a whole line (a hash, a URL): break between characters.
            foreach (var piece in segment.Pieces)
            {
                var enumerator = StringInfo.GetTextElementEnumerator(piece.Text);
                while (enumerator.MoveNext())
                {
                    var element = enumerator.GetTextElement();
                    var elementWidth = Measure(element, piece.Style);
                    // Kinsoku still holds here: closing punctuation hangs into the margin rather than start a line.
                    var mayBreak = !IsClosing(element[0]) && !IsOpening(fragments.Count > 0 ? fragments[^1].Text[^1] : ' ');
                    if (fragments.Count > 0 && mayBreak && x + elementWidth > available + 0.01f)
                    {
                        Push();
                    }

                    Place(new Piece(element, piece.Style, elementWidth), 0);
                }
            }
        }

        if (fragments.Count > 0 || lines.Count == 0)
        {
            Push();
        }

        return lines;
    }

    private List<Segment> Segments(IReadOnlyList<StyledText> runs)
    {
        var segments = new List<Segment>();
        Segment? current = null;
        var pendingSpace = false;
        var pendingBreak = false;
        var spaceWidth = 0f;
        var lastWasWord = false;

        foreach (var run in runs)
        {
            foreach (var (kind, text) in Tokenize(run.Text))
            {
                switch (kind)
                {
                    case TokenKind.Newline:
                        current = null;
                        pendingBreak = true;
                        pendingSpace = false;
                        lastWasWord = false;
                        continue;
                    case TokenKind.Space:
                        if (current is not null || segments.Count > 0)
                        {
                            pendingSpace = !pendingBreak;
                            spaceWidth = Measure(" ", run.Style);
                        }

                        current = null;
                        lastWasWord = false;
                        continue;
                }

                var piece = new Piece(text, run.Style, Measure(text, run.Style));
                var join = current is not null
                    && (IsClosing(text[0])
                        || IsOpening(current.LastChar)
                        || (kind == TokenKind.Word && lastWasWord));
                if (join)
                {
                    current!.Add(piece);
                }
                else
                {
                    current = new Segment(pendingSpace, spaceWidth, pendingBreak);
                    current.Add(piece);
                    segments.Add(current);
                    pendingSpace = false;
                    pendingBreak = false;
                }

                lastWasWord = kind == TokenKind.Word;
            }
        }

        if (pendingBreak)
        {
            segments.Add(new Segment(false, 0, true));
        }

        return segments;
    }

    private enum TokenKind
    {
        Cjk,
        Word,
        Space,
        Newline,
    }

    private static IEnumerable<(TokenKind Kind, string Text)> Tokenize(string text)
    {
        var word = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            TokenKind kind;
            if (rune.Value == '\n')
            {
                kind = TokenKind.Newline;
            }
            else if (Rune.IsWhiteSpace(rune))
            {
                kind = TokenKind.Space;
            }
            else if (IsCjk(rune))
            {
                kind = TokenKind.Cjk;
            }
            else
            {
                word.Append(rune.ToString());
                continue;
            }

            if (word.Length > 0)
            {
                yield return (TokenKind.Word, word.ToString());
                word.Clear();
            }

            yield return (kind, kind is TokenKind.Cjk ? rune.ToString() : "");
        }

        if (word.Length > 0)
        {
            yield return (TokenKind.Word, word.ToString());
        }
    }

    private readonly record struct Piece(string Text, TextStyle Style, float Width);

    private sealed class Segment(bool spaceBefore, float spaceWidth, bool forcedBreakBefore)
    {
        public bool SpaceBefore { get; } = spaceBefore;

        public float SpaceWidth { get; } = spaceWidth;

        public bool ForcedBreakBefore { get; } = forcedBreakBefore;

        public List<Piece> Pieces { get; } = [];

        public float Width { get; private set; }

        public char LastChar => Pieces[^1].Text[^1];

        public void Add(Piece piece)
        {
            Pieces.Add(piece);
            Width += piece.Width;
        }
    }
}
