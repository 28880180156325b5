using System.Text.Json.Nodes;
using Governance.Domain.Agreements;
using Governance.Domain.Common;
using Governance.Domain.Memberships;
using Governance.Domain.People;
using Governance.Domain.Tasks;
using Governance.Server.Features.Documents;
using Governance.Server.Features.Email;
using Governance.Server.Persistence;
using Governance.Workflows.Activities;
using Governance.Workflows.Activities.Core;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Processes;

/// <summary>
/// The legal representatives (法定代表人) of a set of organizations sign one generated document. The step
/// creates the agreement, issues its sealed PDF and freezes its SHA-256, gives each party's legal
/// representative a signing task (all at once, or one party after the other) and emails them. Every
/// signature or refusal resumes it (<see cref="AgreementSigning"/>): when the last party signed the
/// agreement is in force and the signature certificate is issued (AllSigned); a refusal with its reason
/// ends the round (Declined) and tells the secretariat; the deadline ends it as Expired.
/// </summary>
[Activity(
    TypeName,
    Category = "Governance",
    DisplayNameZh = "收集签署",
    DisplayNameEn = "Collect signatures",
    Description = "Legal representatives sign one generated document, in parallel or in order, with step-up authentication; decline or expiry ends the round.",
    Outcomes = ["AllSigned", "Declined", "Expired"],
    CanWait = true)]
[ActivityInput("allianceId", "Guid", Required = true)]
[ActivityInput("agreementKind", "String", Required = true, Form = InputForm.Setting,
    Description = "AllianceAgreement (the parties sign the alliance agreement), AccessionAgreement (the applicant and the chair unit) or CharterSigning (the council member units sign the charter).")]
[ActivityInput("title", "String", Required = true, Description = "The agreement's title.")]
[ActivityInput("parties", "String", DefaultJson = "\"AllMembers\"", Form = InputForm.Setting,
    Description = "AllMembers, CouncilMemberUnits or Listed (partyIds). An accession agreement's parties are always the chair unit and the applicant.")]
[ActivityInput("partyIds", "Array", Description = "Organization ids, when parties is Listed.")]
[ActivityInput("membershipId", "Guid", Description = "The applicant's membership (accession agreement).")]
[ActivityInput("ballotId", "Guid", Description = "The admission ballot the accession agreement refers to.")]
[ActivityInput("charterId", "Guid", Description = "The charter version signed (charter signing).")]
[ActivityInput("order", "String", DefaultJson = "\"Parallel\"", Description = "Parallel or Sequential.")]
[ActivityInput("duration", "TimeSpan", DefaultJson = "\"15.00:00:00\"", Description = "Time until the signing deadline.")]
[ActivityInput("language", "String", DefaultJson = "\"zh-CN\"", Description = "Language of the signed document: zh-CN or en.")]
[ActivityInput("resultVariable", "String", Form = InputForm.Setting,
    Description = "Variable to receive { agreementId, documentId, sha256, outcome, certificateId, declinedBy, reason }.")]
[ActivityOutput("result", "Object", Description = "{ agreementId, documentId, sha256, outcome, certificateId, declinedBy, reason }")]
public sealed class CollectSignaturesActivity : IActivity
{
    public const string TypeName = "Governance.CollectSignatures";

    /// <summary>The bookmark each signature or refusal resumes; its key is the agreement id.</summary>
    public const string SignatureBookmark = "Governance.Signature";

