using System.Security.Cryptography.X509Certificates;
using Governance.Documents.Sealing;
using Microsoft.Extensions.Options;

namespace Governance.Server.Features.Documents;

/// <summary>
/// The platform's sealing certificate: the configured PFX, or in Development/Testing a self-signed one
/// created once and kept under the content root so every sealed document of an installation shares it.
/// </summary>
public sealed class PlatformSeal(IOptions<DocumentOptions> options, IHostEnvironment environment, TimeProvider time) : IDisposable
{
    private readonly Lock _gate = new();
    private X509Certificate2? _certificate;

    public PdfSealer Sealer() => new(Certificate(), time);

    public X509Certificate2 Certificate()
    {
        lock (_gate)
        {
            return _certificate ??= Load();
        }
    }

    public void Dispose() => _certificate?.Dispose();

    private X509Certificate2 Load()
    {
        var configured = options.Value;
        if (!string.IsNullOrWhiteSpace(configured.SealCertificatePath))
        {
            return SigningCertificates.Load(Path.GetFullPath(configured.SealCertificatePath, environment.ContentRootPath), configured.SealCertificatePassword);
        }

        if (environment.IsDevelopment() || environment.IsEnvironment("Testing"))
        {
            return SigningCertificates.LoadOrCreateSelfSigned(
                Path.GetFullPath(configured.DevelopmentCertificatePath, environment.ContentRootPath),
                "CN=Governance Platform Development Seal, O=Governance Platform", time);
        }

        throw new InvalidOperationException(
            $"No sealing certificate: set {DocumentOptions.Section}:{nameof(DocumentOptions.SealCertificatePath)} (and its password) to the platform's PFX.");
    }
}
