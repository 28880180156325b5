using Governance.Domain.Alliances;
using Governance.Domain.Common;
using Governance.Domain.Organizations;
using Governance.Domain.People;
using Governance.Server.Features.Email;
using Governance.Server.Persistence;
using Governance.Server.Tests.Builders;
using Governance.Server.Tests.Infrastructure;
using Governance.Server.WorkflowHosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Server.Tests.Email;

/// <summary>
/// An email test: the collection's server (real database, fake clock) reconfigured to deliver over SMTP
/// to <see cref="Sink"/>, with the dispatcher driven by the test (<see cref="DispatchAsync"/>), not by a poll loop.
/// </summary>
public abstract class EmailTest(ServerFixture fixture) : ServerTest(fixture)
{
    public const string WebBase = "https://governance.example.edu.cn/app/";

    private WebApplicationFactory<Program>? _server;

    protected WebApplicationFactory<Program> Server => _server ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>The SMTP server messages go to: the test command's, unless a test class brings its own.</summary>
    protected virtual SmtpSink Sink => SmtpSink.Shared;

    protected DateTimeOffset Now => Factory.Clock.GetUtcNow();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var settings = Sink.Settings();
        settings["Email:RunDispatcher"] = "false";
        settings["Email:WebBaseUrl"] = WebBase;
        settings["Email:FromAddress"] = "noreply@governance.example.edu.cn";
        settings["Email:RetryBaseDelay"] = "00:00:10";
        settings["Email:RetryMaxDelay"] = "00:05:00";
        foreach (var (key, value) in ExtraSettings())
        {
            settings[key] = value;
        }

        _server = Factory.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });
        using var client = _server.CreateClient();
    }

    public override async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => [];

    protected AsyncServiceScope Scope() => Server.Services.CreateAsyncScope();

    protected Task<int> DispatchAsync() => Server.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);

    /// <summary>Composes and commits, as a handler's unit of work would.</summary>
    protected async Task<IReadOnlyList<OutboxMessageRecord>> ComposeAsync(
        RecipientSpec to, EmailModel model, IReadOnlyList<EmailAttachment>? attachments = null, string? key = null)
    {
        await using var scope = Scope();
        var composed = await scope.ServiceProvider.GetRequiredService<EmailComposer>().ComposeAsync(to, model, attachments, key);
        await scope.ServiceProvider.GetRequiredService<GovernanceDbContext>().SaveChangesAsync();
        return composed;
    }

    protected async Task<OutboxMessageRecord> LoadAsync(Guid id)
    {
        await using var scope = Scope();
        return await scope.ServiceProvider.GetRequiredService<GovernanceDbContext>().OutboxMessages.AsNoTracking()
            .Include(m => m.Attachments).SingleAsync(m => m.Id == id);
    }

    /// <summary>An alliance with a secretary, a chair, two council members (one of them English-speaking, one whose term has ended) and people of its own.</summary>
    protected async Task<EmailWorld> SeedWorldAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var supervisor = TestData.Organization(OrganizationKind.GovernmentAgency, $"辽宁省教育厅{tag}");
        var member = TestData.Organization(OrganizationKind.Enterprise, $"沈阳新松机器人{tag}");
        var alliance = TestData.Alliance(supervisor, $"辽宁省智能制造产教联盟{tag}");
        var past = Now.AddYears(-1);
        Person NewPerson(string name, string local, PreferredLanguage language) =>
            new(PersonId.New(), name, $"{local}.{tag}@demo.example", null, language, past);

        var secretary = NewPerson("王秘书", "secretary", PreferredLanguage.ZhCn);
        secretary.Grant(Role.Secretariat, RoleScope.Alliance(alliance.Id), past, null);
        var chair = NewPerson("李理事长", "chair", PreferredLanguage.ZhCn);
        chair.Grant(Role.Chair, RoleScope.Alliance(alliance.Id), past, null);
        var councillorZh = NewPerson("赵理事", "council-zh", PreferredLanguage.ZhCn);
        councillorZh.Grant(Role.CouncilMember, RoleScope.Alliance(alliance.Id), past, null);
        var councillorEn = NewPerson("Emma Clark", "council-en", PreferredLanguage.En);
        councillorEn.Grant(Role.CouncilMember, RoleScope.Alliance(alliance.Id), past, null);
        var formerCouncillor = NewPerson("钱前理事", "council-former", PreferredLanguage.ZhCn);
        formerCouncillor.Grant(Role.CouncilMember, RoleScope.Alliance(alliance.Id), past, Now.AddDays(-1));
        var legal = NewPerson("孙法人", "legal", PreferredLanguage.ZhCn);
        legal.Grant(Role.LegalRepresentative, RoleScope.Organization(member.Id), past, null);
        var assigneeEn = NewPerson("David Lee", "assignee-en", PreferredLanguage.En);
        var assigneeZh = NewPerson("周办事", "assignee-zh", PreferredLanguage.ZhCn);

        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        db.Organizations.AddRange(supervisor, member);
        db.Alliances.Add(alliance);
        db.People.AddRange(secretary, chair, councillorZh, councillorEn, formerCouncillor, legal, assigneeEn, assigneeZh);
        await db.SaveChangesAsync();
        return new EmailWorld(alliance, member, secretary, chair, councillorZh, councillorEn, formerCouncillor, legal, assigneeEn, assigneeZh);
    }
}

public sealed record EmailWorld(
    Alliance Alliance, Organization Member, Person Secretary, Person Chair, Person CouncillorZh, Person CouncillorEn,
    Person FormerCouncillor, Person LegalRepresentative, Person AssigneeEn, Person AssigneeZh);
