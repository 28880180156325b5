using Governance.Domain.Common;

namespace Governance.Domain.Organizations;

/// <summary>
/// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-symbol alphabet (digits and capital
/// letters without I, O, Z, S, V); the last one is a check character computed from the first 17.
/// </summary>
public sealed record UnifiedSocialCreditCode
{
    public const int Length = 18;

    internal const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    private UnifiedSocialCreditCode(string value) => Value = value;

    public string Value { get; }

    /// <summary>Parses a code, accepting surrounding white space and lower-case letters.</summary>
    public static UnifiedSocialCreditCode Parse(string? input)
    {
        const string field = "creditCode";
        var value = (input ?? string.Empty).Trim().ToUpperInvariant();
        if (value.Length != Length)
        {
            throw new DomainRuleViolation(
                "organization.invalid-credit-code",
                $"The unified social credit code must have {Length} characters; it has {value.Length}.",
                field);
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (Alphabet.IndexOf(value[i], StringComparison.Ordinal) < 0)
            {
                throw new DomainRuleViolation(
                    "organization.invalid-credit-code",
                    $"Character {i + 1} ('{value[i]}') is not allowed in a unified social credit code.",
                    field);
            }
        }

        var expected = CheckCharacter(value.AsSpan(0, Length - 1));
        if (value[Length - 1] != expected)
        {
            throw new DomainRuleViolation(
                "organization.invalid-credit-code",
                "The check character of the unified social credit code does not match (GB 32100-2015).",
                field);
        }

        return new UnifiedSocialCreditCode(value);
    }

    public static bool TryParse(string? input, out UnifiedSocialCreditCode? code)
    {
        try
        {
            code = Parse(input);
            return true;
        }
        catch (DomainRuleViolation)
        {
            code = null;
            return false;
        }
    }

    /// <summary>The check character for the first 17 characters (which must be from the alphabet).</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != Length - 1)
        {
            throw new ArgumentException("Exactly 17 characters are needed.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            var index = Alphabet.IndexOf(first17[i]);
            if (index < 0)
            {
                throw new ArgumentException($"'{first17[i]}' is not in the code alphabet.", nameof(first17));
            }

            sum += index * Weights[i];
        }

        var check = (31 - (sum % 31)) % 31;
        return Alphabet[check];
    }

    public override string ToString() => Value;
}
