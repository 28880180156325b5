namespace Governance.Domain.Common;

/// <summary>A SHA-256 digest as 64 lower-case hex characters, the form every stored hash takes.</summary>
public static class Sha256Hex
{
    public static bool IsValid(string? value) =>
        value is { Length: 64 } && value.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F'));

    public static string Require(string? value, string field, string codePrefix) =>
        IsValid(value)
            ? value!.ToLowerInvariant()
            : throw new DomainRuleViolation($"{codePrefix}.invalid-sha256", $"{field} must be a SHA-256 digest in hex.", field);
}
