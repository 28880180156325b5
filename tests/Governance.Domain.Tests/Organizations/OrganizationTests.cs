using Governance.Domain.Common;
using Governance.Domain.Organizations;
using Governance.Domain.Tests.Builders;
using Governance.Domain.Tests.Support;

namespace Governance.Domain.Tests.Organizations;

public sealed class OrganizationTests
{
    [Fact]
    public void Constructor_ValidInput_StartsInGoodStandingWithUtcTimes()
    {
        var organization = new Organization(
            OrganizationId.New(), OrganizationKind.University, "  福州大学 ", UnifiedSocialCreditCode.Parse(Build.CreditCode("12350000488000151")),
            "福建省福州市", "王五", Build.Now);

        Assert.Equal("福州大学", organization.Name);
        Assert.Equal(CreditStatus.Good, organization.CreditStatus);
        Assert.Null(organization.CreditStatusReason);
        Assert.Equal(TimeSpan.Zero, organization.CreatedAt.Offset);
        Assert.Equal(Build.Now, organization.CreatedAt);
    }

    [Fact]
    public void Constructor_UndefinedKind_Rejected()
    {
        Expect.Violation(
            () => new Organization(
                OrganizationId.New(), (OrganizationKind)99, "某单位", UnifiedSocialCreditCode.Parse(Build.CreditCode()),
                "福州", "张三", Build.Now),
            "organization.invalid-kind",
            "kind");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Constructor_NameMissing_Rejected(string? name)
    {
        Expect.Violation(
            () => new Organization(
                OrganizationId.New(), OrganizationKind.Enterprise, name!, UnifiedSocialCreditCode.Parse(Build.CreditCode()),
                "福州", "张三", Build.Now),
            "organization.name-required",
            "name");
    }

    [Theory]
    [InlineData(CreditStatus.Warned, null)]
    [InlineData(CreditStatus.Warned, "")]
    [InlineData(CreditStatus.Barred, null)]
    [InlineData(CreditStatus.Barred, "   ")]
    public void ChangeCreditStatus_DowngradeWithoutReason_RejectedAndUnchanged(CreditStatus status, string? reason)
    {
        var organization = Build.Enterprise();
        var version = organization.Version;

        Expect.Violation(
            () => organization.ChangeCreditStatus(status, reason, Build.Now), "organization.credit-reason-required", "reason");

        Assert.Equal(CreditStatus.Good, organization.CreditStatus);
        Assert.Equal(version, organization.Version);
    }

    [Theory]
    [InlineData(CreditStatus.Warned)]
    [InlineData(CreditStatus.Barred)]
    public void ChangeCreditStatus_DowngradeWithReason_RecordsReason(CreditStatus status)
    {
        var organization = Build.Enterprise();
        var version = organization.Version;

        organization.ChangeCreditStatus(status, "  拖欠合作经费 ", Build.Now.AddDays(1));

        Assert.Equal(status, organization.CreditStatus);
        Assert.Equal("拖欠合作经费", organization.CreditStatusReason);
        Assert.Equal(Build.Now.AddDays(1), organization.UpdatedAt);
        Assert.Equal(version + 1, organization.Version);
    }

    [Fact]
    public void ChangeCreditStatus_RestoredToGoodWithoutReason_ClearsReason()
    {
        var organization = Build.Organization(creditStatus: CreditStatus.Barred);

        organization.ChangeCreditStatus(CreditStatus.Good, null, Build.Now);

        Assert.Equal(CreditStatus.Good, organization.CreditStatus);
        Assert.Null(organization.CreditStatusReason);
    }

    [Fact]
    public void ChangeCreditStatus_UndefinedStatus_Rejected()
    {
        var organization = Build.Enterprise();

        Expect.Violation(
            () => organization.ChangeCreditStatus((CreditStatus)7, "理由", Build.Now), "organization.invalid-creditStatus", "creditStatus");
    }

    [Theory]
    [InlineData(OrganizationKind.University, true)]
    [InlineData(OrganizationKind.VocationalSchool, true)]
    [InlineData(OrganizationKind.Enterprise, false)]
    [InlineData(OrganizationKind.ResearchInstitute, false)]
    [InlineData(OrganizationKind.IndustryAssociation, false)]
    [InlineData(OrganizationKind.GovernmentAgency, false)]
    [InlineData(OrganizationKind.Other, false)]
    public void IsSchool_Kind_TrueOnlyForUniversitiesAndVocationalSchools(OrganizationKind kind, bool expected)
    {
        var organization = Build.Organization(kind);

        Assert.Equal(expected, organization.IsSchool);
    }

    [Fact]
    public void AssignLiaison_Person_RecordedAndVersionBumped()
    {
        var organization = Build.School();
        var liaison = PersonId.New();
        var version = organization.Version;

        organization.AssignLiaison(liaison, Build.Now);

        Assert.Equal(liaison, organization.LiaisonId);
        Assert.Equal(version + 1, organization.Version);
    }
}
