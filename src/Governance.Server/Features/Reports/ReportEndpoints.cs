using Governance.Server.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Governance.Server.Features.Reports;

public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/reports").WithTags("Annual reports");
        group.MapGet("/{id:guid}", Get).WithName("GetAnnualReport")
            .WithSummary("An annual report: members asked, contributions, totals (compiled once the secretariat compiled it)")
            .RequireAuthorization(Policies.Read);
        group.MapPost("/{id:guid}/contributions", Submit).WithName("SubmitContribution")
            .WithSummary("A member unit's liaison submits or revises its annual contribution (indicators and narrative)")
            .RequireAuthorization(Policies.Write);
        return endpoints;
    }

    private static async Task<Ok<ReportResponse>> Get(Guid id, GetReportHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(id, cancellationToken));

    private static async Task<Ok<ReportResponse>> Submit(
        Guid id, SubmitContributionRequest request, SubmitContributionHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(id, request, cancellationToken));
}
