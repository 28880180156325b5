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
        [AsParameters] AuditQuery query, ListAuditEntriesHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(query, cancellationToken));

    private static async Task<FileContentHttpResult> ExportAsync(
        [AsParameters] AuditQuery query, ListAuditEntriesHandler handler, CancellationToken cancellationToken)
    {
        var entries = await (await handler.FilterAsync(query, cancellationToken)).OrderBy(e => e.Sequence).Take(100_000).ToListAsync(cancellationToken);
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

    private static async Task<Ok<AuditChainVerification>> VerifyAsync(VerifyAuditChainHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(cancellationToken));

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
