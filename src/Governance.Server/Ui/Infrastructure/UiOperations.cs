using Governance.Server.Access;
using Microsoft.AspNetCore.Components.Authorization;

namespace Governance.Server.Ui.Infrastructure;

/// <summary>
/// How every page calls the server's operations: the same handler classes the HTTP API calls, in a
/// fresh service scope per operation (as a request would have: its own unit of work, roles read from
/// the database again), acting as the person signed in to this page. The handlers' own checks
/// (<see cref="AccessControl"/>) and the audit trail therefore apply exactly as over HTTP. A refusal
/// or rule violation comes back as a <see cref="UiProblem"/> for the page to show; anything else is a
/// server error and is logged.
/// </summary>
public sealed partial class UiOperations(
    IServiceScopeFactory scopes, AuthenticationStateProvider authentication, CircuitOrigin origin, IHttpContextAccessor http,
    ILogger<UiOperations> logger)
{
    public async Task<UiResult<TResult>> RunAsync<THandler, TResult>(
        Func<THandler, CancellationToken, Task<TResult>> operation, CancellationToken cancellationToken = default)
        where THandler : notnull
    {
        ArgumentNullException.ThrowIfNull(operation);
        var state = await authentication.GetAuthenticationStateAsync();
        await using var scope = scopes.CreateAsyncScope();

        // Outside a circuit (static pages, prerendering) the request is still there to say where it came from.
        var request = http.HttpContext;
        scope.ServiceProvider.GetRequiredService<CallerContext>().ActAs(
            state.User,
            origin.IpAddress ?? request?.Connection.RemoteIpAddress?.ToString(),
            origin.UserAgent ?? NullIfEmpty(request?.Request.Headers.UserAgent.ToString()));
        var handler = scope.ServiceProvider.GetRequiredService<THandler>();
        try
        {
            return new UiResult<TResult>(await operation(handler, cancellationToken), null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var problem = UiProblem.From(exception);
            if (problem.Status >= StatusCodes.Status500InternalServerError)
            {
                LogFailed(logger, typeof(THandler).Name, exception);
            }

            return new UiResult<TResult>(default, problem);
        }
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    [LoggerMessage(Level = LogLevel.Error, Message = "A web UI operation of {Handler} failed")]
    private static partial void LogFailed(ILogger logger, string handler, Exception exception);
}
