namespace Governance.Server.Errors;

/// <summary>The addressed resource does not exist (or the caller may not know that it does).</summary>
public sealed class NotFoundException : Exception
{
    public NotFoundException(string resource, object id)
        : base($"{resource} '{id}' was not found.")
    {
        Code = $"{resource.ToLowerInvariant()}.not-found";
    }

    public NotFoundException()
        : this("resource", "?")
    {
    }

    public NotFoundException(string message)
        : base(message)
    {
        Code = "resource.not-found";
    }

    public NotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "resource.not-found";
    }

    public string Code { get; } = "resource.not-found";
}
