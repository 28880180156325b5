using System.Globalization;
using System.Text.Json.Nodes;
using Governance.Domain.Memberships;
using Governance.Server.Demo;
using Governance.Server.Features.Documents;
using Governance.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Server.Tests.Documents;

/// <summary>Document data built from the demo alliance (辽宁省智能制造产教联盟) as the workflows will build it.</summary>
public sealed class DocumentDemoData
{
    private DocumentDemoData(Guid allianceId, IReadOnlyList<Party> parties, string charterTitle, int charterVersion,
        IReadOnlyList<(string Title, string Body)> sections, IReadOnlyList<JsonObject> rules)
    {
        AllianceId = allianceId;
        Parties = parties;
        CharterTitle = charterTitle;
        CharterVersion = charterVersion;
        Sections = sections;
        Rules = rules;
    }

    public sealed record Party(string Name, string CreditCode, string LegalRepresentative, string Kind, MembershipRole Role);

    public Guid AllianceId { get; }

    public IReadOnlyList<Party> Parties { get; }

    public string CharterTitle { get; }

    public int CharterVersion { get; }

    public IReadOnlyList<(string Title, string Body)> Sections { get; }

    public IReadOnlyList<JsonObject> Rules { get; }

    public static async Task<DocumentDemoData> SeedAsync(GovernanceApiFactory factory)
    {
        await using var scope = factory.Scope();
        var seeded = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
        var db = GovernanceApiFactory.Db(scope);
        var organizations = await db.Organizations.AsNoTracking().ToDictionaryAsync(o => o.Id);
        var memberships = await db.Memberships.AsNoTracking().ToListAsync();
        var parties = memberships
            .OrderBy(m => m.Role)
            .Select(m => organizations[m.OrganizationId])
            .Zip(memberships.OrderBy(m => m.Role), (o, m) => new Party(o.Name, o.CreditCode.Value, o.LegalRepresentativeName, o.Kind.ToString(), m.Role))
            .ToList();
        var charter = await db.Charters.AsNoTracking().SingleAsync();
        var rules = charter.VotingRules.Select(r => new JsonObject
        {
            ["matter"] = r.Matter.ToString(),
            ["quorum"] = r.Quorum.ToString(),
            ["threshold"] = r.Threshold.ToString(),
            ["recusal"] = r.RecuseInterestedMembers,
        }).ToList();
        return new DocumentDemoData(seeded.AllianceId, parties, charter.Title, charter.VersionNumber,
            charter.Sections.Select(s => (s.Title, s.Body)).ToList(), rules);
    }

    public Party Chair => Parties.Single(p => p.Role == MembershipRole.ChairUnit);

    public Party Applicant => Parties.Single(p => p.Name == "营口新材料科技股份有限公司");

    private JsonObject CharterRef() => new() { ["title"] = CharterTitle, ["version"] = CharterVersion };

    private static JsonArray Array(IEnumerable<JsonNode?> items) => new([.. items]);

    private static JsonArray Strings(params string[] items) => Array(items.Select(i => (JsonNode?)JsonValue.Create(i)));

