using Governance.Server.Access;
using Governance.Server.Api;
using Governance.Server.Persistence;
using Governance.Server.WorkflowHosting;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Email;

/// <summary>Filters of the outbox list; all optional. <c>To</c> matches part of an address.</summary>
public sealed record ListOutboxMessagesQuery(
    OutboxStatus? Status, string? Kind, string? To, Guid? AllianceId, Guid? TaskId, DateTimeOffset? CreatedFrom, DateTimeOffset? CreatedTo,
    int? Page, int? PageSize);

public sealed class ListOutboxMessagesHandler(GovernanceDbContext db, AccessControl access)
{
    public async Task<Page<OutboxMessageSummary>> HandleAsync(ListOutboxMessagesQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await access.DemandAdministratorAsync(cancellationToken);
        var messages = db.OutboxMessages.AsNoTracking();
        if (query.Status is { } status)
        {
            messages = messages.Where(m => m.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(query.Kind))
        {
            var kind = query.Kind.Trim();
            messages = messages.Where(m => m.Kind == kind);
        }

        if (!string.IsNullOrWhiteSpace(query.To))
        {
            var to = query.To.Trim().ToLowerInvariant();
            messages = messages.Where(m => m.To.Contains(to));
        }

        if (query.AllianceId is { } alliance)
        {
            messages = messages.Where(m => m.AllianceId == alliance);
        }

        if (query.TaskId is { } task)
        {
            messages = messages.Where(m => m.TaskId == task);
        }

        if (query.CreatedFrom is { } from)
        {
            messages = messages.Where(m => m.CreatedAt >= from);
        }

        if (query.CreatedTo is { } until)
        {
            messages = messages.Where(m => m.CreatedAt < until);
        }

        return await messages.OrderByDescending(m => m.CreatedAt).ThenBy(m => m.Id)
            .ToPageAsync(query.Page, query.PageSize, OutboxMessageSummary.From, cancellationToken);
    }
}
