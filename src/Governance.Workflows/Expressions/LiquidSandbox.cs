using System.Globalization;
using System.Text;
using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace Governance.Workflows.Expressions;

/// <summary>
/// Bounds what a Liquid template can cost. Fluid's step limit counts statements and loop iterations,
/// but a range such as <c>(1..100000000)</c> is materialised before the loop starts and
/// <c>append</c> can double a string on every step, so both are checked here, and so is the output length.
/// Fluid's parser and renderer recurse once per nested block, bracket and filter, and a few thousand levels
/// overflow the stack and kill the process, so nesting is measured on the text before Fluid sees it.
/// </summary>
internal static class LiquidSandbox
{
    public const int MaxBlockDepth = 48;
    public const int MaxBracketDepth = 24;
    public const int MaxFiltersPerTag = 48;

    private static readonly HashSet<string> BlockTags = new(StringComparer.Ordinal)
    {
        "if", "unless", "for", "case", "capture", "tablerow", "comment", "raw", "macro", "ifchanged", "paginate", "doc",
    };

    /// <summary>Returns why the template nests too deeply for Fluid to parse and render safely, or null.</summary>
    /// <remarks>
    /// A lexical over-estimate: it looks only inside <c>{{ }}</c> and <c>{% %}</c> (and each line of a
    /// <c>{% liquid %}</c> tag), skips quoted strings, and counts block tags, <c>(</c>/<c>[</c> and filters.
    /// </remarks>
    public static string? CheckNesting(string template)
    {
        var blockDepth = 0;
        var position = 0;
        while (true)
        {
            var start = template.IndexOf('{', position);
            if (start < 0 || start + 1 >= template.Length)
            {
                return null;
            }

            var kind = template[start + 1];
            if (kind is not ('{' or '%'))
            {
                position = start + 1;
                continue;
            }

            var close = kind == '{' ? "}}" : "%}";
            var end = FindMarkupEnd(template, start + 2, close);
            var markup = template.AsSpan(start + 2, end - start - 2);
            position = Math.Min(end + 2, template.Length);

            var error = kind == '%' ? CheckTag(markup, ref blockDepth) : CheckExpression(markup);
            if (error is not null)
            {
                return error;
            }
        }
    }

    private static int FindMarkupEnd(string template, int from, string close)
    {
        var quote = '\0';
        for (var i = from; i < template.Length; i++)
        {
            var c = template[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == close[0] && i + 1 < template.Length && template[i + 1] == close[1])
            {
                return i;
            }
        }

        return template.Length;
    }

    private static string? CheckTag(ReadOnlySpan<char> markup, ref int blockDepth)
    {
        var name = TagName(markup, out var rest);
        if (name.SequenceEqual("liquid"))
        {
            // Each line of a {% liquid %} tag is a tag of its own.
            foreach (var line in rest.EnumerateLines())
            {
                var error = CheckTagLine(line, ref blockDepth);
                if (error is not null)
                {
                    return error;
                }
            }

            return null;
        }

        return CheckTagLine(markup, ref blockDepth);
    }

    private static string? CheckTagLine(ReadOnlySpan<char> markup, ref int blockDepth)
    {
        var name = TagName(markup, out _);
        if (name.StartsWith("end", StringComparison.Ordinal))
        {
            blockDepth = Math.Max(0, blockDepth - 1);
        }
        else if (BlockTags.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name) && ++blockDepth > MaxBlockDepth)
        {
            return $"Liquid template nests blocks more than {MaxBlockDepth} deep.";
        }

