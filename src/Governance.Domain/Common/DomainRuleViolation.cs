namespace Governance.Domain.Common;

/// <summary>
/// A business rule was broken. <see cref="Code"/> is stable (clients and tests match on it);
/// <see cref="Field"/> names the offending input where there is one.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Naming", "CA1710", Justification = "The domain's own name for a broken rule (STYLE.md), used across layers.")]
public sealed class DomainRuleViolation : Exception
{
    public DomainRuleViolation(string code, string message, string? field = null)
        : base(message)
    {
        Code = code;
        Field = field;
    }

    public DomainRuleViolation()
        : this("domain.rule-violation", "A domain rule was violated.")
    {
    }

    public DomainRuleViolation(string message)
        : this("domain.rule-violation", message)
    {
    }

    public DomainRuleViolation(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "domain.rule-violation";
    }

    public string Code { get; } = "domain.rule-violation";

    public string? Field { get; }
}
