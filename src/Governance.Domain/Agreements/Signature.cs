using Governance.Domain.Common;

namespace Governance.Domain.Agreements;

public enum SignatureOutcome
{
    Signed,
    Declined,
}

/// <summary>The fresh proof a signer gave at the moment of signing (step-up).</summary>
public enum AuthenticationMethod
{
    EmailOneTimeCode,
    PasswordReentry,
}

/// <summary>Who acts for which party, with what proof, from where.</summary>
public sealed record SigningRequest(
    OrganizationId OrganizationId,
    PersonId SignerId,
    string SignerRole,
    string DocumentSha256,
    AuthenticationMethod Method,
    string? IpAddress,
    string? UserAgent,
    PersonId? OnBehalfOfId = null);

/// <summary>A signature or a declined signature, kept forever with the evidence of who and how.</summary>
public sealed class Signature
{
    private Signature(SigningRequest request, SignatureOutcome outcome, string? declinedReason, DateTimeOffset at)
    {
        Guard.Defined(request.Method, "method", "agreement");
        Id = Guid.CreateVersion7();
        OrganizationId = request.OrganizationId;
        SignerId = request.SignerId;
        OnBehalfOfId = request.OnBehalfOfId;
        SignerRole = Guard.Text(request.SignerRole, "signerRole", 100, "agreement");
        DocumentSha256 = Sha256Hex.Require(request.DocumentSha256, "documentSha256", "agreement");
        Method = request.Method;
        IpAddress = Guard.OptionalText(request.IpAddress, "ipAddress", 64, "agreement");
        UserAgent = Truncate(request.UserAgent, 512);
        Outcome = outcome;
        DeclinedReason = declinedReason;
        At = at;
    }

    private Signature()
    {
        SignerRole = string.Empty;
        DocumentSha256 = string.Empty;
    }

    public Guid Id { get; private set; }

    public OrganizationId OrganizationId { get; private set; }

    public PersonId SignerId { get; private set; }

    /// <summary>Set when a recorded delegate signs: shown as "signer on behalf of this person".</summary>
    public PersonId? OnBehalfOfId { get; private set; }

    public string SignerRole { get; private set; }

    public string DocumentSha256 { get; private set; }

    public AuthenticationMethod Method { get; private set; }

    public string? IpAddress { get; private set; }

    public string? UserAgent { get; private set; }

    public SignatureOutcome Outcome { get; private set; }

    public string? DeclinedReason { get; private set; }

    public DateTimeOffset At { get; private set; }

    internal static Signature Signed(SigningRequest request, DateTimeOffset at) => new(request, SignatureOutcome.Signed, null, at);

    internal static Signature Declined(SigningRequest request, string reason, DateTimeOffset at) =>
        new(request, SignatureOutcome.Declined, reason, at);

    private static string? Truncate(string? value, int max) =>
        value is null ? null : value.Length <= max ? value : value[..max];
}
