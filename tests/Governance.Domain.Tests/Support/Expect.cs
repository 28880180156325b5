using Governance.Domain.Common;

namespace Governance.Domain.Tests.Support;

/// <summary>Asserts that an action breaks a domain rule, by its stable code (and field, where one is named).</summary>
internal static class Expect
{
    public static DomainRuleViolation Violation(Action act, string code, string? field = null)
    {
        var violation = Assert.Throws<DomainRuleViolation>(act);
        return Check(violation, code, field);
    }

    public static DomainRuleViolation Violation(Func<object?> act, string code, string? field = null)
    {
        var violation = Assert.Throws<DomainRuleViolation>(act);
        return Check(violation, code, field);
    }

    private static DomainRuleViolation Check(DomainRuleViolation violation, string code, string? field)
    {
        Assert.Equal(code, violation.Code);
        if (field is not null)
        {
            Assert.Equal(field, violation.Field);
        }

        return violation;
    }
}
