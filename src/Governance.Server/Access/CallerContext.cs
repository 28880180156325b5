using System.Security.Claims;

namespace Governance.Server.Access;

/// <summary>
/// Who performs the operation in progress and from where. Over HTTP that is the request's user,
/// address and agent. The web UI's interactive pages have no request per operation (they run on a
/// long-lived circuit), so the UI runs every operation in a scope of its own and names the signed-in
/// person here first (<see cref="ActAs"/>): the handlers, <see cref="AccessControl"/> and the audit
/// trail then see exactly what they would see for an HTTP request of that person.
/// </summary>
public sealed class CallerContext(IHttpContextAccessor http)
{
    private Assumed? _assumed;

    public ClaimsPrincipal? User => _assumed is { } assumed ? assumed.User : http.HttpContext?.User;

    public string? IpAddress => _assumed is { } assumed ? assumed.IpAddress : http.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public string? UserAgent
    {
        get
        {
            var agent = _assumed is { } assumed ? assumed.UserAgent : http.HttpContext?.Request.Headers.UserAgent.ToString();
            return string.IsNullOrEmpty(agent) ? null : agent;
        }
    }

    /// <summary>Names the caller of this scope's operations; once, before the first of them.</summary>
    public void ActAs(ClaimsPrincipal user, string? ipAddress, string? userAgent)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (_assumed is not null)
        {
            throw new InvalidOperationException("The caller of this scope is already set.");
        }

        _assumed = new Assumed(user, ipAddress, userAgent);
    }

    private sealed record Assumed(ClaimsPrincipal User, string? IpAddress, string? UserAgent);
}
