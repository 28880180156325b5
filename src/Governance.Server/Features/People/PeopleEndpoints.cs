using Governance.Server.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Governance.Server.Features.People;

/// <summary>Administrators register people and their dated roles (platform, alliance or organization scope).</summary>
public static class PeopleEndpoints
{
    public static IEndpointRouteBuilder MapPeople(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/people").WithTags("People");
        group.MapPost("/", CreateAsync).WithName("CreatePerson").WithSummary("Register a person (then invite them)").RequireAuthorization(Policies.Admin);
        group.MapGet("/", ListAsync).WithName("ListPeople").WithSummary("Everyone registered, with their role assignments (administrators)")
            .RequireAuthorization(Policies.Admin);
        group.MapGet("/{id:guid}", GetAsync).WithName("GetPerson").WithSummary("One person with their role assignments (administrators, or the person)")
            .RequireAuthorization(Policies.Read);
        group.MapPut("/{id:guid}/language", ChangeLanguageAsync).WithName("ChangeLanguage")
            .WithSummary("The language of the person's web UI and emails (the person, or administrators)").RequireAuthorization(Policies.Write);
        group.MapPost("/{id:guid}/roles", GrantAsync).WithName("GrantRole").WithSummary("Assign a role for a period").RequireAuthorization(Policies.Admin);
        group.MapPost("/{id:guid}/roles/{assignmentId:guid}/end", EndAsync).WithName("EndRole")
            .WithSummary("End a role assignment now (it stays on record)").RequireAuthorization(Policies.Admin);
        return endpoints;
    }

    private static async Task<Created<PersonResponse>> CreateAsync(
        CreatePersonRequest request, CreatePersonHandler handler, CancellationToken cancellationToken)
    {
        var person = await handler.HandleAsync(request, cancellationToken);
        return TypedResults.Created($"/api/v1/people/{person.Id}", PersonResponse.From(person));
    }

    private static async Task<Ok<Page<PersonResponse>>> ListAsync(
        [AsParameters] ListPeopleQuery query, ListPeopleHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(query, cancellationToken));

    private static async Task<Ok<PersonResponse>> GetAsync(Guid id, GetPersonHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(PersonResponse.From(await handler.HandleAsync(id, cancellationToken)));

    private static async Task<Ok<PersonResponse>> ChangeLanguageAsync(
        Guid id, ChangeLanguageRequest request, ChangeLanguageHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(PersonResponse.From(await handler.HandleAsync(id, request, cancellationToken)));

    private static async Task<Ok<PersonResponse>> GrantAsync(
        Guid id, GrantRoleRequest request, GrantRoleHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(PersonResponse.From(await handler.HandleAsync(id, request, cancellationToken)));

    private static async Task<Ok<PersonResponse>> EndAsync(
        Guid id, Guid assignmentId, EndRoleHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(PersonResponse.From(await handler.HandleAsync(id, assignmentId, cancellationToken)));
}
