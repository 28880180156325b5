using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fluid;
using Fluid.Values;
using Governance.Documents.Model;

namespace Governance.Documents.Templates;

/// <summary>
/// A parsed Liquid template that writes Markdown. Model values are escaped before they reach the Markdown,
/// so a party called <c>*A*</c> stays literal; a field the template uses but the model lacks is an error
/// naming the field and the template — never a blank in a legal document. A field that is present and
/// <c>null</c> is allowed (use <c>{% if %}</c> for optional parts).
/// </summary>
public sealed class DocumentTemplate
{
    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions Options = new()
    {
        CultureInfo = CultureInfo.InvariantCulture,
        TimeZone = TimeZoneInfo.Utc,
        MaxSteps = 2_000_000,
        MaxRecursion = 32,
    };

    private readonly IFluidTemplate _template;

    private DocumentTemplate(string name, IFluidTemplate template)
    {
        Name = name;
        _template = template;
    }

    public string Name { get; }

    public static DocumentTemplate Parse(string name, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Parser.TryParse(source, out var template, out var error)
            ? new DocumentTemplate(name, template)
            : throw DocumentTemplateException.Syntax(name, error);
    }

    /// <summary>Syntax check for uploads: null when the template parses.</summary>
    public static string? CheckSyntax(string source) =>
        Parser.TryParse(source, out _, out var error) ? null : error;

    public async Task<string> RenderMarkdownAsync(JsonObject model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        cancellationToken.ThrowIfCancellationRequested();
        var context = new TemplateContext(ToFluid(model, "", Name), Options);
        try
        {
            return await _template.RenderAsync(context, NullEncoder.Default);
        }
        catch (DocumentTemplateException)
        {
            throw;
        }
        catch (Exception exception) when (exception is InvalidOperationException or ParseException or FormatException or ArgumentException)
        {
            throw DocumentTemplateException.Syntax(Name, exception.Message);
        }
    }

    public async Task<IReadOnlyList<DocumentBlock>> RenderAsync(JsonObject model, CancellationToken cancellationToken = default)
    {
        var markdown = await RenderMarkdownAsync(model, cancellationToken);
        try
        {
            return MarkdownStructureReader.Read(markdown);
        }
        catch (Exception exception) when (exception is FormatException or InvalidOperationException)
        {
            throw DocumentTemplateException.Structure(Name, exception.Message);
        }
    }

    private static FluidValue ToFluid(JsonNode? node, string path, string template) => node switch
    {
        null => NilValue.Instance,
        JsonObject obj => new DictionaryValue(new StrictObject(obj, path, template)),
        JsonArray array => new ArrayValue(array.Select((item, i) => ToFluid(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), template)).ToArray()),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => new StringValue(MarkdownText.Escape(value.GetValue<string>())),
            JsonValueKind.Number => NumberValue.Create(decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)),
            JsonValueKind.True => BooleanValue.True,
            JsonValueKind.False => BooleanValue.False,
            _ => NilValue.Instance,
        },
        _ => NilValue.Instance,
    };

    /// <summary>An object whose missing members are errors rather than Liquid's silent nil.</summary>
    private sealed class StrictObject(JsonObject source, string path, string template) : IFluidIndexable
    {
        public int Count => source.Count;

        public IEnumerable<string> Keys => source.Select(p => p.Key);

        public bool TryGetValue(string name, out FluidValue value)
        {
            if (!source.TryGetPropertyValue(name, out var node))
            {
                throw DocumentTemplateException.MissingField(template, path.Length == 0 ? name : $"{path}.{name}");
            }

            value = ToFluid(node, path.Length == 0 ? name : $"{path}.{name}", template);
            return true;
        }
    }
}
