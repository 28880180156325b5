using System.Text;

namespace Governance.Documents.Templates;

/// <summary>Escapes data so that Markdown shows it literally, on one line (so it cannot break a table row).</summary>
public static class MarkdownText
{
    private const string Special = "\\`*_{}[]<>()#+-.!|~:&";

    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\r' or '\n' or '\t')
            {
                builder.Append(' ');
            }
            else
            {
                if (Special.Contains(c, StringComparison.Ordinal))
                {
                    builder.Append('\\');
                }

                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
