namespace Governance.Domain.Common;

internal static class Guard
{
    public static string Text(string? value, string field, int maxLength, string codePrefix)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new DomainRuleViolation($"{codePrefix}.{field}-required", $"{field} is required.", field);
        }

        if (trimmed.Length > maxLength)
        {
            throw new DomainRuleViolation(
                $"{codePrefix}.{field}-too-long", $"{field} must be at most {maxLength} characters.", field);
        }

        return trimmed;
    }

    public static string? OptionalText(string? value, string field, int maxLength, string codePrefix)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return Text(trimmed, field, maxLength, codePrefix);
    }

    public static DateTimeOffset Utc(DateTimeOffset value) => value.ToUniversalTime();

    public static void Defined<TEnum>(TEnum value, string field, string codePrefix)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw new DomainRuleViolation($"{codePrefix}.invalid-{field}", $"{value} is not a valid {field}.", field);
        }
    }
}
