using Governance.Domain.Agreements;
using Governance.Domain.Common;
using Governance.Domain.Tests.Builders;
using Governance.Domain.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Governance.Domain.Tests.Agreements;

public sealed class AgreementTests
{
    private readonly FakeTimeProvider _clock = Build.Clock();
    private readonly OrganizationId[] _parties = [OrganizationId.New(), OrganizationId.New(), OrganizationId.New()];
    private readonly string _document = Build.Sha256("联盟协议 第一版");

    [Fact]
    public void Constructor_PartyListedTwice_Rejected()
    {
        Expect.Violation(() => Build.Agreement([_parties[0], _parties[1], _parties[0]]), "agreement.duplicate-party", "parties");
    }

    [Fact]
    public void Constructor_NoParties_Rejected()
    {
        Expect.Violation(() => Build.Agreement([]), "agreement.parties-required", "parties");
    }

    [Fact]
    public void Constructor_Parties_OrderedFromOneAsDraft()
    {
        var agreement = Build.Agreement(_parties);

        Assert.Equal(AgreementStatus.Draft, agreement.Status);
        Assert.Equal([1, 2, 3], agreement.Parties.Select(p => p.Order));
        Assert.Equal(_parties, agreement.OutstandingParties);
    }

    [Fact]
    public void OpenForSigning_UpperCaseDigest_StoredLowerCase()
    {
        var agreement = Build.Agreement(_parties);

        agreement.OpenForSigning(_document.ToUpperInvariant(), Build.Now.AddDays(7), _clock.GetUtcNow());

        Assert.Equal(AgreementStatus.Signing, agreement.Status);
        Assert.Equal(_document, agreement.DocumentSha256);
        Assert.Equal(Build.Now.AddDays(7), agreement.SigningDeadline);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc123")]
    [InlineData("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85")]
    [InlineData("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8555")]
    [InlineData("g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85 ")]
    public void OpenForSigning_InvalidSha256_Rejected(string digest)
    {
        var agreement = Build.Agreement(_parties);

        Expect.Violation(
            () => agreement.OpenForSigning(digest, Build.Now.AddDays(7), _clock.GetUtcNow()), "agreement.invalid-sha256", "documentSha256");

        Assert.Equal(AgreementStatus.Draft, agreement.Status);
    }

    [Fact]
    public void OpenForSigning_DeadlineNotInFuture_Rejected()
    {
        var agreement = Build.Agreement(_parties);

        Expect.Violation(
            () => agreement.OpenForSigning(_document, _clock.GetUtcNow(), _clock.GetUtcNow()), "agreement.deadline-in-past", "deadline");
    }

    [Fact]
    public void Sign_BeforeOpened_Rejected()
    {
        var agreement = Build.Agreement(_parties);

        Expect.Violation(
            () => agreement.Sign(Build.SigningRequest(_parties[0], _document), _clock.GetUtcNow()), "agreement.not-signing");
    }

    [Fact]
    public void Sign_NotEveryPartySigned_NotInForce()
    {
        var agreement = Build.SigningAgreement(_parties, _document);

        agreement.Sign(Build.SigningRequest(_parties[2], _document), _clock.GetUtcNow());
        agreement.Sign(Build.SigningRequest(_parties[0], _document), _clock.GetUtcNow());

        Assert.Equal(AgreementStatus.Signing, agreement.Status);
        Assert.Null(agreement.InForceFrom);
        Assert.Equal([_parties[1]], agreement.OutstandingParties);
    }

    [Fact]
    public void Sign_LastParty_InForceFromThatSignature()
    {
        var agreement = Build.SigningAgreement(_parties, _document);
        agreement.Sign(Build.SigningRequest(_parties[1], _document), _clock.GetUtcNow());
        agreement.Sign(Build.SigningRequest(_parties[0], _document), _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromDays(2));

        var last = agreement.Sign(Build.SigningRequest(_parties[2], _document), _clock.GetUtcNow());

        Assert.Equal(AgreementStatus.InForce, agreement.Status);
        Assert.Equal(last.At, agreement.InForceFrom);
        Assert.Equal(Build.Now.AddDays(2), agreement.InForceFrom);
        Assert.Equal(agreement.InForceFrom, agreement.ClosedAt);
        Assert.Empty(agreement.OutstandingParties);
    }

    [Fact]
    public void Sign_DocumentHashMismatch_Rejected()
    {
        var agreement = Build.SigningAgreement(_parties, _document);

        Expect.Violation(
            () => agreement.Sign(Build.SigningRequest(_parties[0], Build.Sha256("联盟协议 第二版")), _clock.GetUtcNow()),
            "agreement.document-mismatch",
            "documentSha256");

        Assert.Empty(agreement.Signatures);
    }

    [Fact]
    public void Sign_SameDocumentInUpperCase_Accepted()
    {
        var agreement = Build.SigningAgreement([_parties[0]], _document);

        var signature = agreement.Sign(Build.SigningRequest(_parties[0], _document.ToUpperInvariant()), _clock.GetUtcNow());

        Assert.Equal(_document, signature.DocumentSha256);
        Assert.Equal(AgreementStatus.InForce, agreement.Status);
    }

    [Fact]
    public void Sign_InvalidSha256_Rejected()
    {
        var agreement = Build.SigningAgreement(_parties, _document);

        Expect.Violation(
            () => agreement.Sign(Build.SigningRequest(_parties[0], "not-a-digest"), _clock.GetUtcNow()),
            "agreement.invalid-sha256",
            "documentSha256");
    }

    [Fact]
    public void Sign_SequentialOutOfTurn_Rejected()
    {
        var agreement = Build.SigningAgreement(_parties, _document, SigningOrder.Sequential);

        Expect.Violation(
            () => agreement.Sign(Build.SigningRequest(_parties[1], _document), _clock.GetUtcNow()), "agreement.not-your-turn", "organizationId");

        Assert.Empty(agreement.Signatures);
    }

    [Fact]
    public void Sign_SequentialThirdBeforeSecond_Rejected()
    {
        var agreement = Build.SigningAgreement(_parties, _document, SigningOrder.Sequential);
        agreement.Sign(Build.SigningRequest(_parties[0], _document), _clock.GetUtcNow());

        Expect.Violation(
            () => agreement.Sign(Build.SigningRequest(_parties[2], _document), _clock.GetUtcNow()), "agreement.not-your-turn", "organizationId");
    }

    [Fact]
    public void Sign_SequentialInOrder_InForce()
    {
        var agreement = Build.SigningAgreement(_parties, _document, SigningOrder.Sequential);

        foreach (var party in _parties)
        {
            agreement.Sign(Build.SigningRequest(party, _document), _clock.GetUtcNow());
        }

        Assert.Equal(AgreementStatus.InForce, agreement.Status);
        Assert.Equal(_parties, agreement.Signatures.Select(s => s.OrganizationId));
    }

    [Fact]
    public void Sign_NonParty_Rejected()
    {
        var agreement = Build.SigningAgreement(_parties, _document);

        Expect.Violation(
            () => agreement.Sign(Build.SigningRequest(OrganizationId.New(), _document), _clock.GetUtcNow()),
            "agreement.not-a-party",
            "organizationId");
    }

    [Fact]
    public void Sign_PartyAlreadySigned_Rejected()
    {
        var agreement = Build.SigningAgreement(_parties, _document);
        agreement.Sign(Build.SigningRequest(_parties[0], _document), _clock.GetUtcNow());

        Expect.Violation(
            () => agreement.Sign(Build.SigningRequest(_parties[0], _document), _clock.GetUtcNow()),
            "agreement.already-signed",
            "organizationId");

        Assert.Single(agreement.Signatures);
    }

    [Fact]
    public void Sign_AfterDeadline_Rejected()
    {
        var agreement = Build.SigningAgreement(_parties, _document, deadline: Build.Now.AddDays(7));
        _clock.Advance(TimeSpan.FromDays(7));

        Expect.Violation(
            () => agreement.Sign(Build.SigningRequest(_parties[0], _document), _clock.GetUtcNow()), "agreement.deadline-passed");
    }

    [Fact]
    public void Sign_Request_EvidenceKeptOnSignature()
    {
        var agreement = Build.SigningAgreement(_parties, _document);
        var signer = PersonId.New();
        var principal = PersonId.New();
        var request = new SigningRequest(
            _parties[0], signer, " 授权代表 ", _document, AuthenticationMethod.PasswordReentry, "2001:db8::7", "Edge/120", principal);

        var signature = agreement.Sign(request, _clock.GetUtcNow());

        Assert.Equal(SignatureOutcome.Signed, signature.Outcome);
        Assert.Equal(_parties[0], signature.OrganizationId);
        Assert.Equal(signer, signature.SignerId);
        Assert.Equal(principal, signature.OnBehalfOfId);
        Assert.Equal("授权代表", signature.SignerRole);
        Assert.Equal(AuthenticationMethod.PasswordReentry, signature.Method);
        Assert.Equal("2001:db8::7", signature.IpAddress);
        Assert.Equal("Edge/120", signature.UserAgent);
        Assert.Equal(_document, signature.DocumentSha256);
        Assert.Equal(Build.Now, signature.At);
        Assert.Null(signature.DeclinedReason);
    }

    [Fact]
    public void Sign_LongUserAgent_TruncatedTo512()
    {
        var agreement = Build.SigningAgreement(_parties, _document);
        var request = Build.SigningRequest(_parties[0], _document) with { UserAgent = new string('a', 600) };

        var signature = agreement.Sign(request, _clock.GetUtcNow());

        Assert.Equal(512, signature.UserAgent?.Length);
    }

    [Fact]
    public void Sign_UndefinedAuthenticationMethod_RejectedWithoutSignature()
    {
        var agreement = Build.SigningAgreement(_parties, _document);
        var request = Build.SigningRequest(_parties[0], _document) with { Method = (AuthenticationMethod)9 };

        Expect.Violation(() => agreement.Sign(request, _clock.GetUtcNow()), "agreement.invalid-method", "method");

        Assert.Empty(agreement.Signatures);
    }

    [Fact]
    public void Decline_WithReason_RecordedAndRoundDeclined()
    {
        var agreement = Build.SigningAgreement(_parties, _document);
        agreement.Sign(Build.SigningRequest(_parties[0], _document), _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromHours(3));

        var declined = agreement.Decline(Build.SigningRequest(_parties[1], _document), " 合作条款需修改 ", _clock.GetUtcNow());

        Assert.Equal(SignatureOutcome.Declined, declined.Outcome);
        Assert.Equal("合作条款需修改", declined.DeclinedReason);
        Assert.Equal(AgreementStatus.Declined, agreement.Status);
        Assert.Equal(Build.Now.AddHours(3), agreement.ClosedAt);
        Assert.Null(agreement.InForceFrom);
    }

    [Fact]
    public void Sign_AfterDecline_Rejected()
    {
        var agreement = Build.SigningAgreement(_parties, _document);
        agreement.Decline(Build.SigningRequest(_parties[1], _document), "不同意", _clock.GetUtcNow());

        Expect.Violation(
            () => agreement.Sign(Build.SigningRequest(_parties[0], _document), _clock.GetUtcNow()), "agreement.not-signing");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Decline_WithoutReason_RejectedAndStillSigning(string? reason)
    {
        var agreement = Build.SigningAgreement(_parties, _document);

        Expect.Violation(
            () => agreement.Decline(Build.SigningRequest(_parties[0], _document), reason!, _clock.GetUtcNow()),
            "agreement.reason-required",
            "reason");

        Assert.Equal(AgreementStatus.Signing, agreement.Status);
        Assert.Empty(agreement.Signatures);
    }

    [Fact]
    public void Decline_NonParty_Rejected()
    {
        var agreement = Build.SigningAgreement(_parties, _document);

        Expect.Violation(
            () => agreement.Decline(Build.SigningRequest(OrganizationId.New(), _document), "不同意", _clock.GetUtcNow()),
            "agreement.not-a-party",
            "organizationId");
    }

    [Fact]
    public void Expire_BeforeDeadline_Rejected()
    {
        var agreement = Build.SigningAgreement(_parties, _document, deadline: Build.Now.AddDays(7));
        _clock.Advance(TimeSpan.FromDays(6));

        Expect.Violation(() => agreement.Expire(_clock.GetUtcNow()), "agreement.deadline-not-reached");

        Assert.Equal(AgreementStatus.Signing, agreement.Status);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(30)]
    public void Expire_AtOrAfterDeadlineWhileSigning_Expired(int days)
    {
        var agreement = Build.SigningAgreement(_parties, _document, deadline: Build.Now.AddDays(7));
        agreement.Sign(Build.SigningRequest(_parties[0], _document), _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromDays(days));

        agreement.Expire(_clock.GetUtcNow());

        Assert.Equal(AgreementStatus.Expired, agreement.Status);
        Assert.Equal(Build.Now.AddDays(days), agreement.ClosedAt);
    }

    [Fact]
    public void Expire_InForce_Rejected()
    {
        var agreement = Build.SigningAgreement([_parties[0]], _document, deadline: Build.Now.AddDays(7));
        agreement.Sign(Build.SigningRequest(_parties[0], _document), _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromDays(8));

        Expect.Violation(() => agreement.Expire(_clock.GetUtcNow()), "agreement.not-signing");

        Assert.Equal(AgreementStatus.InForce, agreement.Status);
    }

    [Fact]
    public void Expire_Draft_Rejected()
    {
        var agreement = Build.Agreement(_parties);
        _clock.Advance(TimeSpan.FromDays(8));

        Expect.Violation(() => agreement.Expire(_clock.GetUtcNow()), "agreement.not-signing");
    }
}