        return CheckExpression(markup);
    }

    private static ReadOnlySpan<char> TagName(ReadOnlySpan<char> markup, out ReadOnlySpan<char> rest)
    {
        var trimmed = markup.TrimStart('-').TrimStart();
        var length = 0;
        while (length < trimmed.Length && (char.IsAsciiLetterOrDigit(trimmed[length]) || trimmed[length] == '_'))
        {
            length++;
        }

        rest = trimmed[length..];
        return trimmed[..length];
    }

    private static string? CheckExpression(ReadOnlySpan<char> markup)
    {
        var depth = 0;
        var filters = 0;
        var quote = '\0';
        foreach (var c in markup)
        {
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
                continue;
            }

            switch (c)
            {
                case '\'' or '"':
                    quote = c;
                    break;
                case '(' or '[' when ++depth > MaxBracketDepth:
                    return $"Liquid template nests brackets more than {MaxBracketDepth} deep.";
                case ')' or ']':
                    depth = Math.Max(0, depth - 1);
                    break;
                case '|' when ++filters > MaxFiltersPerTag:
                    return $"Liquid template chains more than {MaxFiltersPerTag} filters in one tag.";
                case '\n':
                    // Lines of a {% liquid %} tag are separate tags.
                    filters = 0;
                    break;
            }
        }

        return null;
    }

    public static IFluidTemplate GuardRanges(IFluidTemplate template, int maxRangeLength) =>
        new RangeGuard(maxRangeLength).VisitTemplate(template);

    public static void AddBoundedStringFilters(TemplateOptions options, int maxTextLength)
    {
        options.Filters.AddFilter("append", (input, arguments, _) =>
            Concatenate(input.ToStringValue(), arguments.At(0).ToStringValue(), maxTextLength));
        options.Filters.AddFilter("prepend", (input, arguments, _) =>
            Concatenate(arguments.At(0).ToStringValue(), input.ToStringValue(), maxTextLength));
    }

    private static ValueTask<FluidValue> Concatenate(string first, string second, int maxTextLength)
    {
        if ((long)first.Length + second.Length > maxTextLength)
        {
            throw new ExpressionException($"Liquid text would exceed the limit of {maxTextLength:N0} characters.");
        }

        return new ValueTask<FluidValue>(new StringValue(first + second));
    }

    private sealed class RangeGuard(int maxRangeLength) : AstRewriter
    {
        protected override Expression VisitRangeExpression(RangeExpression rangeExpression) =>
            new BoundedRangeExpression(rangeExpression, maxRangeLength);
    }

    private sealed class BoundedRangeExpression(RangeExpression range, int maxLength) : Expression
    {
        public override async ValueTask<FluidValue> EvaluateAsync(TemplateContext context)
        {
            var from = (await range.From.EvaluateAsync(context).ConfigureAwait(false)).ToNumberValue();
            var to = (await range.To.EvaluateAsync(context).ConfigureAwait(false)).ToNumberValue();
            if (to - from + 1 > maxLength)
            {
                throw new ExpressionException(
                    $"Liquid range ({from.ToString(CultureInfo.InvariantCulture)}..{to.ToString(CultureInfo.InvariantCulture)}) is longer than the limit of {maxLength:N0}.");
            }

            return await range.EvaluateAsync(context).ConfigureAwait(false);
        }
    }
}

/// <summary>Collects rendered text and stops the render once it grows past a limit.</summary>
internal sealed class BoundedStringWriter(int maxLength) : StringWriter(CultureInfo.InvariantCulture)
{
    public override void Write(char value)
    {
        Reserve(1);
        base.Write(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        Reserve(count);
        base.Write(buffer, index, count);
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        Reserve(buffer.Length);
        base.Write(buffer);
    }

    public override void Write(string? value)
    {
        Reserve(value?.Length ?? 0);
        base.Write(value);
    }

    public override void Write(StringBuilder? value)
    {
        Reserve(value?.Length ?? 0);
        base.Write(value);
    }

    public override Task WriteAsync(char value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(char[] buffer, int index, int count)
    {
        Write(buffer, index, count);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return Task.CompletedTask;
    }

    private void Reserve(int count)
    {
        if ((long)GetStringBuilder().Length + count > maxLength)
        {
            throw new ExpressionException($"Liquid output would exceed the limit of {maxLength:N0} characters.");
        }
    }
}
