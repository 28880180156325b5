using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Governance.Server.Ui.Infrastructure;

/// <summary>Where an interactive session's browser connected from, for the audit trail of what it does.</summary>
public sealed class CircuitOrigin
{
    public string? IpAddress { get; private set; }

    public string? UserAgent { get; private set; }

    internal void Capture(HttpContext? context)
    {
        if (context is null)
        {
            return;
        }

        IpAddress = context.Connection.RemoteIpAddress?.ToString();
        var agent = context.Request.Headers.UserAgent.ToString();
        UserAgent = string.IsNullOrEmpty(agent) ? null : agent;
    }
}

/// <summary>Records the address and agent of the connection a circuit runs on, when it opens.</summary>
internal sealed class CircuitOriginHandler(CircuitOrigin origin, IHttpContextAccessor http) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        origin.Capture(http.HttpContext);
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        // A reconnection comes over a new connection, possibly from a new address.
        origin.Capture(http.HttpContext);
        return Task.CompletedTask;
    }
}
