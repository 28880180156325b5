using Governance.Server.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Governance.Server.Features.SigningDelegations;

public static class SigningDelegationEndpoints
{
    public static IEndpointRouteBuilder MapSigningDelegations(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/organizations/{organizationId:guid}/signing-delegations").WithTags("Signing delegations");
        group.MapPost("/", Grant).WithName("GrantSigningDelegation")
            .WithSummary("The legal representative authorizes a person to sign for the organization for a period (授权委托书)")
            .RequireAuthorization(Policies.Write);
        group.MapGet("/", List).WithName("ListSigningDelegations")
            .WithSummary("The organization's signing delegations with their state").RequireAuthorization(Policies.Read);
        group.MapPost("/{delegationId:guid}/revoke", Revoke).WithName("RevokeSigningDelegation")
            .WithSummary("End a delegation now").RequireAuthorization(Policies.Write);
        return endpoints;
    }

    private static async Task<Created<SigningDelegationResponse>> Grant(
        Guid organizationId, GrantSigningDelegationRequest request, GrantSigningDelegationHandler handler, CancellationToken cancellationToken)
    {
        var delegation = await handler.HandleAsync(organizationId, request, cancellationToken);
        return TypedResults.Created($"/api/v1/organizations/{organizationId}/signing-delegations/{delegation.Id}", delegation);
    }

    private static async Task<Ok<Page<SigningDelegationResponse>>> List(
        Guid organizationId, [AsParameters] ListSigningDelegationsQuery query, ListSigningDelegationsHandler handler,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(organizationId, query, cancellationToken));

    private static async Task<Ok<SigningDelegationResponse>> Revoke(
        Guid organizationId, Guid delegationId, RevokeSigningDelegationRequest? request, RevokeSigningDelegationHandler handler,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(organizationId, delegationId, request, cancellationToken));
}
