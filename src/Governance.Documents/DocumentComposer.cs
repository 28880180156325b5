using System.Text.Json.Nodes;
using Governance.Documents.Layout;
using Governance.Documents.Model;
using Governance.Documents.Rendering;
using Governance.Documents.Templates;

namespace Governance.Documents;

/// <summary>Template + data → document structure → PDF. The title is the template's first level-1 heading.</summary>
public sealed class DocumentComposer(PdfDocumentRenderer renderer)
{
    public async Task<ComposedDocument> ComposeAsync(
        DocumentTemplate template,
        JsonObject model,
        DocumentInfo info,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(info);
        var blocks = await template.RenderAsync(model, cancellationToken);
        var title = blocks.OfType<HeadingBlock>().FirstOrDefault(h => h.Level == 1) is { } heading
            ? string.Concat(heading.Runs.Select(r => r.Text)).Trim()
            : info.Title;
        if (string.IsNullOrWhiteSpace(title))
        {
            throw DocumentTemplateException.Structure(template.Name, "the document has no title (a level-1 heading).");
        }

        var footnotes = blocks.OfType<FootnoteBlock>().Select(f => f.Text).ToList();
        var footnote = footnotes.Count > 0 ? string.Join(" ", footnotes) : info.Footnote;
        var content = new DocumentContent(info with { Title = title, Footnote = footnote }, blocks.Where(b => b is not FootnoteBlock).ToList());
        try
        {
            return new ComposedDocument(content, renderer.Render(content));
        }
        catch (DocumentLayoutException exception)
        {
            throw DocumentTemplateException.Structure(template.Name, exception.Message);
        }
    }
}

public sealed record ComposedDocument(DocumentContent Content, RenderedPdf Pdf);
