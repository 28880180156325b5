using Governance.Server.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Governance.Server.Identity;

public sealed record StepUpCodeRequest(string? Purpose);

public sealed record StepUpCodeResponse(DateTimeOffset ExpiresAt);

public sealed record StepUpVerifyRequest(string? Purpose, string? Code, string? Password);

/// <summary>
/// Step-up for signing: ask for a code (sent by email), then trade the code, or the password, for a
/// single-use proof that the signing request carries. People only: an application cannot sign.
/// The web UI's signing page calls the same handlers (<see cref="SendStepUpCodeHandler"/>, <see cref="VerifyStepUpHandler"/>).
/// </summary>
internal static class StepUpEndpoints
{
    public static void MapStepUp(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/step-up").WithTags("Step-up").RequireRateLimiting(Hardening.HardeningExtensions.OneTimeCodeLimit);
        group.MapPost("/codes", SendCodeAsync).WithName("SendStepUpCode")
            .WithSummary("Email a 6-digit code for a purpose such as sign:agreement:{id} (10 minutes, 5 attempts, one use)")
            .RequireAuthorization(Policies.Write);
        group.MapPost("/verify", VerifyAsync).WithName("VerifyStepUp")
            .WithSummary("Verify the code or the password; returns a single-use proof valid for 5 minutes")
            .RequireAuthorization(Policies.Write);
    }

    private static async Task<Accepted<StepUpCodeResponse>> SendCodeAsync(
        StepUpCodeRequest request, SendStepUpCodeHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Accepted((string?)null, await handler.HandleAsync(request, cancellationToken));

    private static async Task<Ok<StepUpProof>> VerifyAsync(
        StepUpVerifyRequest request, VerifyStepUpHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(request, cancellationToken));
}
