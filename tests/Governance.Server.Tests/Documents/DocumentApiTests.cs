using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Governance.Documents.Tests.Support;
using Governance.Server.Features.Documents;
using Governance.Server.Tests.Api;
using Governance.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Server.Tests.Documents;

public abstract class DocumentApiTests(ServerFixture fixture) : ServerTest(fixture)
{
    public static TheoryData<DocumentKind, string> EveryDocument()
    {
        var data = new TheoryData<DocumentKind, string>();
        foreach (var kind in Enum.GetValues<DocumentKind>())
        {
            foreach (var language in DocumentLanguages.All)
            {
                data.Add(kind, language);
            }
        }

        return data;
    }

    private async Task<GeneratedDocument> GenerateAsync(DocumentKind kind, string language, JsonObject model, Guid alliance)
    {
        await using var scope = Factory.Scope();
        return await scope.ServiceProvider.GetRequiredService<IDocumentService>()
            .GenerateAsync(kind, language, model, alliance, workflowInstanceId: null, CancellationToken.None);
    }

    private static string[] ExpectedTexts(DocumentKind kind, string language, DocumentDemoData demo)
    {
        var zh = language == DocumentLanguages.Chinese;
        return kind switch
        {
            DocumentKind.ApplicationReceipt => [zh ? "入盟申请受理回执" : "MembershipApplicationReceipt", demo.Applicant.Name, demo.Applicant.CreditCode],
            DocumentKind.BallotResolution => zh
                ? ["理事会表决决议", "吸收新成员", "获得通过", "周启航", "弃权", "全体理事过半数同意"]
                : ["CouncilResolution", "Admissionofanewmember", "isapproved", "周启航", "Abstain"],
            DocumentKind.AdmissionNotice => [zh ? "入盟通知书" : "NoticeofAdmission", "BR-20260312-5A1C9E02", demo.Applicant.CreditCode],
            DocumentKind.AllianceAgreement => [zh ? "签署页" : "Signatures", demo.Chair.Name, demo.Chair.CreditCode, demo.CharterTitle],
            DocumentKind.AccessionAgreement => [zh ? "入盟协议" : "AccessionAgreement", demo.Applicant.Name, zh ? "已于2026-03-16" : "Signedelectronicallyon2026-03-16"],
            DocumentKind.SignatureCertificate => [zh ? "电子签署证书" : "SignatureCertificate", "3f6c1b0e9d2a47c58e1f0a6b2c3d4e5f", zh ? "邮箱一次性验证码" : "E-mailone-timecode"],
            DocumentKind.Charter => [demo.CharterTitle, zh ? "议事规则" : "Annex:votingrules", zh ? "附：表决规则" : "2/3ofmembers"],
            DocumentKind.AnnualReport => [zh ? "2025年度工作进展报告" : "AnnualReport2025", zh ? "合计" : "Total", TotalTrainees(demo).ToString(System.Globalization.CultureInfo.InvariantCulture)],
            DocumentKind.ExitNotice => [zh ? "退出联盟通知书" : "NoticeofExit", zh ? "自愿退出" : "Voluntaryexit", "锦州精密传感器有限公司"],
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    private static int TotalTrainees(DocumentDemoData demo) => Enumerable.Range(0, demo.Parties.Count).Sum(i => 120 + (i * 17));

    [Theory]
    [MemberData(nameof(EveryDocument))]
    public async Task Generate_EveryKindAndLanguage_StoresAPdfThatReadsBack(DocumentKind kind, string language)
    {
        var demo = await DocumentDemoData.SeedAsync(Factory);

        var generated = await GenerateAsync(kind, language, demo.Model(kind), demo.AllianceId);

        using var client = await Factory.CreateAdminClientAsync();
        var record = await (await client.GetAsync($"/api/v1/documents/{generated.Id}")).JsonAsync();
        Assert.Equal(kind.ToString(), record.GetProperty("kind").GetString());
        Assert.Equal($"{DocumentKinds.Of(kind).TemplateName}.{language}", record.GetProperty("templateName").GetString());
        Assert.Equal(0, record.GetProperty("templateVersion").GetInt32());
        Assert.Equal(demo.AllianceId, record.GetProperty("allianceId").GetGuid());

        var download = await client.GetAsync($"/api/v1/documents/{generated.Id}/content");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        var pdf = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal(generated.Sha256, Convert.ToHexStringLower(SHA256.HashData(pdf)));
        Assert.Equal(generated.Size, pdf.Length);
        PdfProbe.SaveArtifact($"{DocumentKinds.Of(kind).TemplateName}.{language}.{Fixture.Database.Provider}", pdf);

        var pages = PdfProbe.PageTexts(pdf);
        Assert.Equal(generated.PageCount, pages.Count);
        var all = PdfProbe.Compact(string.Concat(pages));
        foreach (var text in ExpectedTexts(kind, language, demo))
        {
            Assert.Contains(PdfProbe.Compact(text), all, StringComparison.Ordinal);
        }

        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Contains(generated.Number, pages[i], StringComparison.Ordinal);
            Assert.Contains(language == DocumentLanguages.Chinese ? $"第{i + 1}/{pages.Count}页" : $"Page{i + 1}/{pages.Count}", PdfProbe.Compact(pages[i]), StringComparison.Ordinal);
        }

        var (title, author, _, _) = PdfProbe.Metadata(pdf);
        Assert.Equal(record.GetProperty("title").GetString(), title);
        Assert.Equal(Governance.Server.Demo.DemoSeeder.AllianceName, author);

        var (_, signatures) = PdfProbe.Signatures(pdf);
        if (DocumentKinds.Of(kind).Sealed)
        {
            Assert.Contains("Signature is Valid.", signatures, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("does not contain any signatures", signatures, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Generate_SignatureCertificate_PrintsTheDocumentShaInTheFootnoteOfEveryPage()
    {
        var demo = await DocumentDemoData.SeedAsync(Factory);
        var model = demo.Model(DocumentKind.SignatureCertificate);
        var many = new JsonArray([.. Enumerable.Range(0, 5).SelectMany(_ => model["signers"]!.AsArray().Select(s => s!.DeepClone()))]);
        model["signers"] = many;

        var generated = await GenerateAsync(DocumentKind.SignatureCertificate, DocumentLanguages.Chinese, model, demo.AllianceId);
        await using var scope = Factory.Scope();
        var pdf = await GovernanceApiFactory.Db(scope).DocumentContents.Where(c => c.Sha256 == generated.Sha256).Select(c => c.Content).SingleAsync();

        var pages = PdfProbe.PageTexts(pdf);
        Assert.True(pages.Count >= 2);
        Assert.All(pages, page => Assert.Contains("3f6c1b0e9d2a47c58e1f0a6b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f", PdfProbe.Compact(page), StringComparison.Ordinal));
        Assert.All(pages, page => Assert.Contains("认证方式", page, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Generate_AgreementWith120Parties_RepeatsThePartyTableHeaderOnEveryPageAndStaysSealed()
    {
        var demo = await DocumentDemoData.SeedAsync(Factory);
        var parties = Enumerable.Range(0, 120)
            .Select(i => demo.Parties[i % demo.Parties.Count] with { Name = $"{demo.Parties[i % demo.Parties.Count].Name}（第{i + 1}方）" })
            .ToList();

        var generated = await GenerateAsync(DocumentKind.AllianceAgreement, DocumentLanguages.Chinese, demo.AllianceAgreement(parties), demo.AllianceId);

        using var client = await Factory.CreateAdminClientAsync();
        var pdf = await client.GetByteArrayAsync($"/api/v1/documents/{generated.Id}/content");
        PdfProbe.SaveArtifact($"alliance-agreement-120-parties.{Fixture.Database.Provider}", pdf);
        var pages = PdfProbe.PageTexts(pdf).Select(PdfProbe.Compact).ToList();
        var tablePages = pages.TakeWhile(p => !p.Contains("第二条", StringComparison.Ordinal)).ToList();
        Assert.True(tablePages.Count >= 3, $"the party table spans {tablePages.Count} pages");
        Assert.All(tablePages, page => Assert.Contains("序号单位名称统一社会信用代码法定代表人成员类别", page, StringComparison.Ordinal));
        Assert.Contains("（第120方）", string.Concat(pages), StringComparison.Ordinal);
        var signaturePages = pages.SkipWhile(p => !p.Contains("签署页", StringComparison.Ordinal)).ToList();
        Assert.True(signaturePages.Count >= 10);
        var (_, signatures) = PdfProbe.Signatures(pdf);
        Assert.Contains("Signature is Valid.", signatures, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_MissingTemplateField_Returns422NamingTheFieldAndStoresNothing()
    {
        var demo = await DocumentDemoData.SeedAsync(Factory);
        var model = demo.Model(DocumentKind.AllianceAgreement);
        model["parties"]![3]!.AsObject().Remove("creditCode");
        using var client = await Factory.CreateAdminClientAsync();

        var response = await client.PostJsonAsync("/api/v1/documents", new
        {
            kind = "AllianceAgreement", language = "zh-CN", allianceId = demo.AllianceId, model,
        });

        var problem = await response.AssertProblemAsync(422, "documents.template-field-missing", "model.parties[3].creditCode");
        Assert.Contains("alliance-agreement.zh-CN", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await using var scope = Factory.Scope();
        Assert.Equal(0, await GovernanceApiFactory.Db(scope).Documents.CountAsync());
        Assert.Equal(0, await GovernanceApiFactory.Db(scope).DocumentContents.CountAsync());
    }

    [Fact]
    public async Task Post_BadRequests_ReturnStableCodes()
    {
        var demo = await DocumentDemoData.SeedAsync(Factory);
        using var client = await Factory.CreateAdminClientAsync();
        var model = demo.Model(DocumentKind.ExitNotice);

        await (await client.PostJsonAsync("/api/v1/documents", new { kind = "ExitNotice", language = "fr", allianceId = demo.AllianceId, model }))
            .AssertProblemAsync(422, "documents.language-unsupported", "language");
        await (await client.PostJsonAsync("/api/v1/documents", new { kind = "ExitNotice", language = "zh-CN", allianceId = Guid.NewGuid(), model }))
            .AssertProblemAsync(422, "documents.alliance-not-found", "allianceId");
        await (await client.PostJsonAsync("/api/v1/documents", new { language = "zh-CN", allianceId = demo.AllianceId, model }))
            .AssertProblemAsync(422, "documents.kind-required", "kind");

        var created = await client.PostJsonAsync("/api/v1/documents", new { kind = "ExitNotice", language = "zh-CN", allianceId = demo.AllianceId, model });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(404, (int)(await client.GetAsync($"/api/v1/documents/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task UploadTemplate_NewVersion_OverridesTheFileAndIsRecordedOnTheDocument()
    {
        var demo = await DocumentDemoData.SeedAsync(Factory);
        using var client = await Factory.CreateAdminClientAsync();
        var shipped = await (await client.GetAsync("/api/v1/documents/templates/exit-notice/zh-CN")).JsonAsync();
        Assert.Equal(0, shipped.GetProperty("version").GetInt32());
        var content = shipped.GetProperty("content").GetString()!.Replace("感谢贵单位对联盟工作的支持。", "本通知书经秘书处修订模板第二版出具。", StringComparison.Ordinal);

        var upload = await client.PostJsonAsync("/api/v1/documents/templates/exit-notice/zh-CN", new { content, note = "措辞调整" });
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        Assert.Equal(1, (await upload.JsonAsync()).GetProperty("version").GetInt32());
        await using (var scope = Factory.Scope())
        {
            var entry = await GovernanceApiFactory.Db(scope).AuditEntries.AsNoTracking().SingleAsync(e => e.Action == "document-template.upload");
            Assert.Equal("exit-notice/zh-CN/v1", entry.TargetId);
            Assert.EndsWith("措辞调整", entry.Summary, StringComparison.Ordinal);
        }

        var created = await (await client.PostJsonAsync("/api/v1/documents", new
        {
            kind = "ExitNotice", language = "zh-CN", allianceId = demo.AllianceId, model = demo.Model(DocumentKind.ExitNotice),
        })).JsonAsync();

        Assert.Equal(1, created.GetProperty("templateVersion").GetInt32());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(content))), created.GetProperty("templateSha256").GetString());
        var pdf = await client.GetByteArrayAsync(created.GetProperty("contentUrl").GetString());
        var text = PdfProbe.Compact(string.Concat(PdfProbe.PageTexts(pdf)));
        Assert.Contains("修订模板第二版", text, StringComparison.Ordinal);
        Assert.DoesNotContain("感谢贵单位对联盟工作的支持", text, StringComparison.Ordinal);

        var templates = await (await client.GetAsync("/api/v1/documents/templates")).JsonAsync();
        var exit = templates.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "exit-notice" && t.GetProperty("language").GetString() == "zh-CN");
        Assert.Equal("database", exit.GetProperty("source").GetString());
        Assert.Equal(18, templates.GetArrayLength());
    }

    [Fact]
    public async Task UploadTemplate_SyntaxError_Returns422AndKeepsTheCurrentVersion()
    {
        using var client = await Factory.CreateAdminClientAsync();

        var response = await client.PostJsonAsync("/api/v1/documents/templates/charter/en", new { content = "# {{ charter.title }\n{% for x in %}" });

        await response.AssertProblemAsync(422, "documents.template-syntax", "content");
        var current = await (await client.GetAsync("/api/v1/documents/templates/charter/en")).JsonAsync();
        Assert.Equal(0, current.GetProperty("version").GetInt32());
        Assert.Equal(404, (int)(await client.PostJsonAsync("/api/v1/documents/templates/no-such-kind/en", new { content = "# x" })).StatusCode);
    }

    [Fact]
    public async Task Verify_UploadOrSha_TellsWhetherThePlatformIssuedIt()
    {
        var demo = await DocumentDemoData.SeedAsync(Factory);
        var generated = await GenerateAsync(DocumentKind.Charter, DocumentLanguages.Chinese, demo.Model(DocumentKind.Charter), demo.AllianceId);
        using var client = await Factory.CreateAdminClientAsync();
        var pdf = await client.GetByteArrayAsync($"/api/v1/documents/{generated.Id}/content");

        var body = new ByteArrayContent(pdf);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        var byUpload = await (await client.PostAsync("/api/v1/documents/verify", body)).JsonAsync();
        Assert.True(byUpload.GetProperty("issued").GetBoolean());
        var issued = byUpload.GetProperty("documents")[0];
        Assert.Equal(generated.Id, issued.GetProperty("id").GetGuid());
        Assert.Equal(Governance.Server.Demo.DemoSeeder.AllianceName, issued.GetProperty("allianceName").GetString());
        Assert.Equal(Factory.Clock.GetUtcNow(), issued.GetProperty("issuedAt").GetDateTimeOffset());
        Assert.True(issued.GetProperty("sealed").GetBoolean());

        using var form = new MultipartFormDataContent();
        var tampered = (byte[])pdf.Clone();
        tampered[tampered.Length / 2] ^= 0x20;
        form.Add(new ByteArrayContent(tampered), "file", "charter.pdf");
        var byForm = await (await client.PostAsync("/api/v1/documents/verify", form)).JsonAsync();
        Assert.False(byForm.GetProperty("issued").GetBoolean());
        Assert.Empty(byForm.GetProperty("documents").EnumerateArray());

        var bySha = await (await client.GetAsync($"/api/v1/documents/verify/{generated.Sha256.ToUpperInvariant()}")).JsonAsync();
        Assert.True(bySha.GetProperty("issued").GetBoolean());
        await (await client.GetAsync("/api/v1/documents/verify/not-a-hash")).AssertProblemAsync(422, "documents.invalid-sha256", "sha256");
    }

    [Fact]
    public async Task Verify_UploadLargerThanTheApiBodyLimit_IsAcceptedAndAnswered()
    {
        using var client = await Factory.CreateAdminClientAsync();
        var bytes = new byte[3 * 1024 * 1024];
        new Random(5).NextBytes(bytes);
        var body = new ByteArrayContent(bytes);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");

        var response = await client.PostAsync("/api/v1/documents/verify", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.JsonAsync();
        Assert.False(answer.GetProperty("issued").GetBoolean());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), answer.GetProperty("sha256").GetString());
        var tooLarge = await client.PostJsonAsync("/api/v1/documents", new { model = new string('x', 2 * 1024 * 1024) });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
    }

    [Fact]
    public async Task Health_ReportsTheFonts_AndWithoutACjkFontRenderingIsRefusedClearly()
    {
        using var client = await Factory.CreateAdminClientAsync();
        var health = await (await client.GetAsync("/health")).JsonAsync();
        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("documents-fonts").GetProperty("status").GetString());

        var demo = await DocumentDemoData.SeedAsync(Factory);
        await using var fontless = Factory.WithWebHostBuilder(b => b
            .UseSetting("Documents:BodyFamilies:0", "No Such CJK Family")
            .UseSetting("Documents:HeadingFamilies:0", "DejaVu Sans"));
        using var fontlessClient = await fontless.CreateAdminClientAsync();

        var degraded = await (await fontlessClient.GetAsync("/health")).JsonAsync();
        var check = degraded.GetProperty("checks").GetProperty("documents-fonts");
        Assert.Equal("Degraded", check.GetProperty("status").GetString());
        Assert.Contains("fonts-noto-cjk", check.GetProperty("description").GetString(), StringComparison.Ordinal);
        var refused = await fontlessClient.PostJsonAsync("/api/v1/documents", new
        {
            kind = "ExitNotice", language = "zh-CN", allianceId = demo.AllianceId, model = demo.Model(DocumentKind.ExitNotice),
        });
        await refused.AssertProblemAsync(503, "documents.fonts-missing");
    }
}

[Collection(OnSqlite.Name)]
public sealed class SqliteDocumentApiTests(SqliteServerFixture fixture) : DocumentApiTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresDocumentApiTests(PostgresServerFixture fixture) : DocumentApiTests(fixture);
