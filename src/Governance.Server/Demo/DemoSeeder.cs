using System.Globalization;
using System.Text;
using Governance.Domain.Alliances;
using Governance.Domain.Charters;
using Governance.Domain.Common;
using Governance.Domain.Memberships;
using Governance.Domain.Organizations;
using Governance.Domain.People;
using Governance.Server.Identity;
using Governance.Server.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Demo;

public sealed record DemoAccount(string Name, string Email, IReadOnlyList<string> Roles);

public sealed record DemoSeedResult(Guid AllianceId, string AllianceName, bool Created, IReadOnlyList<DemoAccount> Accounts);

/// <summary>
/// A realistic demo: a Liaoning intelligent-manufacturing industry–education alliance (after the
/// Liaoning construction plan in shared/seeds) with its chair university, universities, vocational
/// colleges, enterprises, a research institute, its supervising department, council, expert
/// committee, charter v1 and one person for each role. Organization names are invented; credit codes
/// are well-formed (GB 32100-2015 and GB 11714 check characters). Seeding twice changes nothing.
/// </summary>
public sealed class DemoSeeder(GovernanceDbContext db, TimeProvider clock, UserManager<Account> users, ClientRegistrar clients)
{
    public const string AllianceName = "辽宁省智能制造产教联盟";
    public const string EmailDomain = "demo.example";

    /// <summary>Every demo person's password; these accounts exist only where the demo seed ran (never in Production).</summary>
    public const string DemoPassword = "demo-liaoning-2026";

    /// <summary>A client-credentials client of the demo, for trying the API with curl.</summary>
    public const string DemoClientId = "demo-integration";
    public const string DemoClientSecret = "demo-integration-secret-change-me";

