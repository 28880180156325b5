using System.Globalization;
using Governance.Documents.Model;
using Markdig;
using Markdig.Extensions.CustomContainers;
using Markdig.Extensions.DefinitionLists;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using MdBlock = Markdig.Syntax.Block;
using MdHeading = Markdig.Syntax.HeadingBlock;
using MdList = Markdig.Syntax.ListBlock;
using MdParagraph = Markdig.Syntax.ParagraphBlock;

namespace Governance.Documents.Templates;

/// <summary>
/// Reads the Markdown a template produces into <see cref="DocumentContent"/> blocks.
/// Beyond CommonMark: pipe tables, definition lists (key–value blocks), <c>::: signatures</c> containers
/// (one list item per party), <c>&lt;!-- pagebreak --&gt;</c>, <c>&lt;!-- footnote: text --&gt;</c> and <c>&lt;!-- columns: 30 2* 1* --&gt;</c>
/// (widths in millimetres or shares) before a table. See Templates/Documents/README.md in the server.
/// </summary>
public static class MarkdownStructureReader
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseDefinitionLists()
        .UseCustomContainers()
        .Build();

    public static IReadOnlyList<DocumentBlock> Read(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var document = Markdown.Parse(markdown, Pipeline);
        var blocks = new List<DocumentBlock>();
        ReadBlocks(document, blocks);
        return blocks;
    }

    private static void ReadBlocks(ContainerBlock container, List<DocumentBlock> blocks)
    {
        IReadOnlyList<ColumnWidth>? pendingColumns = null;
        foreach (var block in container)
        {
            switch (block)
            {
                case MdHeading heading:
                    blocks.Add(new Model.HeadingBlock(heading.Level, Runs(heading.Inline)));
                    break;
                case MdParagraph paragraph:
                    blocks.Add(new Model.ParagraphBlock(Runs(paragraph.Inline)));
                    break;
                case MdList list:
                    blocks.Add(new Model.ListBlock(list.IsOrdered, list.OfType<ListItemBlock>().Select(ItemRuns).ToList()));
                    break;
                case Table table:
                    blocks.Add(ReadTable(table, pendingColumns));
                    pendingColumns = null;
                    break;
                case DefinitionList definitions:
                    blocks.Add(ReadDefinitions(definitions));
                    break;
                case CustomContainer { Info: "signatures" } signatures:
                    blocks.Add(ReadSignatures(signatures));
                    break;
                case CustomContainer other:
                    ReadBlocks(other, blocks);
                    break;
                case HtmlBlock html:
                    var comment = string.Join(' ', html.Lines.Lines.Take(html.Lines.Count).Select(l => l.ToString())).Trim();
                    if (comment.StartsWith("<!--", StringComparison.Ordinal) && comment.EndsWith("-->", StringComparison.Ordinal))
                    {
                        var directive = comment[4..^3].Trim();
                        if (directive == "pagebreak")
                        {
                            blocks.Add(new PageBreakBlock());
                        }
                        else if (directive.StartsWith("footnote:", StringComparison.Ordinal))
                        {
                            // Markdown does not unescape inside HTML comments; the template's values arrive escaped.
                            blocks.Add(new FootnoteBlock(Unescape(directive["footnote:".Length..].Trim())));
                        }
                        else if (directive.StartsWith("columns:", StringComparison.Ordinal))
                        {
                            pendingColumns = directive["columns:".Length..]
                                .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                                .Select(ColumnWidth.Parse)
                                .ToList();
                        }
                    }

                    break;
                case ThematicBreakBlock:
                case LinkReferenceDefinitionGroup:
                    break;
                case LeafBlock leaf when leaf.Inline is not null:
                    blocks.Add(new Model.ParagraphBlock(Runs(leaf.Inline)));
                    break;
                case LeafBlock leaf:
                    var text = string.Join('\n', leaf.Lines.Lines.Take(leaf.Lines.Count).Select(l => l.ToString()));
                    blocks.Add(new Model.ParagraphBlock([new TextRun(text)]));
                    break;
                default:
                    throw new InvalidOperationException($"Unsupported Markdown block {block.GetType().Name} at line {block.Line + 1}.");
            }
        }
    }

    private static string Unescape(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, @"\\([!-/:-@\[-`{-~])", "$1", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));

    private static TableBlock ReadTable(Table table, IReadOnlyList<ColumnWidth>? columns)
    {
        var rows = table.OfType<TableRow>().ToList();
        var width = rows.Count == 0 ? 0 : rows.Max(r => r.Count);
        List<IReadOnlyList<TextRun>> CellsOf(TableRow row)
        {
            var cells = row.OfType<TableCell>().Select(cell => (IReadOnlyList<TextRun>)ContainerRuns(cell)).ToList();
            while (cells.Count < width)
            {
                cells.Add([]);
            }

            return cells;
        }

        var header = rows.Where(r => r.IsHeader).Select(CellsOf).FirstOrDefault() ?? [];
        var body = rows.Where(r => !r.IsHeader).Select(r => (IReadOnlyList<IReadOnlyList<TextRun>>)CellsOf(r)).ToList();
        if (columns is null || columns.Count != width)
        {
            if (columns is not null)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                    $"The columns directive before the table at line {table.Line + 1} names {columns.Count} widths for {width} columns."));
            }

            columns = Enumerable.Repeat(ColumnWidth.Share(1), width).ToList();
        }

        return new TableBlock(columns, header, body);
    }

    private static KeyValueBlock ReadDefinitions(DefinitionList definitions)
    {
        var entries = new List<KeyValueEntry>();
        foreach (var item in definitions.OfType<DefinitionItem>())
        {
            var key = item.OfType<DefinitionTerm>().SelectMany(t => Runs(t.Inline)).ToList();
            var value = new List<TextRun>();
            foreach (var paragraph in item.OfType<MdParagraph>())
            {
                if (value.Count > 0)
                {
                    value.Add(new TextRun("\n"));
                }

                value.AddRange(Runs(paragraph.Inline));
            }

            entries.Add(new KeyValueEntry(key, value));
        }

        return new KeyValueBlock(entries);
    }

    private static SignatureBlock ReadSignatures(CustomContainer container)
    {
        var parties = new List<SignatureParty>();
        foreach (var item in container.OfType<MdList>().SelectMany(l => l.OfType<ListItemBlock>()))
        {
            var lines = new List<IReadOnlyList<TextRun>>();
            var current = new List<TextRun>();
            foreach (var run in ContainerRuns(item, softBreaksAreLines: true))
            {
                var parts = run.Text.Split('\n');
                for (var i = 0; i < parts.Length; i++)
                {
                    if (i > 0)
                    {
                        lines.Add(current);
                        current = [];
                    }

                    if (parts[i].Length > 0)
                    {
                        current.Add(run with { Text = parts[i] });
                    }
                }
            }

            lines.Add(current);
            parties.Add(new SignatureParty(lines.Where(l => l.Count > 0).ToList()));
        }

        return new SignatureBlock(parties);
    }

    private static IReadOnlyList<TextRun> ItemRuns(ListItemBlock item) => ContainerRuns(item);

    private static List<TextRun> ContainerRuns(ContainerBlock container, bool softBreaksAreLines = false)
    {
        var runs = new List<TextRun>();
        foreach (var block in container)
        {
            if (runs.Count > 0)
            {
                runs.Add(new TextRun("\n"));
            }

            switch (block)
            {
                case LeafBlock { Inline: not null } leaf:
                    runs.AddRange(Runs(leaf.Inline, softBreaksAreLines));
                    break;
                case ContainerBlock nested:
                    runs.AddRange(ContainerRuns(nested, softBreaksAreLines));
                    break;
            }
        }

        return runs;
    }

    private static List<TextRun> Runs(ContainerInline? inline, bool softBreaksAreLines = false)
    {
        var runs = new List<TextRun>();
        if (inline is not null)
        {
            AddRuns(inline, bold: false, italic: false, softBreaksAreLines, runs);
        }

        return Merge(runs);
    }

    private static void AddRuns(ContainerInline container, bool bold, bool italic, bool softBreaksAreLines, List<TextRun> runs)
    {
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    runs.Add(new TextRun(literal.Content.ToString(), bold, italic));
                    break;
                case EmphasisInline emphasis:
                    AddRuns(emphasis, bold || emphasis.DelimiterCount >= 2, italic || emphasis.DelimiterCount == 1 || emphasis.DelimiterCount == 3, softBreaksAreLines, runs);
                    break;
                case LineBreakInline lineBreak:
                    runs.Add(new TextRun(lineBreak.IsHard || softBreaksAreLines ? "\n" : " ", bold, italic));
                    break;
                case CodeInline code:
                    runs.Add(new TextRun(code.Content, bold, italic));
                    break;
                case HtmlEntityInline entity:
                    runs.Add(new TextRun(entity.Transcoded.ToString(), bold, italic));
                    break;
                case ContainerInline nested:
                    AddRuns(nested, bold, italic, softBreaksAreLines, runs);
                    break;
            }
        }
    }

    private static List<TextRun> Merge(List<TextRun> runs)
    {
        var merged = new List<TextRun>(runs.Count);
        foreach (var run in runs)
        {
            if (run.Text.Length == 0)
            {
                continue;
            }

            if (merged.Count > 0 && merged[^1].Bold == run.Bold && merged[^1].Italic == run.Italic)
            {
                merged[^1] = merged[^1] with { Text = merged[^1].Text + run.Text };
            }
            else
            {
                merged.Add(run);
            }
        }

        return merged;
    }
}
