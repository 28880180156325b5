using Governance.Server.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Governance.Server.Features.Memberships;

public static class MembershipEndpoints
{
    public static IEndpointRouteBuilder MapMemberships(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/memberships").WithTags("Memberships");
        group.MapGet("/", List).WithName("ListMemberships").WithSummary("List memberships across alliances with filters")
            .RequireAuthorization(Policies.Read);
        group.MapGet("/{id:guid}", Get).WithName("GetMembership").WithSummary("Get one membership")
            .RequireAuthorization(Policies.Read);
        group.MapPost("/{id:guid}/status", ChangeStatus).WithName("ChangeMembershipStatus")
            .WithSummary("Admit, reject, activate, exit or remove a membership").RequireAuthorization(Policies.Write);
        group.MapPost("/{id:guid}/role", ChangeRole).WithName("ChangeMembershipRole")
            .WithSummary("Change a member unit's role (chair unit, council member unit, ...)").RequireAuthorization(Policies.Write);
        return endpoints;
    }

    private static async Task<Ok<Page<MembershipResponse>>> List(
        [AsParameters] ListMembershipsQuery query, ListMembershipsHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(query, cancellationToken));

    private static async Task<Ok<MembershipResponse>> Get(
        Guid id, GetMembershipHandler handler, HttpContext http, CancellationToken cancellationToken)
    {
        var membership = await handler.HandleAsync(id, cancellationToken);
        http.Response.Headers.ETag = $"\"{membership.Version}\"";
        return TypedResults.Ok(membership);
    }

    private static async Task<Ok<MembershipResponse>> ChangeStatus(
        Guid id, ChangeMembershipStatusRequest request, [FromHeader(Name = "If-Match")] string? ifMatch,
        ChangeMembershipHandler handler, HttpContext http, CancellationToken cancellationToken)
    {
        var membership = await handler.ChangeStatusAsync(id, request, ifMatch, cancellationToken);
        http.Response.Headers.ETag = Concurrency.ETagOf(membership);
        return TypedResults.Ok(MembershipResponse.From(membership));
    }

    private static async Task<Ok<MembershipResponse>> ChangeRole(
        Guid id, ChangeMembershipRoleRequest request, [FromHeader(Name = "If-Match")] string? ifMatch,
        ChangeMembershipHandler handler, HttpContext http, CancellationToken cancellationToken)
    {
        var membership = await handler.ChangeRoleAsync(id, request, ifMatch, cancellationToken);
        http.Response.Headers.ETag = Concurrency.ETagOf(membership);
        return TypedResults.Ok(MembershipResponse.From(membership));
    }
}
