using Governance.Server.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Governance.Server.Features.Ballots;

public static class BallotEndpoints
{
    public static IEndpointRouteBuilder MapBallots(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/ballots").WithTags("Ballots");
        group.MapGet("/{id:guid}", Get).WithName("GetBallot")
            .WithSummary("A ballot: matter, subject, rule in words, my vote; the tally once closed").RequireAuthorization(Policies.Read);
        group.MapPut("/{id:guid}/vote", Vote).WithName("CastVote")
            .WithSummary("An eligible voter casts or changes a vote (yes, no, abstain) until the ballot closes").RequireAuthorization(Policies.Write);
        group.MapPost("/{id:guid}/conflict", DeclareConflict).WithName("DeclareBallotConflict")
            .WithSummary("An eligible voter declares a conflict of interest and is recused").RequireAuthorization(Policies.Write);
        return endpoints;
    }

    private static async Task<Ok<BallotResponse>> Get(Guid id, string? lang, GetBallotHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(id, lang, cancellationToken));

    private static async Task<Ok<BallotResponse>> Vote(Guid id, CastVoteRequest request, CastVoteHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.CastAsync(id, request, cancellationToken));

    private static async Task<Ok<BallotResponse>> DeclareConflict(
        Guid id, DeclareConflictRequest request, CastVoteHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.DeclareConflictAsync(id, request, cancellationToken));
}
