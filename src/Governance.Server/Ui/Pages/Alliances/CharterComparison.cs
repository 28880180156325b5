using Governance.Server.Features.Alliances;

namespace Governance.Server.Ui.Pages.Alliances;

public enum SectionChange
{
    Unchanged,
    Changed,
    Added,
    Removed,
}

public enum SegmentChange
{
    Same,
    Removed,
    Added,
}

/// <summary>A run of text on one side of the comparison, marked as kept, removed (older side) or added (newer side).</summary>
public sealed record DiffSegment(string Text, SegmentChange Change);

/// <summary>One row of the side-by-side view: a section as it was and as it is.</summary>
public sealed record SectionComparison(
    string Title, SectionChange Change, CharterSectionResponse? Older, CharterSectionResponse? Newer,
    IReadOnlyList<DiffSegment> OlderText, IReadOnlyList<DiffSegment> NewerText);

/// <summary>
/// Compares two charter versions for the side-by-side view. Sections are paired by title (a section that
/// moved keeps its pairing), unpaired ones are added or removed; inside a changed section the text is
/// compared sentence by sentence (Chinese sentences end in 。！？；, and line breaks end one too), by the
/// longest common subsequence, so the marks fall on whole clauses a reader can compare.
/// </summary>
public static class CharterComparison
{
    public static IReadOnlyList<SectionComparison> Compare(CharterVersionResponse older, CharterVersionResponse newer)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);
        var rows = new List<SectionComparison>();
        var unmatchedOld = older.Sections.ToList();
        foreach (var section in newer.Sections.OrderBy(s => s.Number))
        {
            var before = unmatchedOld.FirstOrDefault(s => string.Equals(s.Title.Trim(), section.Title.Trim(), StringComparison.Ordinal));
            if (before is null)
            {
                rows.Add(new SectionComparison(section.Title, SectionChange.Added, null, section, [], [new DiffSegment(section.Body, SegmentChange.Added)]));
                continue;
            }

            unmatchedOld.Remove(before);
            if (string.Equals(before.Body, section.Body, StringComparison.Ordinal))
            {
                rows.Add(new SectionComparison(section.Title, SectionChange.Unchanged, before, section,
                    [new DiffSegment(before.Body, SegmentChange.Same)], [new DiffSegment(section.Body, SegmentChange.Same)]));
                continue;
            }

            var (left, right) = Diff(Sentences(before.Body), Sentences(section.Body));
            rows.Add(new SectionComparison(section.Title, SectionChange.Changed, before, section, left, right));
        }

        // Removed sections where they stood in the older version.
        foreach (var removed in unmatchedOld.OrderBy(s => s.Number))
        {
            var row = new SectionComparison(removed.Title, SectionChange.Removed, removed, null, [new DiffSegment(removed.Body, SegmentChange.Removed)], []);
            var at = rows.FindIndex(r => r.Older is { } o && o.Number > removed.Number);
            rows.Insert(at < 0 ? rows.Count : at, row);
        }

        return rows;
    }

    /// <summary>Splits text after each sentence end (。！？；!?;) and line break, keeping every character.</summary>
    public static IReadOnlyList<string> Sentences(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '。' or '！' or '？' or '；' or '!' or '?' or ';' or '\n')
            {
                parts.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            parts.Add(text[start..]);
        }

        return parts;
    }

    private static (IReadOnlyList<DiffSegment> Left, IReadOnlyList<DiffSegment> Right) Diff(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        // Longest common subsequence of sentences (charter sections are short: a table is cheap).
        var lengths = new int[a.Count + 1, b.Count + 1];
        for (var i = a.Count - 1; i >= 0; i--)
        {
            for (var j = b.Count - 1; j >= 0; j--)
            {
                lengths[i, j] = string.Equals(a[i], b[j], StringComparison.Ordinal)
                    ? lengths[i + 1, j + 1] + 1
                    : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        var left = new List<DiffSegment>();
        var right = new List<DiffSegment>();
        int x = 0, y = 0;
        while (x < a.Count && y < b.Count)
        {
            if (string.Equals(a[x], b[y], StringComparison.Ordinal))
            {
                Append(left, a[x], SegmentChange.Same);
                Append(right, b[y], SegmentChange.Same);
                x++;
                y++;
            }
            else if (lengths[x + 1, y] >= lengths[x, y + 1])
            {
                Append(left, a[x++], SegmentChange.Removed);
            }
            else
            {
                Append(right, b[y++], SegmentChange.Added);
            }
        }

        while (x < a.Count)
        {
            Append(left, a[x++], SegmentChange.Removed);
        }

        while (y < b.Count)
        {
            Append(right, b[y++], SegmentChange.Added);
        }

        return (left, right);
    }

    // Neighbouring sentences of the same kind read as one run.
    private static void Append(List<DiffSegment> side, string text, SegmentChange change)
    {
        if (side.Count > 0 && side[^1].Change == change)
        {
            side[^1] = side[^1] with { Text = side[^1].Text + text };
        }
        else
        {
            side.Add(new DiffSegment(text, change));
        }
    }
}
