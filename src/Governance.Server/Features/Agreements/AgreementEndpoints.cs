using Governance.Server.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Governance.Server.Features.Agreements;

public static class AgreementEndpoints
{
    public static IEndpointRouteBuilder MapAgreements(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/agreements").WithTags("Agreements");
        group.MapGet("/{id:guid}", async (Guid id, GetAgreementHandler handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, ct)))
            .WithName("GetAgreement").WithSummary("An agreement, its document and every party's signature status").RequireAuthorization(Policies.Read);
        group.MapPost("/{id:guid}/sign", async (Guid id, SignRequest request, SignAgreementHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.SignAsync(id, request, ct)))
            .WithName("SignAgreement").WithSummary("Sign for a party with a step-up proof (purpose sign:agreement:{id})").RequireAuthorization(Policies.Write);
        group.MapPost("/{id:guid}/decline", async (Guid id, DeclineRequest request, SignAgreementHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.DeclineAsync(id, request, ct)))
            .WithName("DeclineAgreement").WithSummary("Decline to sign for a party, with a reason and a step-up proof; ends the round")
            .RequireAuthorization(Policies.Write);
        return endpoints;
    }
}
