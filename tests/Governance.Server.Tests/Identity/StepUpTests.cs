using System.Net;
using System.Text.RegularExpressions;
using Governance.Domain.Common;
using Governance.Domain.People;
using Governance.Server.Identity;
using Governance.Server.Tests.Api;
using Governance.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Server.Tests.Identity;

public abstract class StepUpTests(ServerFixture fixture) : ServerTest(fixture)
{
    private const string Purpose = "sign:agreement:7f3c";

    [Fact]
    public async Task Code_SentToTheOutboxInThePersonsLanguage_VerifiesOnceIntoAProof()
    {
        var (person, client) = await SignerAsync(PreferredLanguage.ZhCn);

        var sent = await client.PostJsonAsync("/api/v1/step-up/codes", new { purpose = Purpose });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var (code, subject, body) = await LastCodeAsync(person);
        Assert.StartsWith("验证码", subject, StringComparison.Ordinal);
        Assert.Contains("10 分钟内", body, StringComparison.Ordinal);

        var verified = await client.PostJsonAsync("/api/v1/step-up/verify", new { purpose = Purpose, code });
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        var proof = await verified.JsonAsync();
        Assert.Equal("EmailOneTimeCode", proof.GetProperty("method").GetString());
        Assert.Equal(Factory.Clock.GetUtcNow(), proof.GetProperty("verifiedAt").GetDateTimeOffset());

        // The same code a second time: already used.
        await (await client.PostJsonAsync("/api/v1/step-up/verify", new { purpose = Purpose, code })).AssertProblemAsync(422, "step-up.no-code", "code");

        // The proof is consumed once, for its purpose, by its person, recording method and time.
        await using var scope = Factory.Scope();
        var stepUp = scope.ServiceProvider.GetRequiredService<StepUpService>();
        var evidence = await stepUp.ConsumeAsync(person, Purpose, proof.GetProperty("proof").GetString(), CancellationToken.None);
        await GovernanceApiFactory.Db(scope).SaveChangesAsync();
        Assert.Equal(Domain.Agreements.AuthenticationMethod.EmailOneTimeCode, evidence.Method);
        var again = await Assert.ThrowsAsync<DomainRuleViolation>(() =>
            stepUp.ConsumeAsync(person, Purpose, proof.GetProperty("proof").GetString(), CancellationToken.None));
        Assert.Equal("step-up.proof-used", again.Code);
    }

