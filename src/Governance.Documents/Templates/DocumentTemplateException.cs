namespace Governance.Documents.Templates;

/// <summary>A template that cannot produce a document: a syntax error, a missing model field or bad structure.</summary>
public class DocumentTemplateException(string code, string template, string? field, string message)
    : Exception(message)
{
    public string Code { get; } = code;

    public string Template { get; } = template;

    /// <summary>The model path the template needed, e.g. <c>parties[3].creditCode</c>.</summary>
    public string? Field { get; } = field;

    public static DocumentTemplateException MissingField(string template, string field) =>
        new("documents.template-field-missing", template, field,
            $"Template '{template}' needs the field '{field}', which the document data does not contain.");

    public static DocumentTemplateException Syntax(string template, string error) =>
        new("documents.template-syntax", template, null, $"Template '{template}' cannot be parsed: {error}");

    public static DocumentTemplateException Structure(string template, string error) =>
        new("documents.template-structure", template, null, $"Template '{template}' produced a document that cannot be laid out: {error}");
}
