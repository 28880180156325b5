using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Governance.Documents;
using Governance.Documents.Layout;
using Governance.Documents.Model;
using Governance.Documents.Rendering;
using Governance.Documents.Sealing;
using Governance.Documents.Templates;

// Renders the two documents the issue sets goals for, through the same template → layout → PDF (→ seal)
// path as the server, and prints time per document, pages per second, size and peak memory.
var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
var output = Path.Combine(AppContext.BaseDirectory, "out");
Directory.CreateDirectory(output);

using var fonts = FontSet.Discover();
var composer = new DocumentComposer(new PdfDocumentRenderer(fonts));
using var certificate = SigningCertificates.LoadOrCreateSelfSigned(
    Path.Combine(output, "bench-seal.pfx"), "CN=Governance Documents Benchmark Seal", TimeProvider.System);
var sealer = new PdfSealer(certificate, TimeProvider.System);

var report = Template("annual-report.zh-CN");
var agreement = Template("alliance-agreement.zh-CN");

Console.WriteLine($"Governance.DocumentsBench — {iterations} timed runs each after one warm-up; {Environment.ProcessorCount} cores");
Console.WriteLine("document                         pages   size KB   KB/10 pages   median ms   min ms   pages/s");
await Measure("annual report (20 pages)", report, AnnualReport(members: 270), seal: false);
await Measure("agreement, 200 parties, sealed", agreement, Agreement(parties: 200), seal: true);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0:0} MB; allocated {GC.GetTotalAllocatedBytes() / 1024.0 / 1024.0:0} MB in total"));
return 0;

async Task Measure(string name, DocumentTemplate template, JsonObject model, bool seal)
{
    var info = new DocumentInfo("", "BENCH-0001", "辽宁省智能制造产教联盟", name, "zh-CN", DateTimeOffset.UtcNow);
    byte[] Sealed(byte[] pdf) => seal ? sealer.Seal(pdf, new SealInfo("联盟治理平台", "benchmark", "沈阳")) : pdf;

    var warm = await composer.ComposeAsync(template, model, info);
    var bytes = Sealed(warm.Pdf.Content);
    await File.WriteAllBytesAsync(Path.Combine(output, name.Split(',')[0].Replace(' ', '-') + ".pdf"), bytes);
    var times = new List<double>();
    for (var i = 0; i < iterations; i++)
    {
        var watch = Stopwatch.StartNew();
        var composed = await composer.ComposeAsync(template, model, info);
        bytes = Sealed(composed.Pdf.Content);
        times.Add(watch.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    var median = times[times.Count / 2];
    var pages = warm.Pdf.PageCount;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-32} {pages,5} {bytes.Length / 1024.0,9:0} {bytes.Length / 1024.0 / pages * 10,13:0} {median,11:0} {times[0],8:0} {pages / (median / 1000),9:0.0}"));
}

DocumentTemplate Template(string name) =>
    DocumentTemplate.Parse(name, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Templates", name + ".md.liquid")));

static JsonArray Strings(params string[] items) => new([.. items.Select(i => (JsonNode?)JsonValue.Create(i))]);

static string CreditCode(int i) => string.Create(CultureInfo.InvariantCulture, $"91210100MA{i:D7}X");

static JsonObject Document() => new() { ["number"] = "BENCH-0001", ["date"] = "2026年3月2日", ["language"] = "zh-CN" };

static JsonObject AnnualReport(int members) => new()
{
    ["document"] = Document(),
    ["alliance"] = new JsonObject { ["name"] = "辽宁省智能制造产教联盟" },
    ["report"] = new JsonObject
    {
        ["year"] = 2025,
        ["narrative"] = Strings(Enumerable.Repeat("2025年，联盟在辽宁省教育厅指导下，围绕服务辽宁装备制造业转型升级，推动人才培养、协同创新、成果转化和社会服务一体化发展，各项工作有序推进。联盟成员单位共同开展订单培养和现代学徒制试点，建设校企合作信息服务平台。", 6).ToArray()),
        ["highlights"] = Strings("组织召开理事会会议两次。", "新建校企共建实训基地6个。", "完成专利技术转移转化12项。"),
        ["plans"] = Strings("扩大企业成员规模。", "建立成员单位绩效评价机制。"),
    },
    ["members"] = new JsonArray([.. Enumerable.Range(1, members).Select(i => (JsonNode?)new JsonObject
    {
        ["name"] = $"辽宁省第{i}智能装备制造有限公司", ["enterprisesServed"] = i % 4, ["jointProjects"] = i % 5, ["patentsTransferred"] = i % 3,
        ["peopleTrained"] = 100 + i, ["studentsInInternships"] = 10 + i, ["fundsRaised"] = 5m + i,
    })]),
    ["totals"] = new JsonObject
    {
        ["enterprisesServed"] = Enumerable.Range(1, members).Sum(i => i % 4), ["jointProjects"] = Enumerable.Range(1, members).Sum(i => i % 5),
        ["patentsTransferred"] = Enumerable.Range(1, members).Sum(i => i % 3), ["peopleTrained"] = Enumerable.Range(1, members).Sum(i => 100 + i),
        ["studentsInInternships"] = Enumerable.Range(1, members).Sum(i => 10 + i), ["fundsRaised"] = Enumerable.Range(1, members).Sum(i => 5m + i),
    },
    ["missing"] = new JsonArray(),
    ["approval"] = new JsonObject
    {
        ["decidedAt"] = "2026年1月20日", ["resolutionNumber"] = "BR-20260120-88D21B5C", ["yes"] = 6, ["no"] = 0, ["abstain"] = 1, ["outcome"] = "Approved",
    },
};

static JsonObject Agreement(int parties) => new()
{
    ["document"] = Document(),
    ["alliance"] = new JsonObject { ["name"] = "辽宁省智能制造产教联盟" },
    ["charter"] = new JsonObject { ["title"] = "辽宁省智能制造产教联盟章程", ["version"] = 1 },
    ["parties"] = new JsonArray([.. Enumerable.Range(1, parties).Select(i => (JsonNode?)new JsonObject
    {
        ["name"] = $"辽宁省第{i}智能装备制造有限公司", ["creditCode"] = CreditCode(i), ["legalRepresentative"] = "张建国",
        ["role"] = i == 1 ? "ChairUnit" : "MemberUnit", ["signedAt"] = "2026-03-14 09:30",
    })]),
    ["terms"] = new JsonArray([.. Enumerable.Range(1, 6).Select(i => (JsonNode?)new JsonObject
    {
        ["title"] = $"合作事项{i}",
        ["paragraphs"] = Strings("各方共同开展订单培养、现代学徒制、实习实训基地建设、联合技术攻关和成果转化，共建共享校企合作信息服务平台。"),
    })]),
};