    [Fact]
    public async Task Code_InEnglishForAnEnglishSpeaker()
    {
        var (person, client) = await SignerAsync(PreferredLanguage.En);

        await client.PostJsonAsync("/api/v1/step-up/codes", new { purpose = Purpose });

        var (_, subject, body) = await LastCodeAsync(person);
        Assert.StartsWith("Verification code", subject, StringComparison.Ordinal);
        Assert.Contains("valid for 10 minutes", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Code_AfterTenMinutes_IsExpired()
    {
        var (person, client) = await SignerAsync(PreferredLanguage.ZhCn);
        await client.PostJsonAsync("/api/v1/step-up/codes", new { purpose = Purpose });
        var (code, _, _) = await LastCodeAsync(person);

        Factory.Clock.Advance(TimeSpan.FromMinutes(10));

        await (await client.PostJsonAsync("/api/v1/step-up/verify", new { purpose = Purpose, code })).AssertProblemAsync(422, "step-up.code-expired", "code");
    }

    [Fact]
    public async Task Code_FiveWrongAttempts_KillTheCodeEvenForTheRightOne()
    {
        var (person, client) = await SignerAsync(PreferredLanguage.ZhCn);
        await client.PostJsonAsync("/api/v1/step-up/codes", new { purpose = Purpose });
        var (code, _, _) = await LastCodeAsync(person);
        var wrong = code == "000000" ? "111111" : "000000";

        for (var i = 1; i <= 4; i++)
        {
            var problem = await (await client.PostJsonAsync("/api/v1/step-up/verify", new { purpose = Purpose, code = wrong }))
                .AssertProblemAsync(422, "step-up.code-invalid", "code");
            Assert.Contains($"{5 - i} attempt", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        await (await client.PostJsonAsync("/api/v1/step-up/verify", new { purpose = Purpose, code = wrong })).AssertProblemAsync(422, "step-up.too-many-attempts");
        await (await client.PostJsonAsync("/api/v1/step-up/verify", new { purpose = Purpose, code })).AssertProblemAsync(422, "step-up.too-many-attempts");

        // Every failed attempt is in the audit trail with why it failed, and never with the code typed.
        var failed = await AuditAsync(person, "step-up.failed");
        Assert.Equal(
            [.. Enumerable.Repeat("step-up.code-invalid", 4), "step-up.too-many-attempts", "step-up.too-many-attempts"],
            failed.Select(e => e.Summary![(e.Summary!.LastIndexOf(' ') + 1)..]));
        Assert.All(failed, e => Assert.StartsWith($"EmailOneTimeCode for {Purpose}: ", e.Summary, StringComparison.Ordinal));
        Assert.All(failed, e => Assert.Equal(person, e.ActorId));
        Assert.DoesNotContain(failed, e => e.Summary!.Contains(wrong, StringComparison.Ordinal) || e.Summary.Contains(code, StringComparison.Ordinal));
        Assert.Empty(await AuditAsync(person, "step-up.verified"));
    }

    [Fact]
    public async Task Code_ForAnotherPurpose_DoesNotCount()
    {
        var (person, client) = await SignerAsync(PreferredLanguage.ZhCn);
        await client.PostJsonAsync("/api/v1/step-up/codes", new { purpose = Purpose });
        var (code, _, _) = await LastCodeAsync(person);

        await (await client.PostJsonAsync("/api/v1/step-up/verify", new { purpose = "sign:agreement:other", code })).AssertProblemAsync(422, "step-up.no-code");
    }

    [Fact]
    public async Task Password_Reentry_GivesAProofThatExpiresAfterFiveMinutes()
    {
        var (person, client) = await SignerAsync(PreferredLanguage.ZhCn);

        await (await client.PostJsonAsync("/api/v1/step-up/verify", new { purpose = Purpose, password = "wrong-password-1" }))
            .AssertProblemAsync(422, "step-up.password-invalid", "password");
        var failed = Assert.Single(await AuditAsync(person, "step-up.failed"));
        Assert.Equal($"PasswordReentry for {Purpose}: step-up.password-invalid", failed.Summary);
        var verified = await client.PostJsonAsync("/api/v1/step-up/verify", new { purpose = Purpose, password = TestAccounts.Password });
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        var body = await verified.JsonAsync();
        var proof = body.GetProperty("proof").GetString();
        Assert.Equal("PasswordReentry", body.GetProperty("method").GetString());

        Factory.Clock.Advance(TimeSpan.FromMinutes(5));

        await using var scope = Factory.Scope();
        var expired = await Assert.ThrowsAsync<DomainRuleViolation>(() =>
            scope.ServiceProvider.GetRequiredService<StepUpService>().ConsumeAsync(person, Purpose, proof, CancellationToken.None));
        Assert.Equal("step-up.proof-expired", expired.Code);
    }

    [Fact]
    public async Task Proof_OfAnotherPersonOrPurpose_IsRefused()
    {
        var (person, client) = await SignerAsync(PreferredLanguage.ZhCn);
        var proof = (await (await client.PostJsonAsync("/api/v1/step-up/verify", new { purpose = Purpose, password = TestAccounts.Password })).JsonAsync())
            .GetProperty("proof").GetString();

        await using var scope = Factory.Scope();
        var stepUp = scope.ServiceProvider.GetRequiredService<StepUpService>();
        var otherPurpose = await Assert.ThrowsAsync<DomainRuleViolation>(() => stepUp.ConsumeAsync(person, "sign:agreement:other", proof, CancellationToken.None));
        var otherPerson = await Assert.ThrowsAsync<DomainRuleViolation>(() => stepUp.ConsumeAsync(PersonId.New(), Purpose, proof, CancellationToken.None));
        Assert.Equal(("step-up.proof-invalid", "step-up.proof-invalid"), (otherPurpose.Code, otherPerson.Code));
    }

    [Fact]
    public async Task Verify_NeitherCodeNorPassword_Returns422()
    {
        var (_, client) = await SignerAsync(PreferredLanguage.ZhCn);

        await (await client.PostJsonAsync("/api/v1/step-up/verify", new { purpose = Purpose })).AssertProblemAsync(422, "step-up.code-or-password", "code");
        await (await client.PostJsonAsync("/api/v1/step-up/codes", new { purpose = "" })).AssertProblemAsync(422, "step-up.purpose-required", "purpose");
    }

    private async Task<(PersonId Person, HttpClient Client)> SignerAsync(PreferredLanguage language)
    {
        var id = PersonId.New();
        await using (var scope = Factory.Scope())
        {
            var db = GovernanceApiFactory.Db(scope);
            var person = new Person(id, language == PreferredLanguage.En ? "Alice Signer" : "王签署", $"s{id.Value:N}@tests.example", null, language, Factory.Clock.GetUtcNow());
            person.Grant(Role.LegalRepresentative, RoleScope.Organization(OrganizationId.New()), Factory.Clock.GetUtcNow(), null);
            db.People.Add(person);
            await db.SaveChangesAsync();
        }

        return (id, await Factory.CreateClientForAsync(id));
    }

    private async Task<List<Domain.Audit.AuditEntry>> AuditAsync(PersonId person, string action)
    {
        await using var scope = Factory.Scope();
        var target = person.ToString();
        return await GovernanceApiFactory.Db(scope).AuditEntries.AsNoTracking()
            .Where(e => e.Action == action && e.TargetId == target).OrderBy(e => e.Sequence).ToListAsync();
    }

    private async Task<(string Code, string Subject, string Body)> LastCodeAsync(PersonId person)
    {
        await using var scope = Factory.Scope();
        var db = GovernanceApiFactory.Db(scope);
        var email = await db.People.Where(p => p.Id == person).Select(p => p.Email).SingleAsync();
        var messages = await db.OutboxMessages.Where(m => m.To == email).ToListAsync();
        var message = messages.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Last();
        return (Regex.Match(message.Subject, @"\d{6}").Value, message.Subject, message.Body);
    }
}

[Collection(OnSqlite.Name)]
public sealed class SqliteStepUpTests(SqliteServerFixture fixture) : StepUpTests(fixture);

[Collection(OnPostgres.Name)]
public sealed class PostgresStepUpTests(PostgresServerFixture fixture) : StepUpTests(fixture);
