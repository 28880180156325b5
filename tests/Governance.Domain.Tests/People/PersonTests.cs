using Governance.Domain.Common;
using Governance.Domain.People;
using Governance.Domain.Tests.Builders;
using Governance.Domain.Tests.Support;

namespace Governance.Domain.Tests.People;

public sealed class PersonTests
{
    [Theory]
    [InlineData("Zhang.San@Example.COM", "zhang.san@example.com")]
    [InlineData("  liaison@FZU.edu.cn  ", "liaison@fzu.edu.cn")]
    [InlineData("li.si+alliance@example.cn", "li.si+alliance@example.cn")]
    public void Constructor_ValidEmail_NormalisedToLowerCase(string email, string expected)
    {
        var person = Build.Person(email);

        Assert.Equal(expected, person.Email);
    }

    [Theory]
    [InlineData("zhangsan")]
    [InlineData("zhangsan@")]
    [InlineData("@example.cn")]
    [InlineData("Zhang San <zhangsan@example.cn>")]
    [InlineData("zhangsan@example.cn, lisi@example.cn")]
    public void Constructor_InvalidEmail_Rejected(string email)
    {
        Expect.Violation(() => Build.Person(email), "person.invalid-email", "email");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void NormalizeEmail_Empty_Required(string email)
    {
        Expect.Violation(() => Person.NormalizeEmail(email), "person.email-required", "email");
    }

    [Fact]
    public void Constructor_UndefinedLanguage_Rejected()
    {
        // ChangeLanguage refuses an undefined language; creating a person must refuse it too.
        Expect.Violation(
            () => new Person(PersonId.New(), "王五", "wangwu@example.cn", null, (PreferredLanguage)7, Build.Now),
            "person.invalid-language",
            "language");
    }

    [Fact]
    public void ChangeLanguage_Undefined_Rejected()
    {
        var person = Build.Person();

        Expect.Violation(() => person.ChangeLanguage((PreferredLanguage)7), "person.invalid-language", "language");

        Assert.Equal(PreferredLanguage.ZhCn, person.Language);
    }

    [Fact]
    public void ChangeLanguage_Defined_ChangedAndVersionBumped()
    {
        var person = Build.Person();

        person.ChangeLanguage(PreferredLanguage.En);

        Assert.Equal(PreferredLanguage.En, person.Language);
        Assert.Equal(1, person.Version);
    }
}
