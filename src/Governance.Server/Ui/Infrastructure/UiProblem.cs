using Governance.Server.Errors;

namespace Governance.Server.Ui.Infrastructure;

/// <summary>
/// A refused or failed operation as the page shows it: the same status, stable code and field the
/// HTTP API would answer with (one classification for both), and the server's own detail.
/// </summary>
public sealed record UiProblem(int Status, string Code, string? Field, string? Detail)
{
    public static UiProblem From(Exception exception)
    {
        var (status, code, _, detail, field) = GovernanceExceptionHandler.Classify(exception);
        return new UiProblem(status, code, field, detail);
    }

    /// <summary>Whether the problem concerns this form field (the API's field names, e.g. <c>creditCode</c>).</summary>
    public bool IsAbout(string field) => string.Equals(Field, field, StringComparison.OrdinalIgnoreCase);
}

/// <summary>What an operation gave: its value, or the problem that stopped it.</summary>
public sealed record UiResult<T>(T? Value, UiProblem? Problem)
{
    public bool Succeeded => Problem is null;
}
