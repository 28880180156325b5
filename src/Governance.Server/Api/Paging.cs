using Governance.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Api;

/// <summary>A page of a list, with the total so a client can page through.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int TotalCount);

public static class Paging
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 200;

    public static (int Page, int Size) Normalize(int? page, int? pageSize)
    {
        if (page is < 1)
        {
            throw new DomainRuleViolation("request.invalid-page", "page starts at 1.", "page");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            throw new DomainRuleViolation("request.invalid-page-size", $"pageSize must be between 1 and {MaxPageSize}.", "pageSize");
        }

        return (page ?? 1, pageSize ?? DefaultPageSize);
    }

    public static async Task<Page<TOut>> ToPageAsync<TIn, TOut>(
        this IQueryable<TIn> query, int? page, int? pageSize, Func<TIn, TOut> map, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(map);
        var (number, size) = Normalize(page, pageSize);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new Page<TOut>(items.Select(map).ToList(), number, size, total);
    }
}
