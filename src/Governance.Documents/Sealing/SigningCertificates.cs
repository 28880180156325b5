using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Governance.Documents.Sealing;

/// <summary>Loads the platform's sealing certificate, or makes and keeps a self-signed one for development.</summary>
public static class SigningCertificates
{
    public static X509Certificate2 Load(string path, string? password)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The sealing certificate '{path}' does not exist.", path);
        }

        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new InvalidOperationException($"The sealing certificate '{path}' has no private key.");
        }

        return certificate;
    }

    /// <summary>Loads <paramref name="path"/> if it exists, otherwise creates a self-signed certificate there.</summary>
    public static X509Certificate2 LoadOrCreateSelfSigned(string path, string subject, TimeProvider time)
    {
        if (File.Exists(path))
        {
            return Load(path, password: null);
        }

        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        var now = time.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllBytes(path, created.Export(X509ContentType.Pfx));
        return Load(path, password: null);
    }
}
