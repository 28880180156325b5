using Governance.Domain.Common;
using Governance.Domain.People;
using Governance.Server.Access;
using Governance.Server.Auditing;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.SigningDelegations;

/// <summary>
/// A legal representative authorizes a person to sign for the organization from <see cref="From"/>
/// (default now) until <see cref="Until"/>, optionally only in one alliance or for one agreement.
/// An administrator recording a paper 授权委托书 names the <see cref="LegalRepresentativeId"/>.
/// </summary>
public sealed record GrantSigningDelegationRequest(
    Guid? DelegateId, DateTimeOffset? From, DateTimeOffset? Until, Guid? AllianceId, Guid? AgreementId, Guid? LegalRepresentativeId);

public sealed class GrantSigningDelegationHandler(
    GovernanceDbContext db, TimeProvider clock, SigningDelegationAccess delegations, AuditTrail audit)
{
    public async Task<SigningDelegationResponse> HandleAsync(Guid organizationId, GrantSigningDelegationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var organization = await delegations.DemandGrantorAsync(organizationId, cancellationToken);
        var now = clock.GetUtcNow();
        var caller = delegations.Access.Caller.PersonId!.Value;
        var callerIsRepresentative = await delegations.IsLegalRepresentativeAsync(organization.Id, cancellationToken);

        // Whose authority is delegated: the caller's own, unless an administrator names the legal representative.
        PersonId grantor;
        if (request.LegalRepresentativeId is { } named)
        {
            if (callerIsRepresentative && named != caller.Value && !await delegations.Access.IsAdministratorAsync(cancellationToken))
            {
                throw new DomainRuleViolation("delegation.grantor-not-caller",
                    "A legal representative delegates only their own authority.", "legalRepresentativeId");
            }

            grantor = new PersonId(named);
        }
        else
        {
            grantor = callerIsRepresentative ? caller
                : throw new DomainRuleViolation("delegation.legal-representative-required",
                    "Name the legal representative whose authority is delegated.", "legalRepresentativeId");
        }

        if (!(await AccessControl.RolesOfAsync(db, grantor, now, cancellationToken)).HoldsInOrganization(organization.Id, Role.LegalRepresentative))
        {
            throw new DomainRuleViolation("delegation.not-legal-representative",
                "That person is not the organization's legal representative now.", "legalRepresentativeId");
        }

        var delegateId = request.DelegateId ?? throw new DomainRuleViolation("delegation.delegate-required", "delegateId is required.", "delegateId");
        if (delegateId == grantor.Value)
        {
            throw new DomainRuleViolation("delegation.self-delegation", "The legal representative signs in person; a delegate is someone else.", "delegateId");
        }

        var delegatePerson = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == new PersonId(delegateId), cancellationToken)
            ?? throw new DomainRuleViolation("delegation.delegate-not-found", "No person has this id.", "delegateId");

        var from = request.From ?? now;
        if (from < now)
        {
            throw new DomainRuleViolation("delegation.from-in-past", "A delegation starts now or later, never in the past.", "from");
        }

        var until = request.Until ?? throw new DomainRuleViolation("delegation.until-required",
            "A delegation is for a period: until is required.", "until");
        if (until <= from)
        {
            throw new DomainRuleViolation("delegation.invalid-period", "until must be after from.", "until");
        }

        var allianceId = request.AllianceId;
        if (request.AgreementId is { } agreementId)
        {
            var agreement = await db.Agreements.AsNoTracking().SingleOrDefaultAsync(a => a.Id == new AgreementId(agreementId), cancellationToken)
                ?? throw new DomainRuleViolation("delegation.agreement-not-found", "No agreement has this id.", "agreementId");
            if (agreement.Parties.All(p => p.OrganizationId != organization.Id))
            {
                throw new DomainRuleViolation("delegation.not-a-party", "The organization is not a party to this agreement.", "agreementId");
            }

            if (allianceId is { } given && given != agreement.AllianceId.Value)
            {
                throw new DomainRuleViolation("delegation.agreement-outside-alliance", "The agreement belongs to another alliance.", "agreementId");
            }

            allianceId = agreement.AllianceId.Value;
        }
        else if (allianceId is { } alliance)
        {
            if (!await db.Alliances.AnyAsync(a => a.Id == new AllianceId(alliance), cancellationToken))
            {
                throw new DomainRuleViolation("delegation.alliance-not-found", "No alliance has this id.", "allianceId");
            }

            if (!await db.Memberships.AnyAsync(m => m.AllianceId == new AllianceId(alliance) && m.OrganizationId == organization.Id, cancellationToken))
            {
                throw new DomainRuleViolation("delegation.not-a-member", "The organization is not a member of (or applicant to) this alliance.", "allianceId");
            }
        }

        var record = new SigningDelegationRecord
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = organization.Id.Value,
            LegalRepresentativeId = grantor.Value,
            DelegateId = delegateId,
            From = from,
            Until = until,
            AllianceId = allianceId,
            AgreementId = request.AgreementId,
            GrantedById = caller.Value,
            GrantedAt = now,
        };
        db.SigningDelegations.Add(record);
        audit.Record("signing-delegation.grant", "SigningDelegation", record.Id.ToString(),
            allianceId is { } scope ? new AllianceId(scope) : null, organization.Id,
            $"delegate {delegatePerson.Name} ({delegateId}) signs on behalf of {grantor}; {from:O} → {until:O}"
                + (allianceId is null ? string.Empty : $"; alliance {allianceId}") + (request.AgreementId is null ? string.Empty : $"; agreement {request.AgreementId}"),
            onBehalfOf: grantor == caller ? null : grantor);
        await audit.SaveChangesAsync(cancellationToken);
        return SigningDelegationResponse.Of(record, await delegations.NamesAsync([record], cancellationToken), now);
    }
}
