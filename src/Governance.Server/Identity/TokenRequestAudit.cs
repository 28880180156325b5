using Governance.Server.Auditing;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Governance.Server.Identity;

/// <summary>
/// Audits every refused token request (a wrong client secret, a used or expired code, a replayed
/// refresh token, an account locked since): grant type, client and OpenIddict's error, never the
/// secret, code or token that was sent. Issued tokens are audited where they are made (ConnectEndpoints).
/// </summary>
internal sealed class TokenRequestAudit(AuditTrail audit) : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
            .UseScopedHandler<TokenRequestAudit>()

            // Before the host writes the response and ends the request.
            .SetOrder(int.MinValue + 100_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrEmpty(context.Response.Error))
        {
            return;
        }

        var clientId = Truncate(context.Request?.ClientId, 100) ?? "unknown";
        audit.Record("token.refused", "OAuthClient", clientId, null, null,
            $"{Truncate(context.Request?.GrantType, 50) ?? "no grant type"}: {context.Response.Error} ({Truncate(context.Response.ErrorDescription, 300)})");
        await audit.SaveChangesAsync(context.CancellationToken);
    }

    private static string? Truncate(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}
