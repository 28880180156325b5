using System.Text.Json.Nodes;
using Governance.Domain.Charters;
using Governance.Domain.Common;
using Governance.Domain.Memberships;
using Governance.Domain.Organizations;
using Governance.Domain.People;
using Governance.Server.Access;
using Governance.Server.Auditing;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Governance.Server.WorkflowHosting;
using Governance.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Lifecycles;

public sealed record CharterSectionRequest(string? Title, string? Body);

public sealed record CharterAmendmentRequest(string? Title, IReadOnlyList<CharterSectionRequest>? Sections, bool ExpertReview = false);

public sealed record CouncilNominationRequest(Guid? PersonId, Guid? OrganizationId, Domain.Alliances.CouncilPosition? Position);

/// <summary>
/// A founding application: the council the founding members propose (each seat held for a founding
/// member, i.e. an organization that applied to the alliance while it is proposed) and, optionally,
/// the founding charter's draft. Both take effect only when the supervising department approves.
/// </summary>
public sealed record FoundingRequest(
    IReadOnlyList<CouncilNominationRequest>? Council, string? CharterTitle, IReadOnlyList<CharterSectionRequest>? CharterSections);

public sealed record AgreementSigningRequest(string? Title, string? Order, int? Days);

public sealed record AnnualReportRequest(int? Year, DateTimeOffset? OpensAt, int? Days);

public sealed record ExitRequest(string? Reason);

/// <summary>The process a request started.</summary>
public sealed record LifecycleStarted(Guid InstanceId, string DefinitionId, int Version, string CorrelationId, WorkflowStatus Status);

