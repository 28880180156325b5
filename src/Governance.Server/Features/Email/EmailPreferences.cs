using Governance.Domain.Common;
using Governance.Server.Access;
using Governance.Server.Api;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Email;

public sealed record EmailPreferenceRequest(bool DailyDigest);

public sealed record EmailPreferenceResponse(Guid PersonId, bool DailyDigest);

/// <summary>Sets whether a person gets single notifications or one daily digest.</summary>
public sealed class SetEmailPreferenceHandler(GovernanceDbContext db, TimeProvider clock, AccessControl access)
{
    public async Task<EmailPreferenceResponse> HandleAsync(Guid personId, EmailPreferenceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!await EmailPreferenceAccess.MaySeeAsync(access, personId, cancellationToken)
            || !await db.People.AnyAsync(p => p.Id == new PersonId(personId), cancellationToken))
        {
            throw new NotFoundException("Person", personId);
        }

        var preference = await db.EmailPreferences.SingleOrDefaultAsync(p => p.PersonId == personId, cancellationToken);
        if (preference is null)
        {
            preference = new EmailPreferenceRecord { PersonId = personId };
            db.EmailPreferences.Add(preference);
        }

        preference.DailyDigest = request.DailyDigest;
        preference.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return new EmailPreferenceResponse(personId, preference.DailyDigest);
    }
}

public sealed class GetEmailPreferenceHandler(GovernanceDbContext db, AccessControl access)
{
    public async Task<EmailPreferenceResponse> HandleAsync(Guid personId, CancellationToken cancellationToken)
    {
        if (!await EmailPreferenceAccess.MaySeeAsync(access, personId, cancellationToken)
            || !await db.People.AnyAsync(p => p.Id == new PersonId(personId), cancellationToken))
        {
            throw new NotFoundException("Person", personId);
        }

        var digest = await db.EmailPreferences.Where(p => p.PersonId == personId).Select(p => (bool?)p.DailyDigest).SingleOrDefaultAsync(cancellationToken);
        return new EmailPreferenceResponse(personId, digest ?? false);
    }
}

/// <summary>A person's email preference is theirs (and an administrator's); to anyone else it does not exist.</summary>
internal static class EmailPreferenceAccess
{
    public static async Task<bool> MaySeeAsync(AccessControl access, Guid personId, CancellationToken cancellationToken) =>
        access.Caller.PersonId?.Value == personId || await access.IsAdministratorAsync(cancellationToken);
}

public static class EmailPreferenceEndpoints
{
    public static IEndpointRouteBuilder MapEmailPreferences(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/people/{personId:guid}/email-preferences").WithTags("Email preferences");
        group.MapGet("/", Get).WithName("GetEmailPreferences").WithSummary("Whether the person gets a daily digest instead of single emails")
            .RequireAuthorization(Policies.Read);
        group.MapPut("/", Set).WithName("SetEmailPreferences").WithSummary("Choose single emails or one daily digest")
            .RequireAuthorization(Policies.Write);
        return endpoints;
    }

    private static async Task<Ok<EmailPreferenceResponse>> Get(Guid personId, GetEmailPreferenceHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(personId, cancellationToken));

    private static async Task<Ok<EmailPreferenceResponse>> Set(
        Guid personId, EmailPreferenceRequest request, SetEmailPreferenceHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(personId, request, cancellationToken));
}
