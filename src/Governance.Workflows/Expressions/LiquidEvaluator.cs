using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fluid;
using Governance.Workflows.Definitions;
using Microsoft.Extensions.FileProviders;

namespace Governance.Workflows.Expressions;

/// <summary>
/// Renders Liquid templates with Fluid, for text such as email subjects and document fields.
/// </summary>
/// <remarks>
/// Templates see <c>Variables</c> and <c>Input</c> (also spelled <c>variables</c> and <c>input</c>):
/// <c>{{ Variables.AllianceName }}</c>, <c>{{ Input.Year }}</c>. Rendering uses the invariant culture and UTC,
/// and <c>'now'</c> is the scope's time, so output depends only on the scope. The output is plain text:
/// this evaluator applies <b>no HTML encoding</b>; the email and document layers encode for their medium.
/// Templates cannot include files; runaway templates are stopped by limits on steps (<see cref="MaxSteps"/>, also the
/// longest range), text length (<see cref="MaxTextLength"/>) and nesting (checked before parsing, because Fluid's
/// parser would otherwise overflow the stack on a few thousand nested blocks). Parsed templates are cached and the
/// evaluator is thread-safe. The result is always a JSON string.
/// </remarks>
public sealed class LiquidEvaluator : IExpressionEvaluator
{
    /// <summary>Most steps (tags, output and loop iterations) one render may take; also the longest range <c>(a..b)</c>.</summary>
    public const int MaxSteps = 100_000;

    /// <summary>Longest text a render may produce, and longest string <c>append</c>/<c>prepend</c> may build.</summary>
    public const int MaxTextLength = 1_000_000;

    /// <summary>Deepest nesting of macros and includes.</summary>
    public const int MaxRecursion = 32;

    private const int CacheCapacity = 1_000;

    private static readonly FluidParser Parser = new();

    private readonly ParsedExpressionCache<ParsedTemplate> _cache = new(CacheCapacity);
    private readonly TemplateOptions _options = CreateOptions();

    /// <inheritdoc />
    public ExpressionLanguage Language => ExpressionLanguage.Liquid;

    /// <inheritdoc />
    public JsonNode? Evaluate(string expression, ExpressionScope scope)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(scope);

        var parsed = _cache.GetOrAdd(expression, Parse);
        if (parsed.Template is null)
        {
            throw new ExpressionException(parsed.Error!);
        }

        var context = new TemplateContext(_options)
        {
            Now = () => scope.Now,
        };
        var variables = ToModel(scope.Variables);
        var inputs = ToModel(scope.Inputs);
        context.SetValue("Variables", variables);
        context.SetValue("variables", variables);
        context.SetValue("Input", inputs);
        context.SetValue("input", inputs);

        using var output = new BoundedStringWriter(MaxTextLength);
        try
        {
            // The evaluator interface is synchronous and no filter here is asynchronous, so this completes at once.
            parsed.Template.RenderAsync(output, NullEncoder.Default, context).AsTask().GetAwaiter().GetResult();
        }
        catch (ExpressionException)
        {
            throw;
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("maximum level of recursion", StringComparison.Ordinal))
        {
            // Fluid reports both of its limits with this one message about includes.
            throw new ExpressionException(
                $"Liquid failed: the template exceeded the limit of {MaxSteps:N0} steps or {MaxRecursion} nested includes/macros.", ex);
        }
        catch (Exception ex)
        {
            // Whatever else a template trips over (a missing include, a filter's bad argument) faults the expression.
            throw new ExpressionException($"Liquid failed: {ex.Message}", ex);
        }

        return JsonValue.Create(output.ToString());
    }

    /// <inheritdoc />
    public string? CheckSyntax(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return _cache.GetOrAdd(expression, Parse).Error;
    }

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions
        {
            CultureInfo = CultureInfo.InvariantCulture,
            TimeZone = TimeZoneInfo.Utc,
            MaxSteps = MaxSteps,
            MaxRecursion = MaxRecursion,
            FileProvider = new NullFileProvider(),
        };
        LiquidSandbox.AddBoundedStringFilters(options, MaxTextLength);
        return options;
    }

    private static ParsedTemplate Parse(string expression)
    {
        var nesting = LiquidSandbox.CheckNesting(expression);
        if (nesting is not null)
        {
            return new ParsedTemplate(null, nesting);
        }

        return Parser.TryParse(expression, out var template, out var error)
            ? new ParsedTemplate(LiquidSandbox.GuardRanges(template, MaxSteps), null)
            : new ParsedTemplate(null, $"Liquid syntax error: {error}");
    }

    private static Dictionary<string, object?> ToModel(IReadOnlyDictionary<string, JsonNode?> values)
    {
        var model = new Dictionary<string, object?>(values.Count, StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            model[name] = ToModel(value);
        }

        return model;
    }

    internal static object? ToModel(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                var dictionary = new Dictionary<string, object?>(obj.Count, StringComparer.Ordinal);
                foreach (var (name, value) in obj)
                {
                    dictionary[name] = ToModel(value);
                }

                return dictionary;
            case JsonArray array:
                var list = new List<object?>(array.Count);
                foreach (var item in array)
                {
                    list.Add(ToModel(item));
                }

                return list;
            default:
                return ToModel(node.AsValue());
        }
    }

    private static object? ToModel(JsonValue value)
    {
        using var document = value.TryGetValue<JsonElement>(out _) ? null : JsonDocument.Parse(value.ToJsonString());
        var element = document?.RootElement ?? value.GetValue<JsonElement>();
        return element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),

            // Fluid computes with decimals; numbers beyond decimal's range fall back to double.
            JsonValueKind.Number => element.TryGetDecimal(out var number) ? number : element.GetDouble(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        };
    }

    private sealed record ParsedTemplate(IFluidTemplate? Template, string? Error);
}
