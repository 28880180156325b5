using Governance.Server.Api;
using Governance.Server.Features.Memberships;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Governance.Server.Features.Organizations;

public static class OrganizationEndpoints
{
    public static IEndpointRouteBuilder MapOrganizations(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/organizations").WithTags("Organizations");
        group.MapPost("/", Create).WithName("CreateOrganization").WithSummary("Register an organization (单位)")
            .RequireAuthorization(Policies.Admin);
        group.MapGet("/", List).WithName("ListOrganizations").WithSummary("List organizations with paging and search")
            .RequireAuthorization(Policies.Read);
        group.MapGet("/{id:guid}", Get).WithName("GetOrganization").WithSummary("Get one organization")
            .RequireAuthorization(Policies.Read);
        group.MapPost("/{id:guid}/credit-status", ChangeCreditStatus).WithName("ChangeCreditStatus")
            .WithSummary("Record a credit decision (good / warned / barred)").RequireAuthorization(Policies.Admin);
        group.MapGet("/{id:guid}/memberships", ListMemberships).WithName("ListOrganizationMemberships")
            .WithSummary("The organization's memberships in every alliance").RequireAuthorization(Policies.Read);
        group.MapGet("/{id:guid}/profile", Profile).WithName("GetOrganizationProfile")
            .WithSummary("The organization with the names of its legal representative and liaison").RequireAuthorization(Policies.Read);
        return endpoints;
    }

    private static async Task<Created<OrganizationResponse>> Create(
        CreateOrganizationRequest request, CreateOrganizationHandler handler, HttpContext http, CancellationToken cancellationToken)
    {
        var organization = await handler.HandleAsync(request, cancellationToken);
        http.Response.Headers.ETag = Concurrency.ETagOf(organization);
        return TypedResults.Created($"/api/v1/organizations/{organization.Id}", OrganizationResponse.From(organization));
    }

    private static async Task<Ok<Page<OrganizationResponse>>> List(
        [AsParameters] ListOrganizationsQuery query, ListOrganizationsHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(query, cancellationToken));

    private static async Task<Ok<OrganizationResponse>> Get(
        Guid id, GetOrganizationHandler handler, HttpContext http, CancellationToken cancellationToken)
    {
        var organization = await handler.HandleAsync(id, cancellationToken);
        http.Response.Headers.ETag = Concurrency.ETagOf(organization);
        return TypedResults.Ok(OrganizationResponse.From(organization));
    }

    private static async Task<Ok<OrganizationResponse>> ChangeCreditStatus(
        Guid id, ChangeCreditStatusRequest request, [FromHeader(Name = "If-Match")] string? ifMatch,
        ChangeCreditStatusHandler handler, HttpContext http, CancellationToken cancellationToken)
    {
        var organization = await handler.HandleAsync(id, request, ifMatch, cancellationToken);
        http.Response.Headers.ETag = Concurrency.ETagOf(organization);
        return TypedResults.Ok(OrganizationResponse.From(organization));
    }

    private static async Task<Ok<Page<MembershipResponse>>> ListMemberships(
        Guid id, [AsParameters] ListMembershipsQuery query, GetOrganizationHandler organization, ListMembershipsHandler handler,
        CancellationToken cancellationToken)
    {
        // The organization must be one the caller may see: 404 otherwise, like reading it.
        await organization.HandleAsync(id, cancellationToken);
        return TypedResults.Ok(await handler.HandleAsync(query with { OrganizationId = id }, cancellationToken));
    }

    private static async Task<Ok<OrganizationProfileResponse>> Profile(
        Guid id, GetOrganizationProfileHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(id, cancellationToken));
}
