using System.Text.Json.Nodes;
using Governance.Domain.Ballots;
using Governance.Domain.Common;
using Governance.Domain.People;
using Governance.Server.Features.Documents;
using Governance.Server.Features.Email;
using Governance.Server.Persistence;
using Governance.Workflows.Activities;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Processes;

/// <summary>
/// A message of the catalogue to the people who hold a role now (the secretariat, the council, the
/// supervising department's officers, a member unit's legal representative and liaison, a named person),
/// each in their own language, queued in the step's transaction. Documents named are attached.
/// The other steps send their own messages (task assigned, ballot opened, signature requested, ...);
/// this one is for the decisions a definition announces: a membership decision, a ballot result, a document.
/// </summary>
[Activity(
    TypeName,
    Category = "Governance",
    DisplayNameZh = "发送通知",
    DisplayNameEn = "Send notification",
    Description = "Queues a zh-CN/en catalogue email to recipients resolved by role, with documents attached.",
    Outcomes = ["Done"])]
[ActivityInput("message", "String", Required = true, Form = InputForm.Setting, Description = "MembershipDecision, BallotResult or DocumentIssued.")]
[ActivityInput("to", "String", Required = true, Form = InputForm.Setting,
    Description = "Comma-separated: Secretariat, Council, Chair, SupervisingDepartment, Member (legal representative and liaison of organizationId or of the membership), Person (personId).")]
[ActivityInput("allianceId", "Guid", Required = true)]
[ActivityInput("membershipId", "Guid", Description = "The membership decided (MembershipDecision; Member recipients).")]
[ActivityInput("organizationId", "Guid", Description = "The member unit for Member recipients.")]
[ActivityInput("personId", "Guid", Description = "The person for Person recipients.")]
[ActivityInput("ballotId", "Guid", Description = "The closed ballot (BallotResult).")]
[ActivityInput("approved", "Boolean", Description = "MembershipDecision: whether the application was approved.")]
[ActivityInput("note", "String", Description = "A reason or note shown in the message.")]
[ActivityInput("documentId", "Guid", Description = "The document sent (DocumentIssued); attached as PDF.")]
[ActivityInput("attachDocumentIds", "Array", Description = "More documents to attach.")]
public sealed class GovernanceSendEmailActivity : IActivity
{
    public const string TypeName = "Governance.SendEmail";

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

            var membership = context.InputGuid("membershipId") is { } m
                ? await db.Memberships.FindAsync(new MembershipId(m)) ?? throw new FormatException($"There is no membership {m}.")
                : null;
            var to = Recipients(context, alliance, membership?.OrganizationId);
            var documentIds = new List<Guid>();
            if (context.InputGuid("documentId") is { } documentId)
            {
                documentIds.Add(documentId);
            }

            documentIds.AddRange((context.Input("attachDocumentIds") as JsonArray ?? []).Select(n => Guid.Parse(n!.GetValue<string>())));
            var documents = await StepDocuments.LoadAsync(db, documentIds);

            EmailModel model = context.InputString("message") switch
            {
                "MembershipDecision" => new MembershipDecisionEmail(
                    membership?.Id ?? throw new FormatException("MembershipDecision needs membershipId."),
                    await db.Organizations.AsNoTracking().Where(o => o.Id == membership.OrganizationId).Select(o => o.Name).SingleAsync(),
                    alliance.Name, alliance.Id, context.InputBoolean("approved"), context.InputString("note")),
                "BallotResult" => await BallotResultAsync(db, DomainSteps.RequiredGuid(context, "ballotId"), alliance.Name),
                "DocumentIssued" => documents.Count > 0
                    ? new DocumentIssuedEmail(documents[0].Record.Id, documents[0].Record.Title, documents[0].Record.Number, alliance.Name, alliance.Id,
                        context.InputString("note"))
                    : throw new FormatException("DocumentIssued needs documentId."),
                var other => throw new FormatException($"'{other}' is not MembershipDecision, BallotResult or DocumentIssued (message)."),
            };

            // Queued in the step's transaction: sent exactly when the step commits.
            var composed = await context.Services.GetRequiredService<EmailComposer>().ComposeAsync(
                to, model, [.. documents.Select(StepDocuments.Attachment)]);
            context.Summary = $"{model.Kind} to {to} ({composed.Count} message(s))"
                + (documents.Count > 0 ? $", attached {string.Join(", ", documents.Select(d => d.Record.Number))}" : string.Empty);
            return context.Complete("Done");
        });
    }

    public ValueTask<ActivityResult> ResumeAsync(ActivityContext context) =>
        throw new InvalidOperationException("SendEmail never waits.");

    private static RecipientSpec Recipients(ActivityContext context, Domain.Alliances.Alliance alliance, OrganizationId? membershipOrganization)
    {
        var parts = (context.InputString("to") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            throw new FormatException("to names no recipients.");
        }

        RecipientSpec? spec = null;
        foreach (var part in parts)
        {
            RecipientSpec next = part switch
            {
                "Secretariat" => RecipientSpec.Secretariat(alliance.Id),
                "Council" => RecipientSpec.CouncilMembers(alliance.Id),
                "Chair" => RecipientSpec.Chair(alliance.Id),
                "SupervisingDepartment" => new RoleRecipients([Role.SupervisingOfficer], RoleScope.Organization(alliance.SupervisingDepartmentId)),
                "Member" => (context.InputGuid("organizationId") is { } o ? new OrganizationId(o) : membershipOrganization) is { } organization
                    ? RecipientSpec.LegalRepresentative(organization).And(RecipientSpec.Liaison(organization))
                    : throw new FormatException("Member recipients need organizationId or membershipId."),
                "Person" => RecipientSpec.Person(new PersonId(DomainSteps.RequiredGuid(context, "personId"))),
                _ => throw new FormatException($"'{part}' is not Secretariat, Council, Chair, SupervisingDepartment, Member or Person (to)."),
            };
            spec = spec is null ? next : spec.And(next);
        }

        return spec!;
    }

    private static async Task<BallotResultEmail> BallotResultAsync(GovernanceDbContext db, Guid id, string allianceName)
    {
        var ballot = await db.Ballots.FindAsync(new BallotId(id)) ?? throw new FormatException($"There is no ballot {id}.");
        var tally = ballot.Result ?? throw new DomainRuleViolation("email.ballot-open", "A ballot's result is sent once it is closed.", "ballotId");
        return new BallotResultEmail(ballot.Id, ballot.Subject, allianceName, ballot.AllianceId, tally.Outcome == BallotOutcome.Approved,
            tally.Yes, tally.No, tally.Abstain);
    }
}
