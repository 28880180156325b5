using Governance.Domain.Common;
using Governance.Server.Access;
using Governance.Server.Auditing;
using Governance.Server.Identity;

namespace Governance.Server.Features.People;

public sealed record InvitationResponse(Guid PersonId, DateTimeOffset ExpiresAt);

/// <summary>An administrator creates the person's account and emails a one-time link to set a password.</summary>
public sealed class InvitePersonHandler(AccountLinks links, AccessControl access, AuditTrail audit)
{
    public async Task<InvitationResponse> HandleAsync(Guid id, CancellationToken cancellationToken)
    {
        await access.DemandAdministratorAsync(cancellationToken);
        var expiresAt = await links.InviteAsync(new PersonId(id), cancellationToken);
        audit.Record("account.invite", "Person", id.ToString(), null, null, $"link valid until {expiresAt:O}");
        await audit.SaveChangesAsync(cancellationToken);
        return new InvitationResponse(id, expiresAt);
    }
}
