using System.Globalization;
using System.Text;
using Governance.Domain.Audit;
using Governance.Domain.Common;
using Governance.Domain.People;
using Governance.Server.Access;
using Governance.Server.Api;
using Governance.Server.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Auditing;

public sealed record AuditQuery(Guid? AllianceId, Guid? OrganizationId, Guid? PersonId, string? Action, DateTimeOffset? From, DateTimeOffset? To, int? Page, int? PageSize);

public sealed record AuditEntryResponse(
    long Sequence, DateTimeOffset At, Guid? ActorId, Guid? OnBehalfOfId, string Action, string TargetType, string TargetId,
    Guid? AllianceId, Guid? OrganizationId, string? Summary, string? IpAddress, string? UserAgent, string Hash)
{
    public static AuditEntryResponse From(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.Sequence, entry.At, entry.ActorId?.Value, entry.OnBehalfOfId?.Value, entry.Action, entry.TargetType, entry.TargetId,
            entry.AllianceId?.Value, entry.OrganizationId?.Value, entry.Summary, entry.IpAddress, entry.UserAgent, entry.Hash);
    }
}

/// <summary>
/// Reading the audit chain: administrators see all of it; the chair and secretariat of an alliance
/// and its supervising officer see that alliance's entries; a legal representative or liaison sees its
/// organization's; everyone sees the entries they made themselves.
/// </summary>
public static class AuditEndpoints
{
    private const int VerifyBatch = 1000;

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/audit").WithTags("Audit");
        group.MapGet("/", ListAsync).WithName("ListAuditEntries")
            .WithSummary("Audit entries of an alliance, organization or person (newest first)").RequireAuthorization(Policies.Read);
        group.MapGet("/export", ExportAsync).WithName("ExportAuditEntries")
            .WithSummary("The same entries as CSV (UTF-8 with BOM, for spreadsheet programs)").RequireAuthorization(Policies.Read);
        group.MapGet("/verify", VerifyAsync).WithName("VerifyAuditChain")
            .WithSummary("Recompute the hash chain and report the first broken link").RequireAuthorization(Policies.Admin);
        return endpoints;
    }

    private static async Task<Ok<Page<AuditEntryResponse>>> ListAsync(
        [AsParameters] AuditQuery query, GovernanceDbContext db, AccessControl access, CancellationToken cancellationToken)
    {
        var entries = await FilterAsync(query, db, access, cancellationToken);
        return TypedResults.Ok(await entries.OrderByDescending(e => e.Sequence)
            .ToPageAsync(query.Page, query.PageSize, AuditEntryResponse.From, cancellationToken));
    }

    private static async Task<FileContentHttpResult> ExportAsync(
        [AsParameters] AuditQuery query, GovernanceDbContext db, AccessControl access, CancellationToken cancellationToken)
    {
        var entries = await (await FilterAsync(query, db, access, cancellationToken)).OrderBy(e => e.Sequence).Take(100_000).ToListAsync(cancellationToken);
        var csv = new StringBuilder();
        csv.Append("sequence,at,actorId,onBehalfOfId,action,targetType,targetId,allianceId,organizationId,summary,ipAddress,userAgent,previousHash,hash\r\n");
        foreach (var e in entries)
        {
            string?[] fields =
            [
                e.Sequence.ToString(CultureInfo.InvariantCulture), e.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture),
                e.ActorId?.ToString(), e.OnBehalfOfId?.ToString(), e.Action, e.TargetType, e.TargetId, e.AllianceId?.ToString(),
                e.OrganizationId?.ToString(), e.Summary, e.IpAddress, e.UserAgent, e.PreviousHash, e.Hash,
            ];
            csv.AppendJoin(',', fields.Select(Csv)).Append("\r\n");
        }

        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        return TypedResults.File(bytes, "text/csv; charset=utf-8", "audit.csv");
    }

    private static async Task<Ok<AuditChainVerification>> VerifyAsync(GovernanceDbContext db, CancellationToken cancellationToken)
    {
        // In batches, so a chain of millions is checked in constant memory.
        var expectedPrevious = AuditEntry.GenesisHash;
        long expectedSequence = 1;
        long checkedCount = 0;
        while (true)
        {
            var from = expectedSequence;
            var batch = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence >= from)
                .OrderBy(e => e.Sequence).Take(VerifyBatch).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return TypedResults.Ok(new AuditChainVerification(true, checkedCount, null, null));
            }

            foreach (var entry in batch)
            {
                var problem = entry.Sequence != expectedSequence ? $"Entry {expectedSequence} is missing (found {entry.Sequence})."
                    : !string.Equals(entry.PreviousHash, expectedPrevious, StringComparison.Ordinal) ? "The previous-hash link does not match the entry before."
                    : !string.Equals(entry.ComputeHash(), entry.Hash, StringComparison.Ordinal) ? "The entry's content does not match its hash."
                    : null;
                if (problem is not null)
                {
                    return TypedResults.Ok(new AuditChainVerification(false, checkedCount, expectedSequence, problem));
                }

                expectedPrevious = entry.Hash;
                expectedSequence++;
                checkedCount++;
            }
        }
    }

    private static async Task<IQueryable<AuditEntry>> FilterAsync(
        AuditQuery query, GovernanceDbContext db, AccessControl access, CancellationToken cancellationToken)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (query.AllianceId is { } alliance)
        {
            entries = entries.Where(e => e.AllianceId == new AllianceId(alliance));
        }

        if (query.OrganizationId is { } organization)
        {
            entries = entries.Where(e => e.OrganizationId == new OrganizationId(organization));
        }

        if (query.PersonId is { } person)
        {
            entries = entries.Where(e => e.ActorId == new PersonId(person) || e.OnBehalfOfId == new PersonId(person));
        }

        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            entries = entries.Where(e => e.Action == query.Action);
        }

        if (query.From is { } from)
        {
            entries = entries.Where(e => e.At >= from);
        }

        if (query.To is { } to)
        {
            entries = entries.Where(e => e.At < to);
        }

        if (access.Caller.IsApplication)
        {
            throw new ForbiddenException("access.person-required", "The audit trail is read by people, not applications.");
        }

        var roles = await access.RolesAsync(cancellationToken);
        if (roles.IsAdministrator)
        {
            return entries;
        }

        // Everyone else: only within what their roles cover, decided in the database query.
        var me = access.Caller.PersonId!.Value;
        var alliances = roles.Assignments.Where(a => a.Role is Role.Chair or Role.Secretariat).Select(a => a.ScopeAllianceId!.Value).ToList();
        var departments = roles.SupervisedDepartments;
        alliances.AddRange(await db.Alliances.AsNoTracking().Where(a => departments.Contains(a.SupervisingDepartmentId)).Select(a => a.Id).ToListAsync(cancellationToken));
        var organizations = roles.RepresentedOrganizations;
        return entries.Where(e => e.ActorId == me
            || (e.AllianceId != null && alliances.Contains(e.AllianceId.Value))
            || (e.OrganizationId != null && organizations.Contains(e.OrganizationId.Value)));
    }

    // RFC 4180 quoting, and a leading quote for text a spreadsheet would run as a formula.
    private static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
