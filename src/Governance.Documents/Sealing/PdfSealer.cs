using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;

namespace Governance.Documents.Sealing;

public sealed record SealInfo(string Name, string Reason, string Location);

/// <summary>
/// Seals a PDF with the platform's certificate: an incremental update (the original bytes stay untouched)
/// adds an invisible signature field on page 1, an AcroForm, and a signature dictionary whose /Contents is a
/// detached CMS (SHA-256) over the /ByteRange — everything but the /Contents value. Any later change to the
/// signed bytes is reported by ordinary PDF readers. Written for the classic xref tables Skia produces.
/// </summary>
public sealed partial class PdfSealer(X509Certificate2 certificate, TimeProvider time)
{
    /// <summary>Bytes reserved for the CMS; a certificate chain of a few certificates fits.</summary>
    private const int ContentsCapacity = 12_000;
    private const string ByteRangePlaceholder = "[0 0000000000 0000000000 0000000000]";

    public X509Certificate2 Certificate => certificate;

    public byte[] Seal(byte[] pdf, SealInfo info)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        ArgumentNullException.ThrowIfNull(info);
        var text = Encoding.Latin1.GetString(pdf);
        var startXref = StartXref().Matches(text) is { Count: > 0 } matches
            ? long.Parse(matches[^1].Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidDataException("The PDF has no startxref.");
        var trailerMatch = Trailer().Matches(text) is { Count: > 0 } trailers ? trailers[^1] : throw new InvalidDataException("The PDF has no trailer (cross-reference streams are not supported).");
        var trailer = trailerMatch.Groups[1].Value;
        var size = int.Parse(Required(SizeEntry(), trailer, "/Size"), CultureInfo.InvariantCulture);
        var root = Reference(trailer, "Root") ?? throw new InvalidDataException("The trailer names no /Root.");
        var infoRef = Reference(trailer, "Info");

        var catalog = ObjectDictionary(text, root);
        if (catalog.Contains("/AcroForm", StringComparison.Ordinal))
        {
            throw new InvalidDataException("The PDF already has a form; sealing such a PDF is not supported.");
        }

        var page = FirstPage(text, catalog);
        var pageDictionary = ObjectDictionary(text, page);

        var field = size;
        var signature = size + 1;
        var form = size + 2;
        var offsets = new SortedDictionary<int, (long Offset, int Generation)>();
        var update = new MemoryStream();
        var baseOffset = (long)pdf.Length;

        void Write(string s) => update.Write(Encoding.Latin1.GetBytes(s));
        void Object(int number, int generation, string body)
        {
            offsets[number] = (baseOffset + update.Length, generation);
            Write(string.Create(CultureInfo.InvariantCulture, $"{number} {generation} obj\n{body}\nendobj\n"));
        }

        Write("\n");
        Object(root.Number, root.Generation, Insert(catalog, string.Create(CultureInfo.InvariantCulture, $"/AcroForm {form} 0 R")));
        Object(page.Number, page.Generation, AddAnnotation(pageDictionary, field));
        Object(field, 0, string.Create(CultureInfo.InvariantCulture,
            $"<</Type /Annot /Subtype /Widget /FT /Sig /F 132 /Rect [0 0 0 0] /T {PdfText("PlatformSeal")} /V {signature} 0 R /P {page.Number} {page.Generation} R>>"));

        var signedAt = time.GetUtcNow();
        var sigHeader = "<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached\n/ByteRange ";
        offsets[signature] = (baseOffset + update.Length, 0);
        Write(string.Create(CultureInfo.InvariantCulture, $"{signature} 0 obj\n{sigHeader}"));
        var byteRangeAt = baseOffset + update.Length;
        Write(ByteRangePlaceholder);
        Write("\n/Contents ");
        var contentsAt = baseOffset + update.Length;
        Write("<" + new string('0', ContentsCapacity * 2) + ">");
        var contentsEnd = baseOffset + update.Length;
        Write(string.Create(CultureInfo.InvariantCulture,
            $"\n/M {PdfText(signedAt.ToString("'D:'yyyyMMddHHmmss'Z'", CultureInfo.InvariantCulture))} /Name {PdfText(info.Name)} /Reason {PdfText(info.Reason)} /Location {PdfText(info.Location)}>>\nendobj\n"));
        Object(form, 0, string.Create(CultureInfo.InvariantCulture, $"<</Fields [{field} 0 R] /SigFlags 3>>"));

        var xrefAt = baseOffset + update.Length;
        var xref = new StringBuilder("xref\n");
        var numbers = offsets.Keys.ToList();
        for (var i = 0; i < numbers.Count;)
        {
            var run = 1;
            while (i + run < numbers.Count && numbers[i + run] == numbers[i] + run)
            {
                run++;
            }

            xref.Append(CultureInfo.InvariantCulture, $"{numbers[i]} {run}\n");
            for (var k = i; k < i + run; k++)
            {
                xref.Append(CultureInfo.InvariantCulture, $"{offsets[numbers[k]].Offset:D10} {offsets[numbers[k]].Generation:D5} n\r\n");
            }

            i += run;
        }

        xref.Append(CultureInfo.InvariantCulture, $"trailer\n<</Size {size + 3} /Root {root.Number} {root.Generation} R");
        if (infoRef is { } infoObject)
        {
            xref.Append(CultureInfo.InvariantCulture, $" /Info {infoObject.Number} {infoObject.Generation} R");
        }

        xref.Append(CultureInfo.InvariantCulture, $" /Prev {startXref}>>\nstartxref\n{xrefAt}\n%%EOF\n");
        Write(xref.ToString());

        var result = new byte[pdf.Length + update.Length];
        pdf.CopyTo(result, 0);
        update.ToArray().CopyTo(result, pdf.Length);

        var total = result.LongLength;
        var byteRange = string.Create(CultureInfo.InvariantCulture, $"[0 {contentsAt} {contentsEnd} {total - contentsEnd}]").PadRight(ByteRangePlaceholder.Length);
        Encoding.Latin1.GetBytes(byteRange).CopyTo(result, byteRangeAt);

        var signed = new byte[contentsAt + (total - contentsEnd)];
        Array.Copy(result, 0, signed, 0, contentsAt);
        Array.Copy(result, contentsEnd, signed, contentsAt, total - contentsEnd);
        var cms = Sign(signed, signedAt);
        if (cms.Length > ContentsCapacity)
        {
            throw new InvalidOperationException($"The signature ({cms.Length} bytes) exceeds the {ContentsCapacity} bytes reserved for it.");
        }

        Encoding.Latin1.GetBytes(Convert.ToHexString(cms)).CopyTo(result, contentsAt + 1);
        return result;
    }

