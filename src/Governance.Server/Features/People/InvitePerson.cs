using Governance.Domain.Common;
using Governance.Server.Access;
using Governance.Server.Identity;

namespace Governance.Server.Features.People;

public sealed record InvitationResponse(Guid PersonId, DateTimeOffset ExpiresAt);

/// <summary>An administrator creates the person's account and emails a one-time link to set a password.</summary>
public sealed class InvitePersonHandler(AccountLinks links, AccessControl access)
{
    public async Task<InvitationResponse> HandleAsync(Guid id, CancellationToken cancellationToken)
    {
        await access.DemandAdministratorAsync(cancellationToken);
        // Audited inside, in the transaction that stores the link and its email.
        var expiresAt = await links.InviteAsync(new PersonId(id), cancellationToken);
        return new InvitationResponse(id, expiresAt);
    }
}