/// <summary>
/// Starts the lifecycles of DESIGN.md for the people entitled to: a founding application by the
/// alliance's secretariat or chair, an admission by the applicant's liaison or legal representative (or
/// the secretariat), a charter amendment, the agreement round and the annual report by the secretariat
/// or chair, a voluntary exit by the member's legal representative, a removal motion by the secretariat
/// or chair. Each lifecycle runs at most once at a time for its subject (409 <c>process.already-running</c>).
/// The audit entry commits with the process's first step.
/// </summary>
public sealed class StartLifecycleHandler(
    GovernanceDbContext db, WorkflowRuntime runtime, AccessControl access, AuditTrail audit, TimeProvider clock)
{
    public const string Founding = "alliance-founding";
    public const string Admission = "member-admission";
    public const string CharterAdoption = "charter-adoption";
    public const string AgreementSigning = "agreement-signing";
    public const string AnnualReport = "annual-report";
    public const string Exit = "member-exit";

    public async Task<LifecycleStarted> FoundingAsync(Guid allianceId, FoundingRequest? request, CancellationToken cancellationToken)
    {
        var alliance = await VisibleAllianceAsync(allianceId, cancellationToken);
        await DemandAsync(alliance.Id, cancellationToken, Role.Secretariat, Role.Chair);
        await EnsureNotRunningAsync(Founding, $"founding:{allianceId}", "allianceId", cancellationToken);
        if (alliance.Status != Domain.Alliances.AllianceStatus.Proposed)
        {
            throw new DomainRuleViolation(
                "process.alliance-not-proposed", $"The alliance is {alliance.Status}; a founding application is made for a proposed alliance.", "allianceId");
        }

        var council = await NominationsAsync(alliance.Id, request?.Council ?? [], cancellationToken);
        if (request?.CharterSections is { Count: > 0 } sections)
        {
            if (await db.Charters.AnyAsync(c => c.AllianceId == alliance.Id, cancellationToken))
            {
                throw new ConflictException("founding.charter-exists", "The alliance already has a charter; amend it once the alliance is founded.", "charterSections");
            }

            var draft = new Charter(CharterId.New(), alliance.Id, 1, request.CharterTitle ?? $"{alliance.Name}章程",
                sections.Select((s, i) => (s.Title ?? throw Required($"charterSections[{i}].title"), s.Body ?? throw Required($"charterSections[{i}].body"))).ToList(),
                [], clock.GetUtcNow());
            db.Charters.Add(draft);
            audit.Record("charter.draft", "Charter", draft.Id.ToString(), alliance.Id, null, $"{draft.Title} v1 (founding), {sections.Count} sections");
            await audit.SaveChangesAsync(cancellationToken);
        }

        return await StartAsync(Founding, $"founding:{allianceId}", alliance.Id, null, new()
        {
            ["AllianceId"] = allianceId.ToString(),
            ["InitiatorId"] = Initiator().Value.ToString(),
            ["Council"] = Processes.CouncilNomination.Write(council),
        }, $"founding application of {alliance.Name}, {council.Count} council seat(s) proposed", cancellationToken);
    }

    /// <summary>Checks the proposed council against the founding members now, so a mistake is a 422 and not a failed step later.</summary>
    private async Task<List<Processes.CouncilNomination>> NominationsAsync(
        AllianceId alliance, IReadOnlyList<CouncilNominationRequest> requested, CancellationToken cancellationToken)
    {
        var founding = await db.Memberships.AsNoTracking()
            .Where(m => m.AllianceId == alliance && m.Status == MembershipStatus.Applied)
            .ToListAsync(cancellationToken);
        var nominations = new List<Processes.CouncilNomination>();
        for (var i = 0; i < requested.Count; i++)
        {
            var nominee = requested[i];
            var personId = nominee.PersonId ?? throw Required($"council[{i}].personId");
            var organizationId = nominee.OrganizationId ?? throw Required($"council[{i}].organizationId");
            var position = nominee.Position is { } p && Enum.IsDefined(p) ? p : throw Required($"council[{i}].position");
            if (!await db.People.AnyAsync(x => x.Id == new PersonId(personId), cancellationToken))
            {
                throw new DomainRuleViolation("founding.unknown-person", $"There is no person {personId}.", $"council[{i}].personId");
            }

            var membership = founding.SingleOrDefault(m => m.OrganizationId == new OrganizationId(organizationId));
            if (membership is null)
            {
                throw new DomainRuleViolation("founding.nominee-not-founding-member",
                    "A council seat is held for a founding member: an organization that applied to join this alliance.", $"council[{i}].organizationId");
            }

            if (membership.Role == MembershipRole.InvitedMember)
            {
                throw new DomainRuleViolation("alliance.invited-member-no-council-seat", "An invited member (特邀成员) holds no council seat.", $"council[{i}].organizationId");
            }

            if (nominations.Any(n => n.PersonId == personId))
            {
                throw new DomainRuleViolation("founding.person-nominated-twice", "A person holds one council seat.", $"council[{i}].personId");
            }

            if (position == Domain.Alliances.CouncilPosition.Chair && nominations.Any(n => n.Position == Domain.Alliances.CouncilPosition.Chair))
            {
                throw new DomainRuleViolation("alliance.chair-seat-taken", "The council has one chair (理事长).", $"council[{i}].position");
            }

            nominations.Add(new Processes.CouncilNomination(personId, organizationId, position));
        }

        return nominations;
    }

    public async Task<LifecycleStarted> AdmissionAsync(Guid membershipId, CancellationToken cancellationToken)
    {
        var (membership, organization) = await MembershipAsync(membershipId, cancellationToken);
        var roles = await access.RolesAsync(cancellationToken);
        if (!roles.IsAdministrator && !roles.HoldsInOrganization(organization.Id, Role.Liaison, Role.LegalRepresentative)
            && !roles.HoldsInAlliance(membership.AllianceId, Role.Secretariat))
        {
            throw new ForbiddenException("access.applicant-required", "Only the applicant's liaison or legal representative, or the secretariat, starts an admission.");
        }

        if (membership.Status != MembershipStatus.Applied)
        {
            throw new DomainRuleViolation("process.membership-not-applied", $"The membership is {membership.Status}; admission starts from an application.", "membershipId");
        }

        return await StartAsync(Admission, $"admission:{membershipId}", membership.AllianceId, organization.Id, new()
        {
            ["AllianceId"] = membership.AllianceId.Value.ToString(),
            ["MembershipId"] = membershipId.ToString(),
            ["OrganizationId"] = organization.Id.Value.ToString(),
            ["OrganizationName"] = organization.Name,
            ["InitiatorId"] = Initiator().Value.ToString(),
        }, $"admission of {organization.Name}", cancellationToken);
    }

    /// <summary>Stores the draft as the next charter version, then opens its adoption.</summary>
    public async Task<LifecycleStarted> CharterAmendmentAsync(Guid allianceId, CharterAmendmentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var alliance = await VisibleAllianceAsync(allianceId, cancellationToken);
        await DemandAsync(alliance.Id, cancellationToken, Role.Secretariat, Role.Chair);
        await EnsureNotRunningAsync(CharterAdoption, $"charter:{alliance.Id.Value}", "allianceId", cancellationToken);
        var sections = request.Sections is { Count: > 0 } given
            ? given.Select((s, i) => (s.Title ?? throw Required($"sections[{i}].title"), s.Body ?? throw Required($"sections[{i}].body"))).ToList()
            : throw new DomainRuleViolation("charter.sections-required", "A charter draft needs its sections.", "sections");
        var charters = await db.Charters.Where(c => c.AllianceId == alliance.Id).ToListAsync(cancellationToken);
        var current = charters.SingleOrDefault(c => c.Status == CharterStatus.InForce);
        var draft = new Charter(CharterId.New(), alliance.Id, charters.Count == 0 ? 1 : charters.Max(c => c.VersionNumber) + 1,
            request.Title ?? current?.Title ?? throw Required("title"), sections, current?.VotingRules ?? [], clock.GetUtcNow());
        db.Charters.Add(draft);
        audit.Record("charter.draft", "Charter", draft.Id.ToString(), alliance.Id, null, $"{draft.Title} v{draft.VersionNumber}, {sections.Count} sections");
        await audit.SaveChangesAsync(cancellationToken);

        return await StartAsync(CharterAdoption, $"charter:{alliance.Id.Value}", alliance.Id, null, new()
        {
            ["AllianceId"] = allianceId.ToString(),
            ["CharterId"] = draft.Id.Value.ToString(),
            ["CharterTitle"] = $"{draft.Title}（第{draft.VersionNumber}版）",
            ["ExpertReview"] = request.ExpertReview,
        }, $"adoption of {draft.Title} v{draft.VersionNumber}", cancellationToken);
    }

    public async Task<LifecycleStarted> AgreementSigningAsync(Guid allianceId, AgreementSigningRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var alliance = await VisibleAllianceAsync(allianceId, cancellationToken);
        await DemandAsync(alliance.Id, cancellationToken, Role.Secretariat, Role.Chair);
        if (request.Order is not (null or "Parallel" or "Sequential"))
        {
            throw new DomainRuleViolation("agreement.invalid-order", "order is Parallel or Sequential.", "order");
        }

        if (request.Days is < 1 or > 90)
        {
            throw new DomainRuleViolation("agreement.invalid-days", "days is between 1 and 90.", "days");
        }

        return await StartAsync(AgreementSigning, $"agreement:{allianceId}", alliance.Id, null, new()
        {
            ["AllianceId"] = allianceId.ToString(),
            ["Title"] = string.IsNullOrWhiteSpace(request.Title) ? $"{alliance.Name}联盟协议" : request.Title.Trim(),
            ["Order"] = request.Order ?? "Parallel",
            ["Days"] = request.Days ?? 15,
        }, $"agreement round of {alliance.Name}", cancellationToken);
    }

    public async Task<LifecycleStarted> AnnualReportAsync(Guid allianceId, AnnualReportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var alliance = await VisibleAllianceAsync(allianceId, cancellationToken);
        await DemandAsync(alliance.Id, cancellationToken, Role.Secretariat, Role.Chair);
        var year = request.Year ?? throw Required("year");
        if (year is < 2000 or > 2100)
        {
            throw new DomainRuleViolation("report.invalid-year", $"{year} is not a reporting year.", "year");
        }

        if (request.Days is < 1 or > 120)
        {
            throw new DomainRuleViolation("report.invalid-days", "days is between 1 and 120.", "days");
        }

        if (await db.AnnualReports.AnyAsync(r => r.AllianceId == alliance.Id && r.Year == year, cancellationToken))
        {
            throw new ConflictException("report.year-exists", $"The {year} report has already been opened.", "year");
        }

        return await StartAsync(AnnualReport, $"report:{allianceId}:{year}", alliance.Id, null, new()
        {
            ["AllianceId"] = allianceId.ToString(),
            ["Year"] = year,
            ["OpensAt"] = request.OpensAt?.ToUniversalTime().ToString("O"),
            ["Days"] = request.Days ?? 30,
        }, $"{year} annual report of {alliance.Name}", cancellationToken);
    }

    public async Task<LifecycleStarted> ExitAsync(Guid membershipId, ExitRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (membership, organization) = await MembershipAsync(membershipId, cancellationToken);
        var roles = await access.RolesAsync(cancellationToken);
        if (!roles.IsAdministrator && !roles.HoldsInOrganization(organization.Id, Role.LegalRepresentative))
        {
            throw new ForbiddenException("access.legal-representative-required", "Only the member's legal representative asks to leave.");
        }

        return await ExitProcessAsync(membership, organization, "Voluntary", Reason(request), cancellationToken);
    }

    public async Task<LifecycleStarted> RemovalAsync(Guid membershipId, ExitRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (membership, organization) = await MembershipAsync(membershipId, cancellationToken);
        await DemandAsync(membership.AllianceId, cancellationToken, Role.Secretariat, Role.Chair);
        return await ExitProcessAsync(membership, organization, "Removal", Reason(request), cancellationToken);
    }

    /// <summary>A credit downgrade opens an exit review of each current membership (called after the downgrade is stored).</summary>
    public async Task<IReadOnlyList<LifecycleStarted>> CreditReviewsAsync(Organization organization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organization);
        if (!await db.WorkflowDefinitions.AnyAsync(d => d.DefinitionId == Exit && d.Status == DefinitionStatus.Published, cancellationToken))
        {
            // A server without the lifecycle definitions (not imported) records the decision only.
            return [];
        }

        var memberships = (await db.Memberships.AsNoTracking().Where(m => m.OrganizationId == organization.Id).ToListAsync(cancellationToken))
            .Where(m => m.IsCurrentMember && m.Status != MembershipStatus.Exiting)
            .ToList();
        var started = new List<LifecycleStarted>();
        foreach (var membership in memberships)
        {
            if (await RunningAsync(Exit, $"exit:{membership.Id.Value}", cancellationToken) is null)
            {
                started.Add(await ExitProcessAsync(membership, organization, "CreditReview",
                    $"信用状况变更为{organization.CreditStatus}：{organization.CreditStatusReason}", cancellationToken));
            }
        }

        return started;
    }

    private async Task<LifecycleStarted> ExitProcessAsync(Membership membership, Organization organization, string kind, string reason, CancellationToken cancellationToken)
    {
        await EnsureNotRunningAsync(Exit, $"exit:{membership.Id.Value}", "membershipId", cancellationToken);

        if (!membership.IsCurrentMember || membership.Status == MembershipStatus.Exiting)
        {
            throw new DomainRuleViolation("process.not-a-current-member", $"The membership is {membership.Status}.", "membershipId");
        }

        return await StartAsync(Exit, $"exit:{membership.Id.Value}", membership.AllianceId, organization.Id, new()
        {
            ["AllianceId"] = membership.AllianceId.Value.ToString(),
            ["MembershipId"] = membership.Id.Value.ToString(),
            ["OrganizationId"] = organization.Id.Value.ToString(),
            ["OrganizationName"] = organization.Name,
            ["Kind"] = kind,
            ["Reason"] = reason,
        }, $"{kind} exit of {organization.Name}: {reason}", cancellationToken);
    }

    private async Task<LifecycleStarted> StartAsync(
        string definitionId, string correlationId, AllianceId alliance, OrganizationId? organization, Dictionary<string, JsonNode?> input,
        string summary, CancellationToken cancellationToken)
    {
        await EnsureNotRunningAsync(definitionId, correlationId, "correlationId", cancellationToken);
        var actor = access.Caller.PersonId?.Value.ToString();
        var record = await runtime.StartAsync(definitionId, null, input, correlationId, actor,
            (_, started, ct) => audit.AppendInTransactionAsync("process.start", "WorkflowInstance", started.Id.ToString(), alliance, organization,
                $"{definitionId} v{started.DefinitionVersion}: {summary}", ct),
            cancellationToken);
        return new LifecycleStarted(record.Id, definitionId, record.DefinitionVersion, correlationId, record.Status);
    }

    private async Task<Guid?> RunningAsync(string definitionId, string correlationId, CancellationToken cancellationToken) =>
        await db.WorkflowInstances.AsNoTracking()
            .Where(i => i.DefinitionId == definitionId && i.CorrelationId == correlationId
                && (i.Status == WorkflowStatus.Running || i.Status == WorkflowStatus.Suspended || i.Status == WorkflowStatus.Faulted))
            .Select(i => (Guid?)i.Id)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Refused before anything is stored: the lifecycle already runs for this subject.</summary>
    private async Task EnsureNotRunningAsync(string definitionId, string correlationId, string field, CancellationToken cancellationToken)
    {
        if (await RunningAsync(definitionId, correlationId, cancellationToken) is { } running)
        {
            throw new ConflictException("process.already-running", $"A {definitionId} process for this subject is already running ({running}).", field);
        }
    }

    private async Task<Domain.Alliances.Alliance> VisibleAllianceAsync(Guid allianceId, CancellationToken cancellationToken)
    {
        var alliance = await db.Alliances.AsNoTracking().SingleOrDefaultAsync(a => a.Id == new AllianceId(allianceId), cancellationToken);
        return alliance is not null && await access.CanSeeAllianceAsync(alliance.Id, cancellationToken)
            ? alliance
            : throw new NotFoundException("Alliance", allianceId);
    }

    private async Task<(Membership Membership, Organization Organization)> MembershipAsync(Guid membershipId, CancellationToken cancellationToken)
    {
        var membership = await db.Memberships.AsNoTracking().SingleOrDefaultAsync(m => m.Id == new MembershipId(membershipId), cancellationToken);
        if (membership is null)
        {
            throw new NotFoundException("Membership", membershipId);
        }

        var roles = await access.RolesAsync(cancellationToken);
        if (!roles.IsAdministrator && !await access.CanSeeAllianceAsync(membership.AllianceId, cancellationToken)
            && !roles.HoldsInOrganization(membership.OrganizationId, Role.Liaison, Role.LegalRepresentative))
        {
            throw new NotFoundException("Membership", membershipId);
        }

        return (membership, await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == membership.OrganizationId, cancellationToken));
    }

    private async Task DemandAsync(AllianceId alliance, CancellationToken cancellationToken, params Role[] roles)
    {
        var held = await access.RolesAsync(cancellationToken);
        if (!held.IsAdministrator && !held.HoldsInAlliance(alliance, roles))
        {
            throw new ForbiddenException("access.role-required", $"This needs the role {string.Join(" or ", roles)} in the alliance.");
        }
    }

    private PersonId Initiator() =>
        access.Caller.PersonId ?? throw new ForbiddenException("access.person-required", "A process is started by a person.");

    private static string Reason(ExitRequest request) =>
        string.IsNullOrWhiteSpace(request.Reason) ? throw Required("reason") : request.Reason.Trim();

    private static DomainRuleViolation Required(string field) => new("process.field-required", $"{field} is required.", field);
}
