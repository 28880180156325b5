namespace Governance.Server.Features.Documents;

public sealed class DocumentOptions
{
    public const string Section = "Documents";

    /// <summary>Folder of the shipped templates; relative paths are under the application's base directory.</summary>
    public string TemplatesFolder { get; set; } = Path.Combine("Templates", "Documents");

    /// <summary>Font families to try, in order (fontconfig names). Empty = the Noto CJK defaults.</summary>
    public List<string> BodyFamilies { get; set; } = [];

    public List<string> HeadingFamilies { get; set; } = [];

    /// <summary>PFX (PKCS #12) of the platform's sealing certificate; required outside Development/Testing.</summary>
    public string? SealCertificatePath { get; set; }

    /// <summary>Its password; put it in user secrets or the environment, never in appsettings.json.</summary>
    public string? SealCertificatePassword { get; set; }

    /// <summary>Where Development/Testing keep the self-signed certificate they create (under the content root).</summary>
    public string DevelopmentCertificatePath { get; set; } = Path.Combine("data", "signing", "development-seal.pfx");

    /// <summary>Largest PDF accepted by the public verification upload.</summary>
    public long MaxVerificationUploadBytes { get; set; } = 50L * 1024 * 1024;
}
