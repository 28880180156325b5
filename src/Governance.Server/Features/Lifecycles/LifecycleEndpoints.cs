using Governance.Server.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Governance.Server.Features.Lifecycles;

public static class LifecycleEndpoints
{
    public static IEndpointRouteBuilder MapLifecycles(this IEndpointRouteBuilder endpoints)
    {
        var alliances = endpoints.MapGroup("/api/v1/alliances/{id:guid}/processes").WithTags("Lifecycles");
        alliances.MapPost("/founding", (Guid id, [FromBody] FoundingRequest? request, StartLifecycleHandler handler, CancellationToken ct) =>
                Accepted(handler.FoundingAsync(id, request, ct)))
            .WithName("StartFounding").WithSummary("Submit the alliance's founding application to its supervising department")
            .RequireAuthorization(Policies.Write);
        alliances.MapPost("/charter-amendment", (Guid id, CharterAmendmentRequest request, StartLifecycleHandler handler, CancellationToken ct) =>
                Accepted(handler.CharterAmendmentAsync(id, request, ct)))
            .WithName("StartCharterAmendment").WithSummary("Store a charter draft as the next version and open its adoption (vote, signing)")
            .RequireAuthorization(Policies.Write);
        alliances.MapPost("/agreement-signing", (Guid id, AgreementSigningRequest request, StartLifecycleHandler handler, CancellationToken ct) =>
                Accepted(handler.AgreementSigningAsync(id, request, ct)))
            .WithName("StartAgreementSigning").WithSummary("Open a round in which every member unit's legal representative signs the alliance agreement")
            .RequireAuthorization(Policies.Write);
        alliances.MapPost("/annual-report", (Guid id, AnnualReportRequest request, StartLifecycleHandler handler, CancellationToken ct) =>
                Accepted(handler.AnnualReportAsync(id, request, ct)))
            .WithName("StartAnnualReport").WithSummary("Open the year's annual report: contributions, compilation, council approval, submission")
            .RequireAuthorization(Policies.Write);

        var memberships = endpoints.MapGroup("/api/v1/memberships/{id:guid}/processes").WithTags("Lifecycles");
        memberships.MapPost("/admission", (Guid id, StartLifecycleHandler handler, CancellationToken ct) => Accepted(handler.AdmissionAsync(id, ct)))
            .WithName("StartAdmission").WithSummary("Submit an application for admission: eligibility, review, council vote, accession agreement")
            .RequireAuthorization(Policies.Write);
        memberships.MapPost("/exit", (Guid id, ExitRequest request, StartLifecycleHandler handler, CancellationToken ct) =>
                Accepted(handler.ExitAsync(id, request, ct)))
            .WithName("StartExit").WithSummary("The member's legal representative asks to leave the alliance")
            .RequireAuthorization(Policies.Write);
        memberships.MapPost("/removal", (Guid id, ExitRequest request, StartLifecycleHandler handler, CancellationToken ct) =>
                Accepted(handler.RemovalAsync(id, request, ct)))
            .WithName("StartRemoval").WithSummary("Move the member's removal: a council vote with its council members recused")
            .RequireAuthorization(Policies.Write);
        return endpoints;
    }

    private static async Task<Accepted<LifecycleStarted>> Accepted(Task<LifecycleStarted> started)
    {
        var result = await started;
        return TypedResults.Accepted($"/api/v1/workflows/instances/{result.InstanceId}", result);
    }
}