    public JsonObject Model(DocumentKind kind) => kind switch
    {
        DocumentKind.ApplicationReceipt => new JsonObject
        {
            ["applicant"] = new JsonObject
            {
                ["name"] = Applicant.Name, ["creditCode"] = Applicant.CreditCode, ["kind"] = Applicant.Kind,
                ["legalRepresentative"] = Applicant.LegalRepresentative, ["contact"] = "吴承志 legal.xincai@demo.example",
            },
            ["application"] = new JsonObject
            {
                ["submittedAt"] = "2026年3月2日", ["role"] = "MemberUnit",
                ["materials"] = Strings("入盟申请表（加盖公章）", "营业执照副本扫描件", "法定代表人身份证明", "近三年校企合作情况说明"),
            },
            ["charter"] = CharterRef(),
        },
        DocumentKind.BallotResolution => new JsonObject
        {
            ["ballot"] = new JsonObject
            {
                ["title"] = $"关于吸收{Applicant.Name}为联盟成员单位的议案",
                ["matter"] = "MemberAdmission",
                ["description"] = $"{Applicant.Name}申请以成员单位身份加入联盟，秘书处已完成材料审核和信用核验。",
                ["openedAt"] = "2026年3月5日 09:00", ["closedAt"] = "2026年3月12日 17:00",
            },
            ["rule"] = Rules.Single(r => (string?)r["matter"] == "MemberAdmission").DeepClone(),
            ["charter"] = CharterRef(),
            ["tally"] = new JsonObject
            {
                ["eligible"] = 6, ["participated"] = 6, ["yes"] = 5, ["no"] = 0, ["abstain"] = 1, ["recused"] = 1,
                ["quorumMet"] = true, ["outcome"] = "Approved",
            },
            ["voters"] = Array(new (string Name, string Org, string Vote)[]
            {
                ("陈国华", "辽沈理工大学", "Yes"), ("李文博", "渤海工业大学", "Yes"), ("赵建国", "沈阳精工数控机床有限公司", "Yes"),
                ("高志强", "东北装备科技大学", "Yes"), ("孙海涛", "辽宁机电职业技术学院", "Abstain"), ("何振华", "辽宁省智能制造研究院", "Yes"),
            }.Select((v, i) => (JsonNode?)new JsonObject
            {
                ["name"] = v.Name, ["organization"] = v.Org, ["vote"] = v.Vote,
                ["votedAt"] = string.Create(CultureInfo.InvariantCulture, $"2026-03-{6 + i:00} 10:{15 + i:00}"),
            })),
            ["recusals"] = Array([new JsonObject
            {
                ["name"] = "周启航", ["organization"] = "大连远航机器人科技有限公司", ["reason"] = "与申请单位存在控股关联关系，依章程回避。",
            }]),
        },
        DocumentKind.AdmissionNotice => new JsonObject
        {
            ["member"] = new JsonObject
            {
                ["name"] = Applicant.Name, ["creditCode"] = Applicant.CreditCode,
                ["legalRepresentative"] = Applicant.LegalRepresentative, ["role"] = "MemberUnit",
            },
            ["decision"] = new JsonObject { ["decidedAt"] = "2026年3月12日", ["resolutionNumber"] = "BR-20260312-5A1C9E02" },
            ["signingDays"] = 15,
            ["charter"] = CharterRef(),
        },
        DocumentKind.AllianceAgreement => AllianceAgreement(Parties),
        DocumentKind.AccessionAgreement => new JsonObject
        {
            ["representative"] = new JsonObject
            {
                ["name"] = Chair.Name, ["creditCode"] = Chair.CreditCode, ["legalRepresentative"] = Chair.LegalRepresentative,
                ["signedAt"] = "2026-03-15 09:30",
            },
            ["member"] = new JsonObject
            {
                ["name"] = Applicant.Name, ["creditCode"] = Applicant.CreditCode, ["legalRepresentative"] = Applicant.LegalRepresentative,
                ["role"] = "MemberUnit", ["signedAt"] = "2026-03-16 14:02",
            },
            ["admission"] = new JsonObject { ["decidedAt"] = "2026年3月12日", ["resolutionNumber"] = "BR-20260312-5A1C9E02" },
            ["charter"] = CharterRef(),
            ["terms"] = Terms(),
        },
        DocumentKind.SignatureCertificate => new JsonObject
        {
            ["subject"] = new JsonObject
            {
                ["title"] = "辽宁省智能制造产教联盟联盟协议", ["number"] = "AA-20260320-0B7D44E1",
                ["sha256"] = "3f6c1b0e9d2a47c58e1f0a6b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f", ["completedAt"] = "2026-03-20 16:45",
            },
            ["signers"] = Array(Parties.Select((p, i) => (JsonNode?)new JsonObject
            {
                ["name"] = p.LegalRepresentative, ["organization"] = p.Name, ["role"] = "法定代表人",
                ["signedAt"] = string.Create(CultureInfo.InvariantCulture, $"2026-03-{14 + (i / 3):00} {9 + (i % 8):00}:{(i * 7) % 60:00}"),
                ["method"] = i % 2 == 0 ? "EmailOneTimeCode" : "PasswordReentry",
            })),
        },
        DocumentKind.Charter => new JsonObject
        {
            ["charter"] = new JsonObject
            {
                ["title"] = CharterTitle, ["version"] = CharterVersion, ["adoptedAt"] = "2026年1月10日", ["effectiveAt"] = "2026年1月10日",
                ["resolutionNumber"] = "BR-20260110-17C0FF3A",
                ["chapters"] = Array(Sections.Select(s => (JsonNode?)new JsonObject { ["title"] = s.Title, ["paragraphs"] = Strings(s.Body) })),
                ["votingRules"] = Array(Rules.Select(r => (JsonNode?)r.DeepClone())),
            },
        },
        DocumentKind.AnnualReport => AnnualReport(Parties.Select(p => p.Name).ToList()),
        DocumentKind.ExitNotice => new JsonObject
        {
            ["member"] = new JsonObject
            {
                ["name"] = "锦州精密传感器有限公司", ["creditCode"] = Parties.Single(p => p.Name == "锦州精密传感器有限公司").CreditCode,
                ["joinedAt"] = "2026年1月10日",
            },
            ["exit"] = new JsonObject
            {
                ["reason"] = "Voluntary", ["requestedAt"] = "2026年6月1日", ["effectiveAt"] = "2026年6月30日",
                ["outstanding"] = Strings("结清2026年度会费", "移交在研合作项目资料"),
            },
            ["charter"] = CharterRef(),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public JsonObject AllianceAgreement(IReadOnlyList<Party> parties) => new()
    {
        ["parties"] = Array(parties.Select((p, i) => (JsonNode?)new JsonObject
        {
            ["name"] = p.Name, ["creditCode"] = p.CreditCode, ["legalRepresentative"] = p.LegalRepresentative, ["role"] = p.Role.ToString(),
            ["signedAt"] = string.Create(CultureInfo.InvariantCulture, $"2026-03-{14 + (i % 6):00} {9 + (i % 8):00}:{(i * 7) % 60:00}"),
        })),
        ["charter"] = CharterRef(),
        ["terms"] = Terms(),
    };

    public static JsonObject AnnualReport(IReadOnlyList<string> members) => new()
    {
        ["report"] = new JsonObject
        {
            ["year"] = 2025,
            ["narrative"] = Strings(
                "2025年，联盟在辽宁省教育厅指导下，围绕服务辽宁装备制造业转型升级，推动人才培养、协同创新、成果转化和社会服务一体化发展，各项工作有序推进。",
                "联盟成员单位共同开展订单培养和现代学徒制试点，建设校企合作信息服务平台，发布人才需求和技术需求信息，促进供需精准对接。"),
            ["highlights"] = Strings("组织召开理事会会议两次，审议通过年度工作计划和新成员入盟事项。", "新建校企共建实训基地6个，开设订单班18个。", "完成专利技术转移转化12项，联合申报省级科研项目9项。"),
            ["plans"] = Strings("扩大企业成员规模，重点吸收工业互联网和智能传感领域企业。", "建立成员单位绩效评价机制，按年度发布评价结果。"),
        },
        ["members"] = Array(members.Select((name, i) => (JsonNode?)Indicators(name, i))),
        ["totals"] = Totals(members.Count),
        ["missing"] = new JsonArray(),
        ["approval"] = new JsonObject
        {
            ["decidedAt"] = "2026年1月20日", ["resolutionNumber"] = "BR-20260120-88D21B5C", ["yes"] = 6, ["no"] = 0, ["abstain"] = 1,
            ["outcome"] = "Approved",
        },
    };

    private static JsonObject Indicators(string name, int i) => new()
    {
        ["name"] = name, ["enterprisesServed"] = (i % 4) + 1, ["jointProjects"] = i % 5, ["patentsTransferred"] = i % 3,
        ["peopleTrained"] = 120 + (i * 17), ["studentsInInternships"] = 10 + (i * 3), ["fundsRaised"] = 12.5m + i,
    };

    private static JsonObject Totals(int count)
    {
        var rows = Enumerable.Range(0, count).Select(i => Indicators("", i)).ToList();
        var totals = new JsonObject();
        foreach (var field in new[] { "enterprisesServed", "jointProjects", "patentsTransferred", "peopleTrained", "studentsInInternships" })
        {
            totals[field] = rows.Sum(r => r[field]!.GetValue<int>());
        }

        totals["fundsRaised"] = rows.Sum(r => r["fundsRaised"]!.GetValue<decimal>());
        return totals;
    }

    private static JsonArray Terms() => Array(new (string Title, string[] Paragraphs)[]
    {
        ("合作内容", ["各方共同开展订单培养、现代学徒制、实习实训基地建设、联合技术攻关和成果转化，共建共享校企合作信息服务平台。"]),
        ("权利与义务", ["各方有权参加联盟活动，获得联盟提供的信息和服务，对联盟工作提出建议并进行监督。", "各方应遵守章程，执行理事会决议，按时缴纳会费，按要求报送年度工作数据，不得以联盟名义从事与联盟宗旨无关的活动。"]),
        ("经费", ["联盟经费来源于成员单位缴纳的会费、合作项目经费和社会捐赠，专款专用，接受成员单位和主管部门的监督。"]),
        ("退出与除名", ["成员单位可以自愿申请退出联盟；严重违反章程或信用状况恶化的，经理事会表决可予以除名。"]),
        ("争议解决", ["因本协议发生的争议，各方应友好协商解决；协商不成的，提交联盟秘书处所在地有管辖权的人民法院诉讼解决。"]),
    }.Select(t => (JsonNode?)new JsonObject { ["title"] = t.Title, ["paragraphs"] = Strings(t.Paragraphs) }));
}
