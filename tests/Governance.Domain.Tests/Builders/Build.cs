using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Governance.Domain.Common;
using Governance.Domain.Organizations;
using Governance.Domain.People;
using Microsoft.Extensions.Time.Testing;

namespace Governance.Domain.Tests.Builders;

/// <summary>Test data builders: valid objects by default, with only what a test cares about passed in.</summary>
internal static partial class Build
{
    /// <summary>A fixed "now" in China Standard Time, so UTC normalisation is visible.</summary>
    public static readonly DateTimeOffset Now = new(2025, 3, 3, 9, 30, 0, TimeSpan.FromHours(8));

    private static long _sequence;

    public static FakeTimeProvider Clock() => new(Now);

    /// <summary>A valid unified social credit code: the 17 given characters and their check character.</summary>
    public static string CreditCode(string first17) => first17 + UnifiedSocialCreditCode.CheckCharacter(first17);

    /// <summary>A fresh valid code (enterprise registered in Fuzhou), unique within the test run.</summary>
    public static string CreditCode() =>
        CreditCode("913501" + Next().ToString("D11", CultureInfo.InvariantCulture));

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static Organization Organization(
        OrganizationKind kind = OrganizationKind.Enterprise,
        CreditStatus creditStatus = CreditStatus.Good,
        string? name = null)
    {
        var organization = new Organization(
            OrganizationId.New(),
            kind,
            name ?? $"{kind} {Next()}",
            UnifiedSocialCreditCode.Parse(CreditCode()),
            "福建省福州市",
            "张三",
            Now);
        if (creditStatus != CreditStatus.Good)
        {
            organization.ChangeCreditStatus(creditStatus, "列入失信名单", Now);
        }

        return organization;
    }

    public static Organization School() => Organization(OrganizationKind.VocationalSchool);

    public static Organization Enterprise() => Organization(OrganizationKind.Enterprise);

    public static Organization GovernmentAgency() => Organization(OrganizationKind.GovernmentAgency);

    public static Person Person(string? email = null) =>
        new(PersonId.New(), "李四", email ?? $"person{Next()}@example.cn", null, PreferredLanguage.ZhCn, Now);

    public static PersonId[] People(int count) => Enumerable.Range(0, count).Select(_ => PersonId.New()).ToArray();

    private static long Next() => Interlocked.Increment(ref _sequence);
}
