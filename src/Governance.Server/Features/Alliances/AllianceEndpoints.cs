using Governance.Server.Api;
using Governance.Server.Features.Memberships;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Governance.Server.Features.Alliances;

public static class AllianceEndpoints
{
    public static IEndpointRouteBuilder MapAlliances(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/alliances").WithTags("Alliances");
        group.MapPost("/", Create).WithName("CreateAlliance").WithSummary("Register a proposed alliance (联盟)")
            .RequireAuthorization(Policies.Admin);
        group.MapGet("/", List).WithName("ListAlliances").WithSummary("List alliances with paging, search and filters")
            .RequireAuthorization(Policies.Read);
        group.MapGet("/{id:guid}", Get).WithName("GetAlliance").WithSummary("Get one alliance with its council and expert committee")
            .RequireAuthorization(Policies.Read);
        group.MapPost("/{id:guid}/status", ChangeStatus).WithName("ChangeAllianceStatus")
            .WithSummary("Move the alliance to another status the status machine allows").RequireAuthorization(Policies.Write);
        group.MapPost("/{id:guid}/memberships", Apply).WithName("ApplyForMembership")
            .WithSummary("An organization applies to join the alliance (入盟申请)").RequireAuthorization(Policies.Write);
        group.MapGet("/{id:guid}/memberships", ListMemberships).WithName("ListAllianceMemberships")
            .WithSummary("The alliance's member units, with paging and filters").RequireAuthorization(Policies.Read);
        group.MapGet("/{id:guid}/governance", Governance).WithName("GetAllianceGovernance")
            .WithSummary("The current council and expert committee, with names").RequireAuthorization(Policies.Read);
        group.MapGet("/{id:guid}/charters", Charters).WithName("ListAllianceCharters")
            .WithSummary("Every charter version with its sections and voting rules, newest first").RequireAuthorization(Policies.Read);
        group.MapGet("/{id:guid}/agreements", Agreements).WithName("ListAllianceAgreements")
            .WithSummary("The alliance's agreements with each party's signature status").RequireAuthorization(Policies.Read);
        group.MapGet("/{id:guid}/annual-reports", AnnualReports).WithName("ListAllianceAnnualReports")
            .WithSummary("Annual reports: submissions so far and, once compiled, the totals").RequireAuthorization(Policies.Read);
        group.MapGet("/{id:guid}/decisions", Decisions).WithName("ListAllianceDecisions")
            .WithSummary("Timeline of decisions: closed ballots, charters and agreements in force").RequireAuthorization(Policies.Read);
        return endpoints;
    }

    private static async Task<Created<AllianceResponse>> Create(
        CreateAllianceRequest request, CreateAllianceHandler handler, HttpContext http, CancellationToken cancellationToken)
    {
        var alliance = await handler.HandleAsync(request, cancellationToken);
        http.Response.Headers.ETag = Concurrency.ETagOf(alliance);
        return TypedResults.Created($"/api/v1/alliances/{alliance.Id}", AllianceResponse.From(alliance));
    }

    private static async Task<Ok<Page<AllianceResponse>>> List(
        [AsParameters] ListAlliancesQuery query, ListAlliancesHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(query, cancellationToken));

    private static async Task<Ok<AllianceResponse>> Get(
        Guid id, GetAllianceHandler handler, HttpContext http, CancellationToken cancellationToken)
    {
        var alliance = await handler.HandleAsync(id, cancellationToken);
        http.Response.Headers.ETag = Concurrency.ETagOf(alliance);
        return TypedResults.Ok(AllianceResponse.From(alliance));
    }

    private static async Task<Ok<AllianceResponse>> ChangeStatus(
        Guid id, ChangeAllianceStatusRequest request, [FromHeader(Name = "If-Match")] string? ifMatch,
        ChangeAllianceStatusHandler handler, HttpContext http, CancellationToken cancellationToken)
    {
        var alliance = await handler.HandleAsync(id, request, ifMatch, cancellationToken);
        http.Response.Headers.ETag = Concurrency.ETagOf(alliance);
        return TypedResults.Ok(AllianceResponse.From(alliance));
    }

    private static async Task<Created<MembershipResponse>> Apply(
        Guid id, ApplyForMembershipRequest request, ApplyForMembershipHandler handler, HttpContext http, CancellationToken cancellationToken)
    {
        var membership = await handler.HandleAsync(id, request, cancellationToken);
        http.Response.Headers.ETag = Concurrency.ETagOf(membership);
        return TypedResults.Created($"/api/v1/memberships/{membership.Id}", MembershipResponse.From(membership));
    }

    private static async Task<Ok<Page<MembershipResponse>>> ListMemberships(
        Guid id, [AsParameters] ListMembershipsQuery query, GetAllianceHandler alliance, ListMembershipsHandler handler,
        CancellationToken cancellationToken)
    {
        // Only for an alliance the caller may see: 404 otherwise, like reading it.
        await alliance.HandleAsync(id, cancellationToken);
        return TypedResults.Ok(await handler.HandleAsync(query with { AllianceId = id }, cancellationToken));
    }

    private static async Task<Ok<AllianceGovernanceResponse>> Governance(
        Guid id, GetAllianceGovernanceHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(id, cancellationToken));

    private static async Task<Ok<IReadOnlyList<CharterVersionResponse>>> Charters(
        Guid id, ListAllianceChartersHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(id, cancellationToken));

    private static async Task<Ok<IReadOnlyList<AgreementResponse>>> Agreements(
        Guid id, ListAllianceAgreementsHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(id, cancellationToken));

    private static async Task<Ok<IReadOnlyList<AnnualReportSummaryResponse>>> AnnualReports(
        Guid id, ListAllianceAnnualReportsHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(id, cancellationToken));

    private static async Task<Ok<IReadOnlyList<DecisionResponse>>> Decisions(
        Guid id, ListAllianceDecisionsHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(id, cancellationToken));
}
