using Governance.Domain.Common;
using Governance.Server.Access;
using Governance.Server.Auditing;

namespace Governance.Server.Identity;

/// <summary>Emails the caller a 6-digit step-up code for a purpose (<c>POST /api/v1/step-up/codes</c> and the signing page).</summary>
public sealed class SendStepUpCodeHandler(AccessControl access, StepUpService stepUp)
{
    public async Task<StepUpCodeResponse> HandleAsync(StepUpCodeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var person = access.Caller.PersonId ?? throw new ForbiddenException("access.person-required", "Only a person can prove who they are.");
        return new StepUpCodeResponse(await stepUp.SendCodeAsync(person, request.Purpose, cancellationToken));
    }
}

/// <summary>Trades the emailed code, or the password, for a single-use proof (<c>POST /api/v1/step-up/verify</c> and the signing page).</summary>
public sealed class VerifyStepUpHandler(AccessControl access, StepUpService stepUp, AuditTrail audit)
{
    public async Task<StepUpProof> HandleAsync(StepUpVerifyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var person = access.Caller.PersonId ?? throw new ForbiddenException("access.person-required", "Only a person can prove who they are.");
        if (request.Code is null == request.Password is null)
        {
            throw new DomainRuleViolation("step-up.code-or-password", "Send either code or password.", "code");
        }

        StepUpProof proof;
        try
        {
            proof = request.Code is not null
                ? await stepUp.VerifyCodeAsync(person, request.Purpose, request.Code, cancellationToken)
                : await stepUp.VerifyPasswordAsync(person, request.Purpose, request.Password, cancellationToken);
        }
        catch (DomainRuleViolation failure)
        {
            // A wrong, expired or exhausted code or password is someone trying to act as this person:
            // recorded with why it failed, never with what was typed. The attempt counters are already saved.
            var method = request.Code is not null ? "EmailOneTimeCode" : "PasswordReentry";
            audit.Record("step-up.failed", "Person", person.ToString(), null, null, $"{method} for {request.Purpose?.Trim()}: {failure.Code}");
            await audit.SaveChangesAsync(cancellationToken);
            throw;
        }

        audit.Record("step-up.verified", "Person", person.ToString(), null, null, $"{proof.Method} for {request.Purpose?.Trim()}");
        await audit.SaveChangesAsync(cancellationToken);
        return proof;
    }
}