    private byte[] Sign(byte[] data, DateTimeOffset signedAt)
    {
        var cms = new SignedCms(new ContentInfo(data), detached: true);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, certificate)
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"),
            IncludeOption = X509IncludeOption.WholeChain,
        };
        signer.SignedAttributes.Add(new Pkcs9SigningTime(signedAt.UtcDateTime));
        cms.ComputeSignature(signer, silent: true);
        return cms.Encode();
    }

    private readonly record struct ObjectRef(int Number, int Generation);

    private static string Required(Regex regex, string text, string name) =>
        regex.Match(text) is { Success: true } match ? match.Groups[1].Value : throw new InvalidDataException($"The trailer has no {name}.");

    private static ObjectRef? Reference(string dictionary, string key)
    {
        var match = Regex.Match(dictionary, $@"/{key}\s+(\d+)\s+(\d+)\s+R", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return match.Success
            ? new ObjectRef(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture))
            : null;
    }

    /// <summary>The dictionary of the last definition of an object (later updates win).</summary>
    private static string ObjectDictionary(string text, ObjectRef reference)
    {
        var header = Regex.Matches(text, $@"(?:^|[\r\n]){reference.Number}\s+{reference.Generation}\s+obj\s*", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));
        if (header.Count == 0)
        {
            throw new InvalidDataException($"Object {reference.Number} is not in the PDF.");
        }

        var start = header[^1].Index + header[^1].Length;
        if (string.CompareOrdinal(text, start, "<<", 0, 2) != 0)
        {
            throw new InvalidDataException($"Object {reference.Number} is not a dictionary.");
        }

        var depth = 0;
        for (var i = start; i < text.Length - 1; i++)
        {
            if (text[i] == '<' && text[i + 1] == '<')
            {
                depth++;
                i++;
            }
            else if (text[i] == '>' && text[i + 1] == '>')
            {
                depth--;
                i++;
                if (depth == 0)
                {
                    return text[start..(i + 1)];
                }
            }
        }

        throw new InvalidDataException($"Object {reference.Number} has an unterminated dictionary.");
    }

    private static ObjectRef FirstPage(string text, string catalog)
    {
        var node = Reference(catalog, "Pages") ?? throw new InvalidDataException("The catalog has no /Pages.");
        for (var depth = 0; depth < 32; depth++)
        {
            var dictionary = ObjectDictionary(text, node);
            if (!PagesType().IsMatch(dictionary))
            {
                return node;
            }

            var kid = FirstKid().Match(dictionary);
            if (!kid.Success)
            {
                throw new InvalidDataException("A page tree node has no kids.");
            }

            node = new ObjectRef(int.Parse(kid.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(kid.Groups[2].Value, CultureInfo.InvariantCulture));
        }

        throw new InvalidDataException("The page tree is too deep.");
    }

    private static string Insert(string dictionary, string entry) => dictionary[..^2] + "\n" + entry + ">>";

    private static string AddAnnotation(string page, int field)
    {
        var reference = string.Create(CultureInfo.InvariantCulture, $"{field} 0 R");
        var annots = page.IndexOf("/Annots", StringComparison.Ordinal);
        if (annots < 0)
        {
            return Insert(page, $"/Annots [{reference}]");
        }

        var bracket = page.IndexOf('[', annots);
        if (bracket < 0 || page[(annots + 7)..bracket].Trim().Length > 0)
        {
            throw new InvalidDataException("Page annotations given by reference are not supported.");
        }

        return page[..(bracket + 1)] + reference + " " + page[(bracket + 1)..];
    }

    /// <summary>A PDF text string: UTF-16BE with a byte-order mark, in hex, so Chinese survives.</summary>
    private static string PdfText(string value) =>
        "<FEFF" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(value)) + ">";

    [GeneratedRegex(@"startxref\s+(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex StartXref();

    [GeneratedRegex(@"trailer\s*(<<.*?>>)\s*startxref", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Trailer();

    [GeneratedRegex(@"/Size\s+(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex SizeEntry();

    [GeneratedRegex(@"/Type\s*/Pages\b", RegexOptions.CultureInvariant)]
    private static partial Regex PagesType();

    [GeneratedRegex(@"/Kids\s*\[\s*(\d+)\s+(\d+)\s+R", RegexOptions.CultureInvariant)]
    private static partial Regex FirstKid();
}