    public async Task<DemoSeedResult> SeedAsync(CancellationToken cancellationToken)
    {
        var existing = await db.Alliances.AsNoTracking().SingleOrDefaultAsync(a => a.Name == AllianceName, cancellationToken);
        if (existing is not null)
        {
            await SeedAccountsAsync(cancellationToken);
            return new DemoSeedResult(existing.Id.Value, existing.Name, false, await AccountsAsync(cancellationToken));
        }

        var now = clock.GetUtcNow();
        var department = Org(OrganizationKind.GovernmentAgency, "辽宁省教育厅", "11", "210000", "沈阳市", "张明远", 1, now);
        var chairUniversity = Org(OrganizationKind.University, "辽沈理工大学", "12", "210100", "沈阳市", "陈国华", 2, now);
        var bohai = Org(OrganizationKind.University, "渤海工业大学", "12", "210700", "锦州市", "李文博", 3, now);
        var northeast = Org(OrganizationKind.University, "东北装备科技大学", "12", "210100", "沈阳市", "高志强", 4, now);
        var liaodong = Org(OrganizationKind.University, "辽东工程学院", "12", "210600", "丹东市", "曹丽华", 5, now);
        var jidian = Org(OrganizationKind.VocationalSchool, "辽宁机电职业技术学院", "12", "210100", "沈阳市", "孙海涛", 6, now);
        var dalianVocational = Org(OrganizationKind.VocationalSchool, "大连智能制造职业技术学院", "12", "210200", "大连市", "林晓东", 7, now);
        var jinggong = Org(OrganizationKind.Enterprise, "沈阳精工数控机床有限公司", "91", "210100", "沈阳市", "赵建国", 8, now);
        var yuanhang = Org(OrganizationKind.Enterprise, "大连远航机器人科技有限公司", "91", "210200", "大连市", "周启航", 9, now);
        var gangyan = Org(OrganizationKind.Enterprise, "鞍山钢研智能装备有限公司", "91", "210300", "鞍山市", "钱立新", 10, now);
        var xincai = Org(OrganizationKind.Enterprise, "营口新材料科技股份有限公司", "91", "210800", "营口市", "吴承志", 11, now);
        var internet = Org(OrganizationKind.Enterprise, "辽宁工业互联网服务有限公司", "91", "210100", "沈阳市", "郑一鸣", 12, now);
        var sensor = Org(OrganizationKind.Enterprise, "锦州精密传感器有限公司", "91", "210700", "锦州市", "冯晓光", 13, now);
        var institute = Org(OrganizationKind.ResearchInstitute, "辽宁省智能制造研究院", "12", "210100", "沈阳市", "何振华", 14, now);
        Organization[] organizations =
            [department, chairUniversity, bohai, northeast, liaodong, jidian, dalianVocational, jinggong, yuanhang, gangyan, xincai, internet, sensor, institute];
        db.Organizations.AddRange(organizations);

        var alliance = new Alliance(
            AllianceId.New(), AllianceName, "智能制造", AllianceKind.IndustryEducationAlliance, department, now);
        db.Alliances.Add(alliance);

        (Organization Organization, MembershipRole Role)[] members =
        [
            (chairUniversity, MembershipRole.ChairUnit),
            (bohai, MembershipRole.ViceChairUnit),
            (jinggong, MembershipRole.ViceChairUnit),
            (northeast, MembershipRole.CouncilMemberUnit),
            (jidian, MembershipRole.CouncilMemberUnit),
            (yuanhang, MembershipRole.CouncilMemberUnit),
            (institute, MembershipRole.CouncilMemberUnit),
            (liaodong, MembershipRole.MemberUnit),
            (dalianVocational, MembershipRole.MemberUnit),
            (gangyan, MembershipRole.MemberUnit),
            (xincai, MembershipRole.MemberUnit),
            (sensor, MembershipRole.MemberUnit),
            (internet, MembershipRole.InvitedMember),
        ];

        // The founding path the workflows will later drive: applied, reviewed, founded, members
        // admitted and active, charter v1 in force, council seated, then active.
        alliance.MoveTo(AllianceStatus.UnderReview, null, now);
        alliance.MoveTo(AllianceStatus.Founded, null, now);
        var memberships = new List<Membership>();
        foreach (var (organization, role) in members)
        {
            var membership = Membership.Apply(alliance, organization, role, [], false, now);
            membership.Admit(now, memberships);
            membership.Activate(now);
            memberships.Add(membership);
        }

        db.Memberships.AddRange(memberships);

        var charter = FoundingCharter(alliance.Id, now);
        charter.PutInForceAtFounding(now);
        db.Charters.Add(charter);

        var people = new List<Person>();
        Person Person(string name, string mailbox, string phone)
        {
            var person = new Person(PersonId.New(), name, $"{mailbox}@{EmailDomain}", phone, PreferredLanguage.ZhCn, now);
            people.Add(person);
            return person;
        }

        var allianceScope = RoleScope.Alliance(alliance.Id);
        var admin = Person("王子涵", "admin", "13800000001");
        admin.Grant(Role.Administrator, RoleScope.Platform, now, null);
        var officer = Person("张明远", "officer", "13800000002");
        officer.Grant(Role.SupervisingOfficer, RoleScope.Organization(department.Id), now, null);

        var chair = Person("陈国华", "chair", "13800000003");
        chair.Grant(Role.Chair, allianceScope, now, null);
        chair.Grant(Role.CouncilMember, allianceScope, now, null);
        chair.Grant(Role.LegalRepresentative, RoleScope.Organization(chairUniversity.Id), now, null);
        chairUniversity.AssignLegalRepresentative("陈国华", chair.Id, now);

        (string Name, string Mailbox, Organization Unit, CouncilPosition Position)[] council =
        [
            ("李文博", "council.bohai", bohai, CouncilPosition.ViceChair),
            ("赵建国", "council.jinggong", jinggong, CouncilPosition.ViceChair),
            ("高志强", "council.northeast", northeast, CouncilPosition.Member),
            ("孙海涛", "council.jidian", jidian, CouncilPosition.Member),
            ("周启航", "council.yuanhang", yuanhang, CouncilPosition.Member),
            ("何振华", "council.institute", institute, CouncilPosition.Member),
        ];
        alliance.SeatCouncilMember(chair.Id, Of(chairUniversity), CouncilPosition.Chair, now);
        var phone = 10;
        foreach (var (name, mailbox, unit, position) in council)
        {
            var member = Person(name, mailbox, $"138000000{phone++}");
            member.Grant(Role.CouncilMember, allianceScope, now, null);
            alliance.SeatCouncilMember(member.Id, Of(unit), position, now);

            // In the demo each council member unit is represented on the council by its legal
            // representative, so that person also signs agreements for it.
            if (unit.LegalRepresentativeName == name)
            {
                member.Grant(Role.LegalRepresentative, RoleScope.Organization(unit.Id), now, null);
                unit.AssignLegalRepresentative(name, member.Id, now);
            }
        }

        var secretariat = Person("钱慧敏", "secretariat", "13800000004");
        secretariat.Grant(Role.Secretariat, allianceScope, now, null);
        var expert = Person("冯立群", "expert", "13800000005");
        expert.Grant(Role.Expert, allianceScope, now, null);
        alliance.AppointExpert(expert.Id, institute.Id, "工业机器人与智能产线", now);
        var legalRepresentative = Person("吴承志", "legal.xincai", "13800000006");
        legalRepresentative.Grant(Role.LegalRepresentative, RoleScope.Organization(xincai.Id), now, null);
        xincai.AssignLegalRepresentative("吴承志", legalRepresentative.Id, now);
        var liaison = Person("何晓燕", "liaison.yuanhang", "13800000007");
        liaison.Grant(Role.Liaison, RoleScope.Organization(yuanhang.Id), now, null);
        yuanhang.AssignLiaison(liaison.Id, now);

        // Every member unit can sign (legal representative) and report (liaison) on the platform.
        (string Key, Organization Unit, string Liaison)[] units =
        [
            ("chair", chairUniversity, "刘雅琴"), ("bohai", bohai, "马俊峰"), ("northeast", northeast, "韩雪"), ("liaodong", liaodong, "邓宇航"),
            ("jidian", jidian, "彭丽娟"), ("dalian", dalianVocational, "许文静"), ("jinggong", jinggong, "宋佳琪"), ("gangyan", gangyan, "唐志远"),
            ("xincai", xincai, "董欣怡"), ("internet", internet, "袁博"), ("sensor", sensor, "蒋瑞"), ("institute", institute, "谢婷"),
        ];
        phone = 20;
        foreach (var (key, unit, liaisonName) in units)
        {
            if (unit.LegalRepresentativeId is null)
            {
                var representative = Person(unit.LegalRepresentativeName, $"legal.{key}", $"138000000{phone++}");
                representative.Grant(Role.LegalRepresentative, RoleScope.Organization(unit.Id), now, null);
                unit.AssignLegalRepresentative(unit.LegalRepresentativeName, representative.Id, now);
            }

            var contact = Person(liaisonName, $"liaison.{key}", $"138000000{phone++}");
            contact.Grant(Role.Liaison, RoleScope.Organization(unit.Id), now, null);
            unit.AssignLiaison(contact.Id, now);
        }

        alliance.MoveTo(AllianceStatus.Active, null, now, memberships);
        db.People.AddRange(people);
        await db.SaveChangesAsync(cancellationToken);
        await SeedAccountsAsync(cancellationToken);
        return new DemoSeedResult(alliance.Id.Value, alliance.Name, true, await AccountsAsync(cancellationToken));

        Membership Of(Organization organization) => memberships.Single(m => m.OrganizationId == organization.Id);
    }

