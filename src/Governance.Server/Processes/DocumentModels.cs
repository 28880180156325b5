using System.Globalization;
using System.Text.Json.Nodes;
using Governance.Domain.Agreements;
using Governance.Domain.Ballots;
using Governance.Domain.Charters;
using Governance.Domain.Common;
using Governance.Domain.Memberships;
using Governance.Domain.Organizations;
using Governance.Domain.Reports;
using Governance.Server.Features.Documents;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Processes;

/// <summary>What a governance document is about: the records its data is read from.</summary>
public sealed record DocumentSubject(
    Guid? BallotId = null,
    Guid? AgreementId = null,
    Guid? MembershipId = null,
    Guid? CharterId = null,
    Guid? ReportId = null);

/// <summary>
/// Builds the data of each document kind (see Templates/Documents/README.md) from the records a step
/// has: the ballot, the agreement, the membership, the charter, the report. Read from the tracked
/// entities (found in the unit of work first), so a change made earlier in the same step — a closed
/// ballot, a new signature, an agreement created a moment ago — is in it.
/// A record the kind needs and the subject does not name is an error naming the missing input.
/// </summary>
public sealed class DocumentModels(GovernanceDbContext db)
{
    public async Task<JsonObject> BuildAsync(DocumentKind kind, string language, DocumentSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return kind switch
        {
            DocumentKind.ApplicationReceipt => await ApplicationReceiptAsync(Need(subject.MembershipId, "membershipId"), language, cancellationToken),
            DocumentKind.BallotResolution => await BallotResolutionAsync(Need(subject.BallotId, "ballotId"), language, cancellationToken),
            DocumentKind.AdmissionNotice => await AdmissionNoticeAsync(
                Need(subject.MembershipId, "membershipId"), Need(subject.BallotId, "ballotId"), language, cancellationToken),
            DocumentKind.AllianceAgreement or DocumentKind.AccessionAgreement =>
                await AgreementAsync(Need(subject.AgreementId, "agreementId"), subject.BallotId, language, cancellationToken),
            DocumentKind.SignatureCertificate => await CertificateAsync(Need(subject.AgreementId, "agreementId"), language, cancellationToken),
            DocumentKind.Charter => await CharterAsync(Need(subject.CharterId, "charterId"), language, cancellationToken),
            DocumentKind.AnnualReport => await AnnualReportAsync(Need(subject.ReportId, "reportId"), subject.BallotId, language, cancellationToken),
            DocumentKind.ExitNotice => await ExitNoticeAsync(Need(subject.MembershipId, "membershipId"), subject.BallotId, language, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    /// <summary>A Beijing date in the document's language (2026年3月5日 / 5 March 2026).</summary>
    public static string Day(DateTimeOffset at, string language) => DocumentService.FormatDate(at, language);

    /// <summary>A Beijing date and time, the same in both languages.</summary>
    public static string Minute(DateTimeOffset at) =>
        at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static Guid Need(Guid? id, string input) =>
        id ?? throw new DomainRuleViolation("documents.subject-missing", $"This document needs {input}.", input);

    private async Task<JsonObject> ApplicationReceiptAsync(Guid membershipId, string language, CancellationToken ct)
    {
        var membership = await MembershipAsync(membershipId, ct);
        var organization = await OrganizationAsync(membership.OrganizationId, ct);
        var liaison = organization.LiaisonId is { } l ? await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == l, ct) : null;
        return new JsonObject
        {
            ["applicant"] = new JsonObject
            {
                ["name"] = organization.Name,
                ["creditCode"] = organization.CreditCode.Value,
                ["kind"] = organization.Kind.ToString(),
                ["legalRepresentative"] = organization.LegalRepresentativeName,
                ["contact"] = liaison is null ? organization.LegalRepresentativeName : $"{liaison.Name} {liaison.Email}",
            },
            ["application"] = new JsonObject
            {
                ["submittedAt"] = Day(membership.AppliedAt, language),
                ["role"] = membership.Role.ToString(),
                ["materials"] = Strings(language == DocumentLanguages.English
                    ? ["Application form", "Business licence or legal person certificate", "Proof of the legal representative"]
                    : ["入盟申请表", "营业执照或法人登记证书", "法定代表人身份证明"]),
            },
            ["charter"] = await CharterReferenceAsync(membership.AllianceId, ct),
        };
    }

    private async Task<JsonObject> BallotResolutionAsync(Guid ballotId, string language, CancellationToken ct)
    {
        var ballot = await BallotAsync(ballotId, ct);
        var tally = ballot.Result ?? throw new DomainRuleViolation("documents.ballot-open", "A resolution is issued once the ballot is closed.", "ballotId");
        var people = await NamesAsync(ballot.Voters.Select(v => v.PersonId), ct);
        var organizations = await OrganizationNamesAsync(ballot.Voters.Select(v => v.OrganizationId).OfType<OrganizationId>(), ct);
        string OrganizationOf(BallotVoter voter) => voter.OrganizationId is { } o ? organizations.GetValueOrDefault(o, "") : "";
        return new JsonObject
        {
            ["ballot"] = new JsonObject
            {
                ["title"] = ballot.Subject,
                ["matter"] = ballot.Rule.Matter.ToString(),
                ["description"] = ballot.Subject,
                ["openedAt"] = Minute(ballot.OpenedAt),
                ["closedAt"] = Minute(ballot.ClosedAt ?? ballot.Deadline),
            },
            ["rule"] = Rule(ballot.Rule),
            ["charter"] = await CharterReferenceAsync(ballot.AllianceId, ct),
            ["tally"] = new JsonObject
            {
                ["eligible"] = tally.Eligible,
                ["participated"] = tally.Participants,
                ["yes"] = tally.Yes,
                ["no"] = tally.No,
                ["abstain"] = tally.Abstain,
                ["recused"] = tally.Recused,
                ["quorumMet"] = tally.QuorumMet,
                ["outcome"] = tally.Outcome.ToString(),
            },
            ["voters"] = Array(ballot.Voters.Where(v => !v.Recused).Select(v =>
            {
                var vote = ballot.Votes.SingleOrDefault(x => x.VoterId == v.PersonId);
                return new JsonObject
                {
                    ["name"] = people.GetValueOrDefault(v.PersonId, ""),
                    ["organization"] = OrganizationOf(v),
                    ["vote"] = vote?.Choice.ToString(),
                    ["votedAt"] = vote is null ? null : Minute(vote.ChangedAt),
                };
            })),
            ["recusals"] = Array(ballot.Voters.Where(v => v.Recused).Select(v => new JsonObject
            {
                ["name"] = people.GetValueOrDefault(v.PersonId, ""),
                ["organization"] = OrganizationOf(v),
                ["reason"] = v.RecusalReason ?? "",
            })),
        };
    }

    private async Task<JsonObject> AdmissionNoticeAsync(Guid membershipId, Guid ballotId, string language, CancellationToken ct)
    {
        var membership = await MembershipAsync(membershipId, ct);
        var organization = await OrganizationAsync(membership.OrganizationId, ct);
        var ballot = await BallotAsync(ballotId, ct);
        return new JsonObject
        {
            ["member"] = Member(organization, membership.Role),
            ["decision"] = await DecisionAsync(ballot, language, ct),
            ["signingDays"] = 15,
            ["charter"] = await CharterReferenceAsync(membership.AllianceId, ct),
        };
    }

    private async Task<JsonObject> AgreementAsync(Guid agreementId, Guid? ballotId, string language, CancellationToken ct)
    {
        var agreement = await AgreementEntityAsync(agreementId, ct);
        var ids = agreement.Parties.Select(p => p.OrganizationId).ToList();
        var organizations = await db.Organizations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        var memberships = await db.Memberships.AsNoTracking()
            .Where(m => m.AllianceId == agreement.AllianceId && ids.Contains(m.OrganizationId))
            .ToListAsync(ct);
        string RoleOf(OrganizationId id) =>
            (memberships.Where(m => m.OrganizationId == id).OrderByDescending(m => m.AppliedAt).FirstOrDefault()?.Role ?? MembershipRole.MemberUnit).ToString();
        string? SignedAt(OrganizationId id) =>
            agreement.Signatures.FirstOrDefault(s => s.OrganizationId == id && s.Outcome == SignatureOutcome.Signed) is { } s ? Minute(s.At) : null;
        JsonObject Party(OrganizationId id) => new()
        {
            ["name"] = organizations[id].Name,
            ["creditCode"] = organizations[id].CreditCode.Value,
            ["legalRepresentative"] = organizations[id].LegalRepresentativeName,
            ["role"] = RoleOf(id),
            ["signedAt"] = SignedAt(id),
        };

        var model = new JsonObject
        {
            ["charter"] = await CharterReferenceAsync(agreement.AllianceId, ct),
            ["terms"] = AgreementTerms.Standard(language),
        };
        if (agreement.Kind == AgreementKind.AccessionAgreement)
        {
            // The chair unit signs for the alliance; the other party is the new member.
            var chair = memberships.FirstOrDefault(m => m.Role == MembershipRole.ChairUnit && m.IsCurrentMember)?.OrganizationId
                ?? throw new DomainRuleViolation("documents.no-chair-party", "An accession agreement needs the chair unit as a party.", "agreementId");
            var member = ids.First(i => i != chair);
            model["representative"] = Party(chair);
            model["member"] = Party(member);
            model["admission"] = ballotId is { } b
                ? await DecisionAsync(await BallotAsync(b, ct), language, ct)
                : throw new DomainRuleViolation("documents.subject-missing", "An accession agreement names the admission ballot.", "ballotId");
        }
        else
        {
            model["parties"] = Array(ids.Select(Party));
        }

        return model;
    }

    private async Task<JsonObject> CertificateAsync(Guid agreementId, string language, CancellationToken ct)
    {
        var agreement = await AgreementEntityAsync(agreementId, ct);
        var document = await db.Documents.AsNoTracking()
            .Where(d => d.Sha256 == agreement.DocumentSha256 && d.AllianceId == agreement.AllianceId.Value)
            .OrderBy(d => d.CreatedAt)
            .FirstOrDefaultAsync(ct);
        var signed = agreement.Signatures.Where(s => s.Outcome == SignatureOutcome.Signed).ToList();
        var people = await NamesAsync(signed.Select(s => s.SignerId).Concat(signed.Select(s => s.OnBehalfOfId).OfType<PersonId>()), ct);
        var organizations = await OrganizationNamesAsync(signed.Select(s => s.OrganizationId), ct);
        return new JsonObject
        {
            ["subject"] = new JsonObject
            {
                ["title"] = agreement.Title,
                ["number"] = document?.Number ?? "",
                ["sha256"] = agreement.DocumentSha256,
                ["completedAt"] = agreement.InForceFrom is { } at ? Minute(at) : "",
            },
            ["signers"] = Array(signed.Select(s => new JsonObject
            {
                ["name"] = s.OnBehalfOfId is { } giver
                    ? (language == DocumentLanguages.English
                        ? $"{people.GetValueOrDefault(s.SignerId, "")} (for {people.GetValueOrDefault(giver, "")})"
                        : $"{people.GetValueOrDefault(s.SignerId, "")}（受{people.GetValueOrDefault(giver, "")}委托）")
                    : people.GetValueOrDefault(s.SignerId, ""),
                ["organization"] = organizations.GetValueOrDefault(s.OrganizationId, ""),
                ["role"] = language == DocumentLanguages.English
                    ? (s.OnBehalfOfId is null ? "Legal representative" : "Authorised signatory")
                    : (s.OnBehalfOfId is null ? "法定代表人" : "授权签署人"),
                ["signedAt"] = Minute(s.At),
                ["method"] = s.Method.ToString(),
            })),
        };
    }

    private async Task<JsonObject> CharterAsync(Guid charterId, string language, CancellationToken ct)
    {
        var charter = await db.Charters.FindAsync([new CharterId(charterId)], ct)
            ?? throw new DomainRuleViolation("documents.subject-not-found", $"There is no charter {charterId}.", "charterId");
        string? resolution = null;
        if (charter.AdoptedByBallotId is { } ballot)
        {
            resolution = await ResolutionNumberAsync(ballot, ct);
        }

        return new JsonObject
        {
            ["charter"] = new JsonObject
            {
                ["title"] = charter.Title,
                ["version"] = charter.VersionNumber,
                ["adoptedAt"] = charter.AdoptedAt is { } adopted ? Day(adopted, language) : "",
                ["effectiveAt"] = charter.InForceFrom is { } from ? Day(from, language) : "",
                ["resolutionNumber"] = resolution ?? "",
                ["chapters"] = Array(charter.Sections.OrderBy(s => s.Number).Select(s => new JsonObject
                {
                    ["title"] = s.Title,
                    ["paragraphs"] = Strings(s.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
                })),
                ["votingRules"] = Array(charter.VotingRules.Select(Rule)),
            },
        };
    }

    private async Task<JsonObject> AnnualReportAsync(Guid reportId, Guid? ballotId, string language, CancellationToken ct)
    {
        var report = await db.AnnualReports.FindAsync([new AnnualReportId(reportId)], ct)
            ?? throw new DomainRuleViolation("documents.subject-not-found", $"There is no annual report {reportId}.", "reportId");
        var totals = report.Totals
            ?? throw new DomainRuleViolation("documents.report-not-compiled", "The annual report document is issued after compilation.", "reportId");
        var names = await OrganizationNamesAsync(report.ExpectedMembers, ct);
        var approval = new JsonObject { ["decidedAt"] = "", ["resolutionNumber"] = "", ["yes"] = 0, ["no"] = 0, ["abstain"] = 0, ["outcome"] = "Pending" };
        if (ballotId is { } b)
        {
            var ballot = await BallotAsync(b, ct);
            approval = new JsonObject
            {
                ["decidedAt"] = ballot.ClosedAt is { } closed ? Day(closed, language) : "",
                ["resolutionNumber"] = await ResolutionNumberAsync(ballot.Id, ct) ?? "",
                ["yes"] = ballot.Result?.Yes ?? 0,
                ["no"] = ballot.Result?.No ?? 0,
                ["abstain"] = ballot.Result?.Abstain ?? 0,
                ["outcome"] = ballot.Result?.Outcome.ToString() ?? "Pending",
            };
        }

        return new JsonObject
        {
            ["report"] = new JsonObject
            {
                ["year"] = report.Year,
                ["narrative"] = Strings(Paragraphs(report.Summary)),
                ["highlights"] = Strings(report.Contributions
                    .Where(c => !string.IsNullOrWhiteSpace(c.Narrative))
                    .Select(c => $"{names.GetValueOrDefault(c.OrganizationId, "")}：{Paragraphs(c.Narrative).FirstOrDefault()}")
                    .ToArray()),
                ["plans"] = new JsonArray(),
            },
            ["members"] = Array(report.Contributions.Select(c => Indicators(c.Indicators, names.GetValueOrDefault(c.OrganizationId, "")))),
            ["totals"] = Indicators(totals, null),
            ["missing"] = Strings([.. report.MissingMembers.Select(m => names.GetValueOrDefault(m, m.Value.ToString()))]),
            ["approval"] = approval,
        };
    }

    private async Task<JsonObject> ExitNoticeAsync(Guid membershipId, Guid? ballotId, string language, CancellationToken ct)
    {
        var membership = await MembershipAsync(membershipId, ct);
        var organization = await OrganizationAsync(membership.OrganizationId, ct);
        var removal = membership.Status == MembershipStatus.Removed;
        var exit = new JsonObject
        {
            ["reason"] = removal ? "Removal" : "Voluntary",
            ["effectiveAt"] = Day(membership.StatusChangedAt, language),
            ["outstanding"] = new JsonArray(),
        };
        if (removal)
        {
            var ballot = ballotId is { } b ? await BallotAsync(b, ct) : null;
            exit["decidedAt"] = Day(ballot?.ClosedAt ?? membership.StatusChangedAt, language);
            exit["resolutionNumber"] = ballot is null ? "" : await ResolutionNumberAsync(ballot.Id, ct) ?? "";
            exit["grounds"] = membership.StatusReason ?? "";
        }
        else
        {
            exit["requestedAt"] = Day(membership.StatusChangedAt, language);
        }

        return new JsonObject
        {
            ["member"] = new JsonObject
            {
                ["name"] = organization.Name,
                ["creditCode"] = organization.CreditCode.Value,
                ["joinedAt"] = Day(membership.AppliedAt, language),
            },
            ["exit"] = exit,
            ["charter"] = await CharterReferenceAsync(membership.AllianceId, ct),
        };
    }

    private static JsonObject Indicators(ContributionIndicators indicators, string? name)
    {
        var row = new JsonObject
        {
            ["enterprisesServed"] = indicators.EnterprisesServed,
            ["jointProjects"] = indicators.JointProjects,
            ["patentsTransferred"] = indicators.PatentsTransferred,
            ["peopleTrained"] = indicators.PeopleTrained,
            ["studentsInInternships"] = indicators.StudentsInInternships,
            ["fundsRaised"] = indicators.FundsRaisedTenThousandYuan,
        };
        if (name is not null)
        {
            row["name"] = name;
        }

        return row;
    }

    private async Task<JsonObject> DecisionAsync(Ballot ballot, string language, CancellationToken ct) => new()
    {
        ["decidedAt"] = Day(ballot.ClosedAt ?? ballot.Deadline, language),
        ["resolutionNumber"] = await ResolutionNumberAsync(ballot.Id, ct) ?? "",
    };

    /// <summary>The number of the resolution issued for a ballot, if one was (also one issued earlier in this step).</summary>
    private async Task<string?> ResolutionNumberAsync(BallotId ballot, CancellationToken ct)
    {
        var subject = ballot.Value.ToString();
        var local = db.Documents.Local
            .Where(d => d.Kind == DocumentKind.BallotResolution && d.SubjectId == subject)
            .Select(d => d.Number)
            .FirstOrDefault();
        return local ?? await db.Documents.AsNoTracking()
            .Where(d => d.Kind == DocumentKind.BallotResolution && d.SubjectId == subject)
            .OrderBy(d => d.CreatedAt)
            .Select(d => d.Number)
            .FirstOrDefaultAsync(ct);
    }

    private static JsonObject Rule(VotingRule rule) => new()
    {
        ["matter"] = rule.Matter.ToString(),
        ["quorum"] = rule.Quorum.ToString(),
        ["threshold"] = rule.Threshold.ToString(),
        ["recusal"] = rule.RecuseInterestedMembers,
    };

    private async Task<JsonObject> CharterReferenceAsync(AllianceId alliance, CancellationToken ct)
    {
        var charter = await db.Charters.AsNoTracking()
            .Where(c => c.AllianceId == alliance && c.Status == CharterStatus.InForce)
            .Select(c => new { c.Title, c.VersionNumber })
            .SingleOrDefaultAsync(ct);
        return new JsonObject { ["title"] = charter?.Title ?? "", ["version"] = charter?.VersionNumber ?? 0 };
    }

    private static JsonObject Member(Organization organization, MembershipRole role) => new()
    {
        ["name"] = organization.Name,
        ["creditCode"] = organization.CreditCode.Value,
        ["legalRepresentative"] = organization.LegalRepresentativeName,
        ["role"] = role.ToString(),
    };

    private async Task<Ballot> BallotAsync(Guid id, CancellationToken ct) =>
        await db.Ballots.FindAsync([new BallotId(id)], ct)
        ?? throw new DomainRuleViolation("documents.subject-not-found", $"There is no ballot {id}.", "ballotId");

    private async Task<Agreement> AgreementEntityAsync(Guid id, CancellationToken ct) =>
        await db.Agreements.FindAsync([new AgreementId(id)], ct)
        ?? throw new DomainRuleViolation("documents.subject-not-found", $"There is no agreement {id}.", "agreementId");

    private async Task<Membership> MembershipAsync(Guid id, CancellationToken ct) =>
        await db.Memberships.FindAsync([new MembershipId(id)], ct)
        ?? throw new DomainRuleViolation("documents.subject-not-found", $"There is no membership {id}.", "membershipId");

    private async Task<Organization> OrganizationAsync(OrganizationId id, CancellationToken ct) =>
        await db.Organizations.SingleAsync(o => o.Id == id, ct);

    private async Task<Dictionary<PersonId, string>> NamesAsync(IEnumerable<PersonId> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.People.AsNoTracking().Where(p => list.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
    }

    private async Task<Dictionary<OrganizationId, string>> OrganizationNamesAsync(IEnumerable<OrganizationId> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Organizations.AsNoTracking().Where(o => list.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
    }

    private static string[] Paragraphs(string? text) =>
        (text ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static JsonArray Strings(params string[] items) => new([.. items.Select(i => (JsonNode?)JsonValue.Create(i))]);

    private static JsonArray Array(IEnumerable<JsonObject> items) => new([.. items.Select(i => (JsonNode?)i)]);
}
