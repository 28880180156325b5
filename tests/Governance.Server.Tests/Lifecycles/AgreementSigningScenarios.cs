using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Governance.Documents.Tests.Support;
using Governance.Server.Features.Email;
using Governance.Server.Tests.Infrastructure;
using Governance.Workflows.Runtime;

namespace Governance.Server.Tests.Lifecycles;

/// <summary>agreement-signing: every member unit's legal representative signs the alliance agreement.</summary>
public abstract class AgreementSigningScenarios(ServerFixture fixture) : LifecycleScenario(fixture)
{
    /// <summary>The legal representatives of the demo alliance's 13 member units.</summary>
    private static readonly string[] Signatories =
    [
        "chair", "council.bohai", "council.jinggong", "council.northeast", "council.jidian", "council.yuanhang", "council.institute",
        "legal.liaodong", "legal.dalian", "legal.gangyan", "legal.xincai", "legal.internet", "legal.sensor",
    ];

    [Fact]
    public async Task EveryLegalRepresentativeSigns_AgreementInForce_SealedPdfCertificateEmailsAndAudit()
    {
        var started = await PostAsync("secretariat", $"/api/v1/alliances/{AllianceId}/processes/agreement-signing",
            new { title = "辽宁省智能制造产教联盟联盟协议（2026）", order = "Parallel", days = 15 }, HttpStatusCode.Accepted);
        var instance = started["instanceId"]!.GetValue<Guid>();
        Assert.Equal((WorkflowStatus.Suspended, null), await InstanceAsync(instance));

        var agreement = (await SingleAgreementAsync());
        var agreementId = agreement["id"]!.GetValue<Guid>();
        Assert.Equal("Signing", agreement["status"]!.GetValue<string>());
        Assert.Equal(13, agreement["parties"]!.AsArray().Count);

        // The document every party signs: sealed, its bytes are the frozen SHA-256, the parties are in it.
        var pdf = await DownloadAsync("secretariat", agreement["documentId"]!.GetValue<Guid>());
        Assert.Equal(agreement["documentSha256"]!.GetValue<string>(), Convert.ToHexStringLower(SHA256.HashData(pdf)));
        var text = PdfProbe.Compact(PdfProbe.Normalise(string.Concat(PdfProbe.PageTexts(pdf))));
        Assert.Contains("营口新材料科技股份有限公司", text, StringComparison.Ordinal);
        Assert.Contains("辽宁工业互联网服务有限公司", text, StringComparison.Ordinal);
        Assert.Equal(0, PdfProbe.Signatures(pdf).ExitCode);

        var purpose = agreement["stepUpPurpose"]!.GetValue<string>();
        Assert.Equal($"sign:agreement:{agreementId}", purpose);

        // A proof is bound to its person: someone else's proof is refused and nothing is stored.
        var othersProof = await ProofByPasswordAsync("council.bohai", purpose);
        var refused = await PostAsync("chair", $"/api/v1/agreements/{agreementId}/sign", new { stepUpProof = othersProof }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("step-up.proof-invalid", refused["code"]!.GetValue<string>());
        var stranger = await PostAsync("secretariat", $"/api/v1/agreements/{agreementId}/sign", new { stepUpProof = "x" }, HttpStatusCode.Forbidden);
        Assert.Equal("agreement.not-signatory", stranger["code"]!.GetValue<string>());

        // One signs with the code the real SMTP server delivered, the others by re-entering the password.
        await PostAsync("legal.xincai", $"/api/v1/agreements/{agreementId}/sign",
            new { stepUpProof = await ProofByEmailedCodeAsync("legal.xincai", purpose) });
        var again = await PostAsync("legal.xincai", $"/api/v1/agreements/{agreementId}/sign",
            new { stepUpProof = await ProofByPasswordAsync("legal.xincai", purpose) }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("agreement.already-signed", again["code"]!.GetValue<string>());
        foreach (var signatory in Signatories.Where(s => s != "legal.xincai"))
        {
            var proof = signatory == "council.bohai" ? othersProof : await ProofByPasswordAsync(signatory, purpose);
            await PostAsync(signatory, $"/api/v1/agreements/{agreementId}/sign", new { stepUpProof = proof });
        }

        Assert.Equal((WorkflowStatus.Finished, "InForce"), await InstanceAsync(instance));
        var signed = await GetAsync("chair", $"/api/v1/agreements/{agreementId}");
        Assert.Equal("InForce", signed["status"]!.GetValue<string>());
        Assert.All(signed["parties"]!.AsArray(), p => Assert.Equal("Signed", p!["status"]!.GetValue<string>()));
        Assert.Equal("EmailOneTimeCode", signed["parties"]!.AsArray()
            .Single(p => p!["organizationName"]!.GetValue<string>() == "营口新材料科技股份有限公司")!["signature"]!["method"]!.GetValue<string>());

        // The signature certificate names every signer and the agreement's digest.
        var certificates = (await GetAsync("secretariat", $"/api/v1/documents?allianceId={AllianceId}&kind=SignatureCertificate"))["items"]!.AsArray();
        var certificate = await DownloadAsync("secretariat", Assert.Single(certificates)!["id"]!.GetValue<Guid>());
        var certificateText = PdfProbe.Compact(PdfProbe.Normalise(string.Concat(PdfProbe.PageTexts(certificate))));
        Assert.Contains(agreement["documentSha256"]!.GetValue<string>()[..16], certificateText, StringComparison.Ordinal);
        Assert.Contains("吴承志", certificateText, StringComparison.Ordinal);
        Assert.Contains("郑一鸣", certificateText, StringComparison.Ordinal);

        // Emails: each legal representative was asked once; completion went to them and the secretariat with the certificate.
        await DispatchAllAsync();
        var requested = await SentAsync(EmailKind.SignatureRequested);
        Assert.Equal(Signatories.Select(s => $"{s}@demo.example").Order(), requested.Select(r => r.Record.To).Order());
        var completed = await SentAsync(EmailKind.SignatureCompleted);
        Assert.Equal(14, completed.Count);
        Assert.Contains(completed, c => c.Record.To == "secretariat@demo.example");
        Assert.All(completed, c => Assert.Equal(["AA-", "SC-"], c.Mail.Attachments.Select(a => a.ContentDisposition!.FileName![..3]).Order(StringComparer.Ordinal)));
        var issued = await SentAsync(EmailKind.DocumentIssued);
        Assert.Contains(issued, i => i.Record.To == "secretariat@demo.example" && i.Mail.Attachments.Count() == 2);

        // Every signature is in the audit chain, and the chain holds.
        var audit = (await GetAsync("admin", $"/api/v1/audit?action=agreement.sign&allianceId={AllianceId}&pageSize=100"))["items"]!.AsArray();
        Assert.Equal(13, audit.Count);
        Assert.True((await GetAsync("admin", "/api/v1/audit/verify"))["isIntact"]!.GetValue<bool>());
    }

    [Fact]
    public async Task OneLegalRepresentativeDeclines_RoundEndsDeclined_SecretariatToldTheReason_OthersTasksCancelled()
    {
        var started = await PostAsync("secretariat", $"/api/v1/alliances/{AllianceId}/processes/agreement-signing",
            new { title = "联盟协议", order = "Parallel" }, HttpStatusCode.Accepted);
        var instance = started["instanceId"]!.GetValue<Guid>();
        var agreementId = (await SingleAgreementAsync())["id"]!.GetValue<Guid>();
        var purpose = $"sign:agreement:{agreementId}";
        await PostAsync("chair", $"/api/v1/agreements/{agreementId}/sign", new { stepUpProof = await ProofByPasswordAsync("chair", purpose) });

        var noReason = await PostAsync("legal.sensor", $"/api/v1/agreements/{agreementId}/decline",
            new { reason = " ", stepUpProof = await ProofByPasswordAsync("legal.sensor", purpose) }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(("agreement.reason-required", "reason"), (noReason["code"]!.GetValue<string>(), noReason["field"]!.GetValue<string>()));
        await PostAsync("legal.sensor", $"/api/v1/agreements/{agreementId}/decline",
            new { reason = "第五条经费条款需经我单位董事会审议", stepUpProof = await ProofByPasswordAsync("legal.sensor", purpose) });

        Assert.Equal((WorkflowStatus.Finished, "Declined"), await InstanceAsync(instance));
        var declined = await GetAsync("secretariat", $"/api/v1/agreements/{agreementId}");
        Assert.Equal("Declined", declined["status"]!.GetValue<string>());
        var late = await PostAsync("legal.gangyan", $"/api/v1/agreements/{agreementId}/sign",
            new { stepUpProof = await ProofByPasswordAsync("legal.gangyan", purpose) }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("agreement.not-signing", late["code"]!.GetValue<string>());

        await DispatchAllAsync();
        var told = Assert.Single(await SentAsync(EmailKind.SignatureDeclined));
        Assert.Equal("secretariat@demo.example", told.Record.To);
        Assert.Contains("第五条经费条款需经我单位董事会审议", told.Mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("冯晓光", told.Mail.TextBody, StringComparison.Ordinal);
        Assert.Empty(await SentAsync(EmailKind.SignatureCompleted));
    }

    [Fact]
    public async Task NobodyFinishesBeforeTheDeadline_RoundExpires_AndInOrderOnlyTheNextPartyIsAsked()
    {
        var started = await PostAsync("secretariat", $"/api/v1/alliances/{AllianceId}/processes/agreement-signing",
            new { title = "联盟协议（依次签署）", order = "Sequential", days = 5 }, HttpStatusCode.Accepted);
        var instance = started["instanceId"]!.GetValue<Guid>();
        var agreementId = (await SingleAgreementAsync())["id"]!.GetValue<Guid>();
        var purpose = $"sign:agreement:{agreementId}";
        await DispatchAllAsync();
        Assert.Equal(["chair@demo.example"], (await SentAsync(EmailKind.SignatureRequested)).Select(r => r.Record.To));

        var early = await PostAsync("council.bohai", $"/api/v1/agreements/{agreementId}/sign",
            new { stepUpProof = await ProofByPasswordAsync("council.bohai", purpose) }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("agreement.not-your-turn", early["code"]!.GetValue<string>());
        await PostAsync("chair", $"/api/v1/agreements/{agreementId}/sign", new { stepUpProof = await ProofByPasswordAsync("chair", purpose) });
        await DispatchAllAsync();
        Assert.Equal(2, (await SentAsync(EmailKind.SignatureRequested)).Count);

        Factory.Clock.Advance(TimeSpan.FromDays(5));
        Assert.Equal(1, await FireTimersAsync());
        Assert.Equal((WorkflowStatus.Finished, "Expired"), await InstanceAsync(instance));
        var expired = await GetAsync("secretariat", $"/api/v1/agreements/{agreementId}");
        Assert.Equal("Expired", expired["status"]!.GetValue<string>());
        Assert.Equal(12, expired["parties"]!.AsArray().Count(p => p!["status"]!.GetValue<string>() == "NotSigned"));
    }
}

[Collection(OnSqlite.Name)]
public sealed class SqliteAgreementSigningScenarios(SqliteServerFixture fixture) : AgreementSigningScenarios(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresAgreementSigningScenarios(PostgresServerFixture fixture) : AgreementSigningScenarios(fixture);
