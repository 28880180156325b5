using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Governance.Server.Tests.Email;

/// <summary>A self-signed certificate for 127.0.0.1 written as PEM files for aiosmtpd.</summary>
internal sealed class RelayCertificate : IDisposable
{
    private readonly string _folder;

    private RelayCertificate(string folder, string sha256)
    {
        _folder = folder;
        Sha256 = sha256;
    }

    public string CertificateFile => Path.Combine(_folder, "relay.crt");

    public string KeyFile => Path.Combine(_folder, "relay.key");

    public string Sha256 { get; }

    public static RelayCertificate Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=relay.test", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var folder = Path.Combine(Path.GetTempPath(), "governance-smtp-tls", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var created = new RelayCertificate(folder, Convert.ToHexString(SHA256.HashData(certificate.RawData)));
        File.WriteAllText(created.CertificateFile, certificate.ExportCertificatePem());
        File.WriteAllText(created.KeyFile, key.ExportPkcs8PrivateKeyPem());
        return created;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
