using Governance.Server.Access;
using Governance.Server.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Governance.Server.Identity;

public sealed record StepUpCodeRequest(string? Purpose);

public sealed record StepUpCodeResponse(DateTimeOffset ExpiresAt);

public sealed record StepUpVerifyRequest(string? Purpose, string? Code, string? Password);

/// <summary>
/// Step-up for signing: ask for a code (sent by email), then trade the code, or the password, for a
/// single-use proof that the signing request carries. People only: an application cannot sign.
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
        StepUpCodeRequest request, AccessControl access, StepUpService stepUp, CancellationToken cancellationToken)
    {
        var person = access.Caller.PersonId ?? throw new ForbiddenException("access.person-required", "Only a person can prove who they are.");
        var expiresAt = await stepUp.SendCodeAsync(person, request.Purpose, cancellationToken);
        return TypedResults.Accepted((string?)null, new StepUpCodeResponse(expiresAt));
    }

    private static async Task<Ok<StepUpProof>> VerifyAsync(
        StepUpVerifyRequest request, AccessControl access, StepUpService stepUp, Auditing.AuditTrail audit, CancellationToken cancellationToken)
    {
        var person = access.Caller.PersonId ?? throw new ForbiddenException("access.person-required", "Only a person can prove who they are.");
        if (request.Code is null == request.Password is null)
        {
            throw new Domain.Common.DomainRuleViolation("step-up.code-or-password", "Send either code or password.", "code");
        }

        var proof = request.Code is not null
            ? await stepUp.VerifyCodeAsync(person, request.Purpose, request.Code, cancellationToken)
            : await stepUp.VerifyPasswordAsync(person, request.Purpose, request.Password, cancellationToken);
        audit.Record("step-up.verified", "Person", person.ToString(), null, null, $"{proof.Method} for {request.Purpose?.Trim()}");
        await audit.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(proof);
    }
}
