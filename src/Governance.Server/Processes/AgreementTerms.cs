using System.Text.Json.Nodes;
using Governance.Server.Features.Documents;

namespace Governance.Server.Processes;

/// <summary>
/// The standard terms of the alliance and accession agreements, drawn from the policy texts (共建共享,
/// rights and duties of members, funding, exit and removal, disputes). A definition can replace them
/// by giving <c>terms</c> in the GenerateDocument step's <c>model</c>.
/// </summary>
public static class AgreementTerms
{
    private static readonly (string Title, string[] Paragraphs)[] Chinese =
    [
        ("合作内容", ["各方依据联盟章程，共同开展订单培养、现代学徒制、实习实训基地建设、联合技术攻关和成果转化，共建共享校企合作信息服务平台。"]),
        ("权利与义务", [
            "各方有权参加联盟活动，获得联盟提供的信息和服务，对联盟工作提出建议并进行监督。",
            "各方应遵守章程，执行理事会决议，按要求报送年度工作数据，不得以联盟名义从事与联盟宗旨无关的活动。"]),
        ("经费", ["联盟经费来源于成员单位缴纳的会费、合作项目经费和社会捐赠，专款专用，接受成员单位和主管部门的监督。"]),
        ("退出与除名", ["成员单位可以自愿申请退出联盟；严重违反章程或信用状况恶化的，经理事会表决可予以除名。"]),
        ("争议解决", ["因本协议发生的争议，各方应友好协商解决；协商不成的，提交联盟秘书处所在地有管辖权的人民法院诉讼解决。"]),
        ("生效", ["本协议经全部签署方的法定代表人（或其授权签署人）通过联盟治理平台电子签署后生效；各方签署的为同一文件，以平台记录的文件摘要为准。"]),
    ];

    private static readonly (string Title, string[] Paragraphs)[] English =
    [
        ("Cooperation", ["Under the alliance charter the parties jointly run order-based training, modern apprenticeships, training bases, joint research and technology transfer, and share the alliance's cooperation information platform."]),
        ("Rights and duties", [
            "Each party may take part in the alliance's activities, receive its information and services, and make proposals on and oversee its work.",
            "Each party observes the charter, carries out the council's resolutions, reports its annual figures as required, and does not use the alliance's name for purposes outside its aims."]),
        ("Funding", ["The alliance is funded by membership fees, project funds and donations, used only for their purpose and open to the oversight of the members and the supervising department."]),
        ("Exit and removal", ["A member may withdraw voluntarily; a member that seriously breaches the charter or whose credit status deteriorates may be removed by a council vote."]),
        ("Disputes", ["Disputes under this agreement are settled by consultation; failing that, they go to the competent people's court where the secretariat is located."]),
        ("Entry into force", ["This agreement enters into force when the legal representatives (or authorised signatories) of all parties have signed it electronically on the platform; all parties sign the same document, identified by the digest the platform records."]),
    ];

    public static JsonArray Standard(string language) =>
        new([.. (language == DocumentLanguages.English ? English : Chinese).Select(t => (JsonNode?)new JsonObject
        {
            ["title"] = t.Title,
            ["paragraphs"] = new JsonArray([.. t.Paragraphs.Select(p => (JsonNode?)JsonValue.Create(p))]),
        })]);
}
