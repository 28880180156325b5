using Governance.Domain.Organizations;
using Governance.Domain.Tests.Builders;
using Governance.Domain.Tests.Support;

namespace Governance.Domain.Tests.Organizations;

public sealed class UnifiedSocialCreditCodeTests
{
    private const string InvalidCode = "organization.invalid-credit-code";
    private const string Field = "creditCode";

    // GB 32100-2015, written out here independently of the domain so the two can disagree.
    private const string ReferenceAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] _referenceWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    // Published codes of real organizations; each was checked with the algorithm above before use.
    public static TheoryData<string> PublishedCodes => new()
    {
        "91350100M000100Y43",
        "91110000802100433B",
        "91110108717743469K",
        "914403001922038216",
        "9144030071526726XG",
        "91330100716105852F",
        "91110000100017643K",
        "11100000000013127D",
    };

    public static TheoryData<string> LastCharacterMutations
    {
        get
        {
            var data = new TheoryData<string>();
            const string valid = "91350100M000100Y43";
            foreach (var candidate in ReferenceAlphabet.Where(c => c != valid[^1]))
            {
                data.Add(valid[..^1] + candidate);
            }

            return data;
        }
    }

    public static TheoryData<int, char> SingleSubstitutionsInPayload
    {
        get
        {
            var data = new TheoryData<int, char>();
            const string valid = "91110000802100433B";
            for (var position = 0; position < 17; position++)
            {
                foreach (var candidate in ReferenceAlphabet.Where(c => c != valid[position]))
                {
                    data.Add(position, candidate);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(PublishedCodes))]
    public void Parse_PublishedCode_Accepted(string published)
    {
        var code = UnifiedSocialCreditCode.Parse(published);

        Assert.Equal(published, code.Value);
    }

    [Theory]
    [MemberData(nameof(PublishedCodes))]
    public void CheckCharacter_PublishedCode_MatchesReferenceAlgorithmAndPublishedCheck(string published)
    {
        var check = UnifiedSocialCreditCode.CheckCharacter(published.AsSpan(0, 17));

        Assert.Equal(ReferenceCheckCharacter(published[..17]), check);
        Assert.Equal(published[17], check);
    }

    [Theory]
    [InlineData("91350100M000100Y4", '3')]
    [InlineData("91110000802100433", 'B')]
    [InlineData("00000000000000000", '0')]
    public void CheckCharacter_KnownPayload_ReturnsExpectedCheck(string first17, char expected)
    {
        Assert.Equal(expected, UnifiedSocialCreditCode.CheckCharacter(first17));
    }

    [Fact]
    public void CheckCharacter_CheckValueThirty_ReturnsY()
    {
        // The highest check value maps to the last symbol of the alphabet: a payload whose weighted sum is 1 mod 31.
        var check = UnifiedSocialCreditCode.CheckCharacter("10000000000000000");

        Assert.Equal('Y', check);
    }

    [Theory]
    [InlineData("")]
    [InlineData("9135010")]
    [InlineData("9135010000000000000")]
    public void CheckCharacter_NotSeventeenCharacters_Throws(string first)
    {
        Assert.Throws<ArgumentException>(() => UnifiedSocialCreditCode.CheckCharacter(first));
    }

    [Fact]
    public void CheckCharacter_CharacterOutsideAlphabet_Throws()
    {
        Assert.Throws<ArgumentException>(() => UnifiedSocialCreditCode.CheckCharacter("91350100I00010000"));
    }

    [Theory]
    [InlineData("91350100m000100y43")]
    [InlineData("  91350100M000100Y43  ")]
    [InlineData("\t91350100m000100Y43\n")]
    public void Parse_LowerCaseOrSurroundingWhitespace_AcceptedAndNormalised(string input)
    {
        var code = UnifiedSocialCreditCode.Parse(input);

        Assert.Equal("91350100M000100Y43", code.Value);
        Assert.Equal("91350100M000100Y43", code.ToString());
    }

    [Fact]
    public void Parse_SameCodeDifferentSpelling_EqualValues()
    {
        var upper = UnifiedSocialCreditCode.Parse("9144030071526726XG");
        var lower = UnifiedSocialCreditCode.Parse(" 9144030071526726xg");

        Assert.Equal(upper, lower);
    }

    [Fact]
    public void Parse_GeneratedByBuilder_Accepted()
    {
        var generated = Build.CreditCode("91350100MA2XYW001");

        var code = UnifiedSocialCreditCode.Parse(generated);

        Assert.Equal(generated, code.Value);
        Assert.Equal(ReferenceCheckCharacter(generated[..17]), generated[17]);
    }

    [Theory]
    [InlineData("91350100M000100Y4")]
    [InlineData("9135010")]
    [InlineData("9")]
    public void Parse_TooShort_Rejected(string input)
    {
        Expect.Violation(() => UnifiedSocialCreditCode.Parse(input), InvalidCode, Field);
    }

    [Theory]
    [InlineData("91350100M000100Y430")]
    [InlineData("91350100M000100Y43 91350100M000100Y43")]
    public void Parse_TooLong_Rejected(string input)
    {
        Expect.Violation(() => UnifiedSocialCreditCode.Parse(input), InvalidCode, Field);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_NullOrEmpty_Rejected(string? input)
    {
        Expect.Violation(() => UnifiedSocialCreditCode.Parse(input), InvalidCode, Field);
    }

    [Theory]
    [InlineData('I')]
    [InlineData('O')]
    [InlineData('Z')]
    [InlineData('S')]
    [InlineData('V')]
    [InlineData('i')]
    [InlineData('o')]
    [InlineData('z')]
    [InlineData('s')]
    [InlineData('v')]
    public void Parse_ForbiddenLetter_Rejected(char letter)
    {
        var inPayload = "91350100" + letter + "000100Y43";
        var asCheck = "91350100M000100Y4" + letter;

        Expect.Violation(() => UnifiedSocialCreditCode.Parse(inPayload), InvalidCode, Field);
        Expect.Violation(() => UnifiedSocialCreditCode.Parse(asCheck), InvalidCode, Field);
    }

    [Theory]
    [InlineData("91350100-000100Y43")]
    [InlineData("91350100 000100Y43")]
    [InlineData("91350100中000100Y43")]
    [InlineData("福建省福州市某某科技有限公司注册号码")]
    [InlineData("９1350100M000100Y43")]
    [InlineData("91350100M000100Y4３")]
    [InlineData("91350100M000100Y4_")]
    public void Parse_NonAlphanumericOrNonAsciiCharacter_Rejected(string input)
    {
        Expect.Violation(() => UnifiedSocialCreditCode.Parse(input), InvalidCode, Field);
    }

    [Theory]
    [InlineData("91350100M000100Y44")]
    [InlineData("91110000802100433A")]
    [InlineData("914403001922038215")]
    public void Parse_WrongCheckCharacter_Rejected(string input)
    {
        Expect.Violation(() => UnifiedSocialCreditCode.Parse(input), InvalidCode, Field);
    }

    [Theory]
    [MemberData(nameof(LastCharacterMutations))]
    public void Parse_LastCharacterReplacedByAnyOtherSymbol_Rejected(string mutated)
    {
        Expect.Violation(() => UnifiedSocialCreditCode.Parse(mutated), InvalidCode, Field);
    }

    [Theory]
    [MemberData(nameof(SingleSubstitutionsInPayload))]
    public void Parse_AnySinglePayloadCharacterChanged_Rejected(int position, char replacement)
    {
        var chars = "91110000802100433B".ToCharArray();
        chars[position] = replacement;

        Expect.Violation(() => UnifiedSocialCreditCode.Parse(new string(chars)), InvalidCode, Field);
    }

    [Fact]
    public void TryParse_ValidCode_ReturnsCode()
    {
        var parsed = UnifiedSocialCreditCode.TryParse("91330100716105852f", out var code);

        Assert.True(parsed);
        Assert.Equal("91330100716105852F", code?.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("91330100716105852G")]
    [InlineData("9133010071610585")]
    public void TryParse_InvalidCode_ReturnsFalseAndNull(string? input)
    {
        var parsed = UnifiedSocialCreditCode.TryParse(input, out var code);

        Assert.False(parsed);
        Assert.Null(code);
    }

    private static char ReferenceCheckCharacter(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += ReferenceAlphabet.IndexOf(first17[i], StringComparison.Ordinal) * _referenceWeights[i];
        }

        return ReferenceAlphabet[(31 - (sum % 31)) % 31];
    }
}
