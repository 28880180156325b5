using System.Security.Cryptography.X509Certificates;
using Governance.Documents.Model;
using Governance.Documents.Rendering;
using Governance.Documents.Sealing;
using Governance.Documents.Tests.Support;

namespace Governance.Documents.Tests.Sealing;

public class PdfSealerTests
{
    private static readonly Lazy<X509Certificate2> Certificate = new(() =>
        SigningCertificates.LoadOrCreateSelfSigned(
            Path.Combine(Path.GetTempPath(), $"governance-seal-{Guid.NewGuid():N}.pfx"),
            "CN=Governance Platform Test Seal, O=Governance Platform", TimeProvider.System));

    private static byte[] Charter(int paragraphs)
    {
        var info = new DocumentInfo("辽宁省智能制造产教联盟章程", "LNZZ-2026-CH-002", "辽宁省智能制造产教联盟", "章程",
            "zh-CN", new DateTimeOffset(2026, 1, 10, 8, 0, 0, TimeSpan.Zero));
        var blocks = new List<DocumentBlock> { new HeadingBlock(1, [new TextRun("辽宁省智能制造产教联盟章程")]) };
        blocks.AddRange(Enumerable.Range(1, paragraphs).Select(i =>
            new ParagraphBlock([new TextRun($"第{i}条　联盟坚持政府推动、行业指导、学校企业双主体实施的原则，深化产教融合、校企合作。")])));
        return new PdfDocumentRenderer(Fonts.Set).Render(new DocumentContent(info, blocks)).Content;
    }

    private static byte[] Seal(byte[] pdf) =>
        new PdfSealer(Certificate.Value, TimeProvider.System).Seal(pdf, new SealInfo("联盟治理平台", "章程定稿 / Final charter", "辽宁省沈阳市"));

    [Fact]
    public void Seal_MultiPageDocument_PdfsigReportsTheSignatureValid()
    {
        var original = Charter(120);
        var sealedPdf = Seal(original);
        PdfProbe.SaveArtifact("sealed-charter", sealedPdf);

        var (exitCode, output) = PdfProbe.Signatures(sealedPdf);

        Assert.True(exitCode == 0, output);
        Assert.Contains("Signature Validation: Signature is Valid.", output, StringComparison.Ordinal);
        Assert.Contains("adbe.pkcs7.detached", output, StringComparison.Ordinal);
        Assert.Contains("Total document signed", output, StringComparison.Ordinal);
        Assert.Equal(original, sealedPdf[..original.Length]);
        Assert.True(PdfProbe.PageCount(sealedPdf) > 2);
        Assert.Equal(PdfProbe.PageTexts(original), PdfProbe.PageTexts(sealedPdf));
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.97)]
    public void Seal_OneByteChangedInsideTheSignedRange_PdfsigReportsTheSignatureInvalid(double position)
    {
        var sealedPdf = Seal(Charter(30));
        var tampered = (byte[])sealedPdf.Clone();
        var index = (int)(tampered.Length * position);
        var contents = System.Text.Encoding.Latin1.GetString(tampered).IndexOf("/Contents <", StringComparison.Ordinal);
        if (index >= contents && index < contents + 24_100)
        {
            index = contents - 20;
        }

        tampered[index] ^= 0x01;

        var (_, output) = PdfProbe.Signatures(tampered);

        Assert.DoesNotContain("Signature is Valid.", output, StringComparison.Ordinal);
        Assert.Contains("Signature Validation:", output, StringComparison.Ordinal);
    }
}