    public static string Describe(DemoSeedResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Demo alliance 演示联盟: {result.AllianceName} ({result.AllianceId}){(result.Created ? " — seeded" : " — already present")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Demo accounts 演示账号 (password 密码: {DemoPassword}; sign in at /account/login):");
        foreach (var account in result.Accounts)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {account.Email,-32} {account.Name}  {string.Join(", ", account.Roles)}");
        }

        text.AppendLine(CultureInfo.InvariantCulture,
            $"Demo API client 演示接口客户端: client_id={DemoClientId} client_secret={DemoClientSecret} (client credentials, governance.read)");
        return text.ToString();
    }

    // A confirmed account with the demo password for every demo person who has none, and the demo client.
    private async Task SeedAccountsAsync(CancellationToken cancellationToken)
    {
        var people = await db.People.AsNoTracking().Where(p => p.Email.EndsWith("@" + EmailDomain)).ToListAsync(cancellationToken);
        foreach (var person in people)
        {
            if (await users.FindByIdAsync(person.Id.Value.ToString()) is not null)
            {
                continue;
            }

            var result = await users.CreateAsync(
                new Account { Id = person.Id.Value, UserName = person.Email, Email = person.Email, EmailConfirmed = true, PhoneNumber = person.Phone }, DemoPassword);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Demo account {person.Email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
            }
        }

        var client = new ClientRegistration { ClientId = DemoClientId, ClientSecret = DemoClientSecret, DisplayName = "演示集成 / Demo integration" };
        client.GrantTypes.Add("client_credentials");
        client.Scopes.Add("governance.read");
        await clients.RegisterAsync(client, cancellationToken);
    }

    private async Task<IReadOnlyList<DemoAccount>> AccountsAsync(CancellationToken cancellationToken)
    {
        var people = await db.People.AsNoTracking()
            .Where(p => p.Email.EndsWith("@" + EmailDomain))
            .ToListAsync(cancellationToken);
        return people
            .OrderBy(p => p.Email, StringComparer.Ordinal)
            .Select(p => new DemoAccount(p.Name, p.Email, p.Roles.Select(r => r.Role.ToString()).Distinct().ToList()))
            .ToList();
    }

