using System.Collections.Frozen;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Fluid;
using Fluid.Values;

namespace Governance.Server.Features.Email;

public sealed record RenderedEmail(string Subject, string Text, string Html);

/// <summary>
/// The Liquid templates of every message kind in every language, embedded in the assembly and parsed once.
/// A template file has three parts: a <c>subject:</c> line, a <c>=== text ===</c> part and an <c>=== html ===</c>
/// part; <c>_layout.{language}.liquid</c> wraps the two bodies. The HTML part is rendered with an HTML
/// encoder, so whatever a user typed (a title, a reason) arrives as text, never as markup.
/// </summary>
public sealed class EmailTemplates
{
    public static readonly IReadOnlyList<string> Languages = ["zh-CN", "en"];

    private const string TextMarker = "=== text ===";
    private const string HtmlMarker = "=== html ===";
    private const string ResourcePrefix = "Governance.Server.Features.Email.Templates.";
    private static readonly FluidParser Parser = new();

    // Markup characters are encoded; Chinese stays Chinese (the default encoder would turn every 汉字 into &#x...;).
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly FrozenDictionary<string, ParsedTemplate> _templates;
    private readonly TemplateOptions _options = new()
    {
        CultureInfo = CultureInfo.InvariantCulture,
        MaxSteps = 100_000,
    };

    public EmailTemplates()
    {
        var assembly = typeof(EmailTemplates).Assembly;
        var templates = new Dictionary<string, ParsedTemplate>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            var name = resource[ResourcePrefix.Length..^".liquid".Length];
            templates[name] = ParseFile(name, reader.ReadToEnd());
        }

        _templates = templates.ToFrozenDictionary(StringComparer.Ordinal);
        foreach (var language in Languages)
        {
            foreach (var kind in Enum.GetValues<EmailKind>())
            {
                if (!_templates.ContainsKey($"{EmailKinds.Name(kind)}.{language}"))
                {
                    throw new InvalidOperationException($"The email template {EmailKinds.Name(kind)}.{language}.liquid is missing.");
                }
            }

            if (!_templates.ContainsKey($"_layout.{language}"))
            {
                throw new InvalidOperationException($"The email layout _layout.{language}.liquid is missing.");
            }
        }
    }

    /// <summary>Renders a message; <paramref name="values"/> are what the templates see (snake_case names).</summary>
    public RenderedEmail Render(EmailKind kind, string language, IReadOnlyDictionary<string, object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!_templates.TryGetValue($"{EmailKinds.Name(kind)}.{language}", out var template))
        {
            throw new ArgumentOutOfRangeException(nameof(language), language, $"No {EmailKinds.Name(kind)} template in that language.");
        }

        var layout = _templates[$"_layout.{language}"];
        var subject = string.Join(' ', RenderPart(template.Subject, values, NullEncoder.Default)
            .Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var text = RenderPart(template.Text, values, NullEncoder.Default).Trim();
        var html = RenderPart(template.Html, values, Html).Trim();
        var layoutValues = new Dictionary<string, object?>(values, StringComparer.Ordinal) { ["subject"] = subject };
        return new RenderedEmail(
            subject,
            RenderPart(layout.Text, layoutValues, NullEncoder.Default, text).Trim() + "\n",
            RenderPart(layout.Html, layoutValues, Html, html).Trim() + "\n");
    }

    private string RenderPart(IFluidTemplate template, IReadOnlyDictionary<string, object?> values, TextEncoder encoder, string? content = null)
    {
        var context = new TemplateContext(_options);
        foreach (var (name, value) in values)
        {
            context.SetValue(name, value);
        }

        if (content is not null)
        {
            // Already rendered (and encoded) by the message's own template: inserted as it is.
            context.SetValue("content", new StringValue(content, encode: false));
        }

        return template.Render(context, encoder);
    }

    private static ParsedTemplate ParseFile(string name, string source)
    {
        source = source.Replace("\r\n", "\n", StringComparison.Ordinal);
        var textAt = source.IndexOf(TextMarker, StringComparison.Ordinal);
        var htmlAt = source.IndexOf(HtmlMarker, StringComparison.Ordinal);
        if (textAt < 0 || htmlAt < textAt)
        {
            throw new InvalidOperationException($"Email template {name}: expected '{TextMarker}' followed by '{HtmlMarker}'.");
        }

        var head = source[..textAt].Trim();
        string subject;
        if (name.StartsWith('_'))
        {
            subject = string.Empty;
        }
        else if (head.StartsWith("subject:", StringComparison.Ordinal))
        {
            subject = head["subject:".Length..].Trim();
        }
        else
        {
            throw new InvalidOperationException($"Email template {name}: the first line must be 'subject: ...'.");
        }

        return new ParsedTemplate(
            Parse(name, "subject", subject),
            Parse(name, "text", source[(textAt + TextMarker.Length)..htmlAt]),
            Parse(name, "html", source[(htmlAt + HtmlMarker.Length)..]));
    }

    private static IFluidTemplate Parse(string name, string part, string source) =>
        Parser.TryParse(source, out var template, out var error)
            ? template
            : throw new InvalidOperationException($"Email template {name} ({part}): {error}");

    private sealed record ParsedTemplate(IFluidTemplate Subject, IFluidTemplate Text, IFluidTemplate Html);
}
