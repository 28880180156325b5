using System.Text.Json.Nodes;
using Governance.Domain.Agreements;
using Governance.Domain.Common;
using Governance.Domain.Tasks;
using Governance.Server.Access;
using Governance.Server.Errors;
using Governance.Server.Identity;
using Governance.Server.Persistence;
using Governance.Server.WorkflowHosting;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Processes;

/// <summary>Where a signature came from: kept with it as evidence.</summary>
public sealed record SigningClient(string? IpAddress, string? UserAgent);

/// <summary>
/// A legal representative (or the delegate a legal representative named) signs an agreement or declines
/// it with a reason. Both need a fresh step-up proof for this agreement (purpose <see cref="Purpose"/>):
/// the proof is consumed, the signature stored with its evidence, the signer's task closed and the
/// signing step resumed in one transaction.
/// </summary>
public sealed class AgreementSigning(
    GovernanceDbContext db, WorkflowRuntime runtime, SignatoryResolver signatories, StepUpService stepUp, Auditing.AuditTrail audit, TimeProvider clock)
{
    /// <summary>The step-up purpose a proof for signing this agreement is requested with.</summary>
    public static string Purpose(AgreementId agreement) => $"sign:agreement:{agreement.Value}";

    public Task<Signature> SignAsync(
        AgreementId agreementId, OrganizationId? organization, PersonId person, string? proof, SigningClient client, CancellationToken cancellationToken) =>
        ActAsync(agreementId, organization, person, proof, client, null, cancellationToken);

    public Task<Signature> DeclineAsync(
        AgreementId agreementId, OrganizationId? organization, PersonId person, string? reason, string? proof, SigningClient client,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainRuleViolation("agreement.reason-required", "Say why the agreement is declined.", "reason");
        }

        return ActAsync(agreementId, organization, person, proof, client, reason.Trim(), cancellationToken);
    }

    private async Task<Signature> ActAsync(
        AgreementId agreementId, OrganizationId? organization, PersonId person, string? proof, SigningClient client, string? declineReason,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var agreement = await db.Agreements.AsNoTracking().SingleOrDefaultAsync(a => a.Id == agreementId, cancellationToken)
            ?? throw new NotFoundException("Agreement", agreementId.Value);
        var (party, signatory) = await PartyAsync(agreement, organization, person, now, cancellationToken);
        var key = agreementId.Value.ToString();
        var input = new JsonObject
        {
            ["organizationId"] = party.Value,
            ["signerId"] = person.Value,
            ["declined"] = declineReason is not null,
        };

        Signature? stored = null;
        await WaitingSteps.ActAsync(db, runtime, CollectSignaturesActivity.SignatureBookmark, key, input, person.Value.ToString(), async (context, ct) =>
        {
            var evidence = await stepUp.ConsumeAsync(person, Purpose(agreementId), proof, ct);
            var tracked = await context.Agreements.SingleAsync(a => a.Id == agreementId, ct);
            var request = new SigningRequest(party, signatory.SignerId, signatory.OnBehalfOfId is null ? "法定代表人" : "授权签署人",
                tracked.DocumentSha256 ?? string.Empty, evidence.Method, client.IpAddress, client.UserAgent, signatory.OnBehalfOfId);
            stored = declineReason is null ? tracked.Sign(request, now) : tracked.Decline(request, declineReason, now);
            await audit.AppendInTransactionAsync(declineReason is null ? "agreement.sign" : "agreement.decline", "Agreement", key, tracked.AllianceId, party,
                $"{tracked.Title}: {(declineReason is null ? "signed" : $"declined ({declineReason})")} by {person.Value}"
                + (signatory.OnBehalfOfId is { } giver ? $" on behalf of {giver.Value}" : string.Empty)
                + $" with {evidence.Method}; document {tracked.DocumentSha256}", ct);

            // The party's signing task is done by this act, whoever of its signatories acted.
            var representative = signatory.OnBehalfOfId ?? signatory.SignerId;
            foreach (var task in (await context.Tasks.Where(t => t.WaitKey == key && t.Kind == WorkTaskKind.Sign).ToListAsync(ct))
                         .Where(t => t.Status == WorkTaskStatus.Open && (t.AssigneeId == representative || t.AssigneeId == person)))
            {
                task.Complete(declineReason is null ? CollectSignaturesActivity.SignOutcome : "decline", declineReason, now, person);
            }
        }, cancellationToken);
        return stored!;
    }

    /// <summary>The party the person acts for: the one named, or the only party the person may sign for.</summary>
    private async Task<(OrganizationId Party, Signatory Signatory)> PartyAsync(
        Agreement agreement, OrganizationId? organization, PersonId person, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var candidates = organization is { } named ? [named] : agreement.Parties.Select(p => p.OrganizationId).ToList();
        var found = new List<(OrganizationId, Signatory)>();
        foreach (var candidate in candidates)
        {
            if (await signatories.ResolveAsync(person, candidate, now, cancellationToken) is { } signatory)
            {
                found.Add((candidate, signatory));
            }
        }

        return found.Count switch
        {
            1 => found[0],
            0 => throw new ForbiddenException("agreement.not-signatory", "You may not sign for this party of the agreement."),
            _ => throw new DomainRuleViolation("agreement.organization-required",
                "You may sign for more than one party of this agreement; say which (organizationId).", "organizationId"),
        };
    }
}