    /// <summary>What a sign task's outcome is when its party signed.</summary>
    public const string SignOutcome = "sign";

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return DomainSteps.RunAsync(context, async () =>
        {
            var db = context.Services.GetRequiredService<GovernanceDbContext>();
            var allianceId = new AllianceId(DomainSteps.RequiredGuid(context, "allianceId"));
            var alliance = await db.Alliances.AsNoTracking().SingleOrDefaultAsync(a => a.Id == allianceId);
            if (alliance is null)
            {
                return context.Fault($"Alliance {allianceId.Value} does not exist.");
            }

            var kind = DomainSteps.RequiredEnum<AgreementKind>(context, "agreementKind");
            var order = context.InputString("order") is { Length: > 0 } ? DomainSteps.RequiredEnum<SigningOrder>(context, "order") : SigningOrder.Parallel;
            var language = DocumentLanguages.Require(context.InputString("language") ?? DocumentLanguages.Chinese);
            var parties = await PartiesAsync(context, db, alliance, kind);
            var signers = await RoleHolders.OfOrganizationsAsync(db, Role.LegalRepresentative, parties, context.Now);
            var unrepresented = parties.Where(p => !signers.ContainsKey(p)).ToList();
            if (unrepresented.Count > 0)
            {
                var names = await db.Organizations.AsNoTracking().Where(o => unrepresented.Contains(o.Id)).Select(o => o.Name).ToListAsync();
                return context.Fault($"No legal representative on the platform can sign for {string.Join("、", names)}.");
            }

            var agreement = new Agreement(AgreementId.New(), allianceId, kind, context.InputString("title") ?? string.Empty, parties, order, context.Now);
            db.Agreements.Add(agreement);

            // The document is frozen before anyone signs: every party signs these exact bytes.
            var issued = kind == AgreementKind.CharterSigning
                ? await GenerateDocumentActivity.IssueAsync(context, DocumentKind.Charter, language, allianceId.Value,
                    new DocumentSubject(CharterId: DomainSteps.RequiredGuid(context, "charterId")), null)
                : await GenerateDocumentActivity.IssueAsync(context,
                    kind == AgreementKind.AccessionAgreement ? DocumentKind.AccessionAgreement : DocumentKind.AllianceAgreement, language,
                    allianceId.Value, new DocumentSubject(AgreementId: agreement.Id.Value, BallotId: context.InputGuid("ballotId")), null);
            var deadline = context.Now + (context.InputTimeSpan("duration") ?? TimeSpan.FromDays(15));
            agreement.OpenForSigning(issued.Sha256, deadline, context.Now);

            var key = agreement.Id.Value.ToString();
            var first = order == SigningOrder.Sequential ? parties.Take(1) : parties;
            await AskToSignAsync(context, db, agreement, alliance.Name, first.Select(p => signers[p]).SelectMany(s => s));
            Remember(context, agreement, issued.Id, null, null, null);
            context.Summary = $"{kind} {issued.Number} for {parties.Count} parties ({order}), until {deadline:O}";
            return context.Suspend(
                new BookmarkRequest(SignatureBookmark, key),
                new BookmarkRequest(DelayActivity.BookmarkKind, Payload: new JsonObject { ["agreementId"] = key }, DueAt: deadline));
        });
    }

    public ValueTask<ActivityResult> ResumeAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return DomainSteps.RunAsync(context, async () =>
        {
            var resume = context.Resume!;
            var db = context.Services.GetRequiredService<GovernanceDbContext>();
            var atDeadline = resume.Bookmark.Kind == DelayActivity.BookmarkKind;
            var key = atDeadline ? resume.Bookmark.Payload!["agreementId"]!.GetValue<string>() : resume.Bookmark.Key!;
            var agreementId = new AgreementId(Guid.Parse(key));

            // Tracked: the signature that resumed the step is in this unit of work and must be seen.
            var agreement = await db.Agreements.SingleAsync(a => a.Id == agreementId);
            var allianceName = await db.Alliances.AsNoTracking().Where(a => a.Id == agreement.AllianceId).Select(a => a.Name).SingleAsync();
            var documentId = await db.Documents.AsNoTracking()
                .Where(d => d.Sha256 == agreement.DocumentSha256 && d.AllianceId == agreement.AllianceId.Value)
                .Select(d => (Guid?)d.Id).FirstOrDefaultAsync();
            var composer = context.Services.GetRequiredService<EmailComposer>();

            if (agreement.Status == AgreementStatus.Signing && atDeadline)
            {
                agreement.Expire(context.Now);
            }

            switch (agreement.Status)
            {
                case AgreementStatus.Signing:
                    if (agreement.Order == SigningOrder.Sequential)
                    {
                        await AskNextPartyAsync(context, db, agreement, allianceName, key);
                    }

                    context.Summary = $"{agreement.Signatures.Count(s => s.Outcome == SignatureOutcome.Signed)} of {agreement.Parties.Count} parties signed";
                    return context.Suspend(new BookmarkRequest(SignatureBookmark, key));

                case AgreementStatus.InForce:
                {
                    await CloseTasksAsync(db, key, "全部签署方已签署", context.Now);
                    var language = DocumentLanguages.Require(context.InputString("language") ?? DocumentLanguages.Chinese);
                    var certificate = await GenerateDocumentActivity.IssueAsync(context, DocumentKind.SignatureCertificate, language,
                        agreement.AllianceId.Value, new DocumentSubject(AgreementId: agreement.Id.Value), null);
                    // The sealed agreement everyone signed, and the certificate that proves it.
                    var attachments = await StepDocuments.AttachmentsAsync(db, [.. documentId is { } signed ? [signed] : Array.Empty<Guid>(), certificate.Id]);

                    var recipients = agreement.Parties
                        .Select(p => RecipientSpec.LegalRepresentative(p.OrganizationId))
                        .Aggregate(RecipientSpec.Secretariat(agreement.AllianceId), (all, next) => all.And(next));
                    await composer.ComposeAsync(recipients,
                        new SignatureCompletedEmail(agreement.Id, agreement.Title, allianceName, agreement.AllianceId),
                        attachments, $"agreement-completed:{key}");
                    Remember(context, agreement, documentId, certificate.Id, null, null);
                    context.Summary = $"all {agreement.Parties.Count} parties signed; certificate {certificate.Number}";
                    return context.Complete("AllSigned");
                }

                case AgreementStatus.Declined:
                {
                    await CloseTasksAsync(db, key, "签署方拒绝签署，本轮签署结束", context.Now);
                    var refusal = agreement.Signatures.Last(s => s.Outcome == SignatureOutcome.Declined);
                    var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == refusal.OrganizationId).Select(o => o.Name).SingleAsync();
                    var signer = await db.People.AsNoTracking().Where(p => p.Id == refusal.SignerId).Select(p => p.Name).SingleAsync();
                    // The secretariat and whoever started the round learn who refused and why.
                    var told = RecipientSpec.Secretariat(agreement.AllianceId);
                    var startedBy = await db.WorkflowInstances.AsNoTracking().Where(i => i.Id == context.InstanceId).Select(i => i.StartedBy).SingleOrDefaultAsync();
                    if (Guid.TryParse(startedBy, out var starter))
                    {
                        told = told.And(RecipientSpec.Person(new PersonId(starter)));
                    }

                    await composer.ComposeAsync(told,
                        new SignatureDeclinedEmail(agreement.Id, agreement.Title, allianceName, agreement.AllianceId,
                            $"{signer}（{organization}）", refusal.DeclinedReason ?? string.Empty),
                        null, $"agreement-declined:{key}");
                    Remember(context, agreement, documentId, null, refusal.OrganizationId.Value, refusal.DeclinedReason);
                    context.Summary = $"declined by {organization}: {refusal.DeclinedReason}";
                    return context.Complete("Declined");
                }

                case AgreementStatus.Expired:
                    await CloseTasksAsync(db, key, "签署期限已过", context.Now);
                    Remember(context, agreement, documentId, null, null, null);
                    context.Summary = $"expired with {agreement.OutstandingParties.Count()} of {agreement.Parties.Count} parties unsigned";
                    return context.Complete("Expired");

                default:
                    return context.Fault($"Agreement {key} is {agreement.Status}; a signing round cannot continue from there.");
            }
        });
    }

    private static async Task<List<OrganizationId>> PartiesAsync(
        ActivityContext context, GovernanceDbContext db, Domain.Alliances.Alliance alliance, AgreementKind kind)
    {
        var memberships = (await db.Memberships.AsNoTracking().Where(m => m.AllianceId == alliance.Id).ToListAsync())
            .Where(m => m.IsCurrentMember)
            .OrderBy(m => m.Role)
            .ThenBy(m => m.AppliedAt)
            .ToList();
        if (kind == AgreementKind.AccessionAgreement)
        {
            var membershipId = new MembershipId(DomainSteps.RequiredGuid(context, "membershipId"));
            var applicant = await db.Memberships.AsNoTracking().SingleOrDefaultAsync(m => m.Id == membershipId)
                ?? throw new DomainRuleViolation("agreement.membership-not-found", $"There is no membership {membershipId.Value}.", "membershipId");
            var chair = memberships.FirstOrDefault(m => m.Role == MembershipRole.ChairUnit)?.OrganizationId
                ?? throw new DomainRuleViolation("agreement.no-chair-unit", "The alliance has no chair unit to sign for it.", "allianceId");
            return [chair, applicant.OrganizationId];
        }

        return context.InputString("parties") switch
        {
            null or "" or "AllMembers" => memberships.Select(m => m.OrganizationId).Distinct().ToList(),
            "CouncilMemberUnits" => alliance.CurrentCouncil.Select(s => s.OrganizationId).Distinct()
                .OrderBy(o => memberships.FindIndex(m => m.OrganizationId == o) is var i and >= 0 ? i : int.MaxValue)
                .ToList(),
            "Listed" => (context.Input("partyIds") as JsonArray ?? throw new FormatException("partyIds is empty."))
                .Select(n => new OrganizationId(Guid.Parse(n!.GetValue<string>()))).ToList(),
            var other => throw new FormatException($"'{other}' is not AllMembers, CouncilMemberUnits or Listed (parties)."),
        };
    }

    private static async Task AskToSignAsync(
        ActivityContext context, GovernanceDbContext db, Agreement agreement, string allianceName, IEnumerable<PersonId> people)
    {
        var key = agreement.Id.Value.ToString();
        PersonId? initiator = Guid.TryParse(context.Actor, out var actor) ? new PersonId(actor) : null;
        var composer = context.Services.GetRequiredService<EmailComposer>();
        foreach (var person in people.Distinct())
        {
            var task = new WorkTask(WorkTaskId.New(), WorkTaskKind.Sign, $"签署：{agreement.Title}", person, agreement.AllianceId, initiator,
                agreement.SigningDeadline, context.Now);
            task.AttachToWorkflow(context.InstanceId, context.Activity.Id, key);
            db.Tasks.Add(task);
            await composer.ComposeAsync(RecipientSpec.Person(person),
                new SignatureRequestedEmail(agreement.Id, agreement.Title, allianceName, agreement.AllianceId, agreement.SigningDeadline),
                null, $"agreement-requested:{key}");
        }
    }

    /// <summary>In a sequential round, the next party's legal representative is asked once the one before signed.</summary>
    private static async Task AskNextPartyAsync(ActivityContext context, GovernanceDbContext db, Agreement agreement, string allianceName, string key)
    {
        var next = agreement.OutstandingParties.FirstOrDefault();
        var signers = await RoleHolders.OfOrganizationsAsync(db, Role.LegalRepresentative, [next], context.Now);
        var asked = (await db.Tasks.Where(t => t.WaitKey == key).ToListAsync()).Select(t => t.AssigneeId).ToHashSet();
        var people = signers.GetValueOrDefault(next, []).Where(p => !asked.Contains(p)).ToList();
        if (people.Count > 0)
        {
            await AskToSignAsync(context, db, agreement, allianceName, people);
        }
    }

    private static async Task CloseTasksAsync(GovernanceDbContext db, string key, string reason, DateTimeOffset now)
    {
        // Filtered in memory: a task completed in this unit of work is still open in the database.
        foreach (var open in (await db.Tasks.Where(t => t.WaitKey == key).ToListAsync()).Where(t => t.Status == WorkTaskStatus.Open))
        {
            open.Cancel(reason, now);
        }
    }

    private static void Remember(ActivityContext context, Agreement agreement, Guid? documentId, Guid? certificateId, Guid? declinedBy, string? reason)
    {
        if (context.InputString("resultVariable") is not { Length: > 0 } variable)
        {
            return;
        }

        context.SetVariable(variable, new JsonObject
        {
            ["agreementId"] = agreement.Id.Value,
            ["documentId"] = documentId,
            ["sha256"] = agreement.DocumentSha256,
            ["outcome"] = agreement.Status switch
            {
                AgreementStatus.InForce => "AllSigned",
                AgreementStatus.Declined => "Declined",
                AgreementStatus.Expired => "Expired",
                _ => null,
            },
            ["certificateId"] = certificateId,
            ["declinedBy"] = declinedBy,
            ["reason"] = reason,
        });
    }
}