    private static Organization Org(
        OrganizationKind kind, string name, string registrationPrefix, string division, string region,
        string legalRepresentative, int serial, DateTimeOffset now) =>
        new(OrganizationId.New(), kind, name, DemoCreditCode(registrationPrefix, division, serial), region, legalRepresentative, now);

    /// <summary>
    /// Registration authority and type (2 chars), administrative division (6 digits), organization
    /// code (8 digits + GB 11714 check character), then the GB 32100 check character.
    /// </summary>
    internal static UnifiedSocialCreditCode DemoCreditCode(string registrationPrefix, string division, int serial)
    {
        var body = (73_000_000 + (serial * 104_729)).ToString("D8", CultureInfo.InvariantCulture);
        int[] weights = [3, 7, 9, 10, 5, 8, 4, 2];
        var sum = body.Select((c, i) => (c - '0') * weights[i]).Sum();
        var check = (11 - (sum % 11)) switch
        {
            10 => 'X',
            11 => '0',
            var digit => (char)('0' + digit),
        };
        var first17 = registrationPrefix + division + body + check;
        return UnifiedSocialCreditCode.Parse(first17 + UnifiedSocialCreditCode.CheckCharacter(first17));
    }

    private static Charter FoundingCharter(AllianceId alliance, DateTimeOffset now) => new(
        CharterId.New(),
        alliance,
        1,
        "辽宁省智能制造产教联盟章程",
        [
            ("总则", "本联盟由辽宁省内从事智能制造相关教育、研究和生产的高等学校、职业院校、企业和科研院所自愿组成，是非营利性、开放式的产教融合合作组织。联盟成员均为独立法人，依据本章程和联盟协议开展合作。"),
            ("宗旨与任务", "联盟以服务辽宁装备制造业转型升级为宗旨，推动人才培养、协同创新、成果转化和社会服务一体化发展；组织开展订单培养、现代学徒制、联合攻关和技术转移，建设校企合作信息服务平台。"),
            ("成员", "高等学校和职业院校可以同时加入多个联盟；企业原则上只加入一个联盟，确需加入第二个联盟的，须经理事会决定。存在严重失信行为的单位不得申请加入；联盟可邀请特邀成员参加活动。"),
            ("组织机构", "理事会是联盟的最高决策机构，负责制定和修改章程，吸收和罢免理事单位，审议年度工作计划和总结。理事长单位负责召集理事会会议。秘书处是联盟的常设执行机构，负责执行理事会决议，起草年度工作计划和年度工作进展报告。专家委员会由理事会聘任，提供咨询和评估。"),
            ("议事规则", "理事会会议须有三分之二以上理事出席方能召开。修改章程、罢免理事单位须经全体理事三分之二以上同意；吸收新成员须经全体理事过半数同意；其他事项经出席理事过半数同意。与表决事项有利害关系的理事应当回避。"),
            ("经费", "联盟经费来源于成员单位缴纳的会费、合作项目经费和社会捐赠，专款专用，接受成员单位和主管部门的监督。"),
            ("进入与退出", "联盟建立开放的进入与退出通道。成员单位可以自愿申请退出；严重违反章程或信用状况恶化的成员单位，经理事会表决可予以除名。"),
            ("附则", "本章程经理事会表决通过并由理事单位法定代表人签署后生效，解释权属于联盟理事会。"),
        ],
        [
            new VotingRule(VotingMatter.General, Quorum.TwoThirds, VotingThreshold.MajorityOfVotesCast, true),
            new VotingRule(VotingMatter.MemberAdmission, Quorum.TwoThirds, VotingThreshold.MajorityOfAllEligible, true),
            new VotingRule(VotingMatter.MemberRemoval, Quorum.TwoThirds, VotingThreshold.TwoThirdsOfAllEligible, true),
            new VotingRule(VotingMatter.CharterAmendment, Quorum.TwoThirds, VotingThreshold.TwoThirdsOfAllEligible, true),
            new VotingRule(VotingMatter.EnterpriseExemption, Quorum.TwoThirds, VotingThreshold.MajorityOfAllEligible, true),
            new VotingRule(VotingMatter.AnnualReport, Quorum.TwoThirds, VotingThreshold.MajorityOfVotesCast, false),
        ],
        now);
}
