namespace Governance.Server.Hardening;

/// <summary>Endpoint metadata naming the Content-Security-Policy of its pages instead of the API's default.</summary>
public sealed record ContentSecurityPolicyMetadata(string Policy);
