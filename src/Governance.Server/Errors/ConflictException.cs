namespace Governance.Server.Errors;

/// <summary>The request collides with the stored state (a duplicate, or a stale version).</summary>
public sealed class ConflictException : Exception
{
    public ConflictException(string code, string message, string? field = null)
        : base(message)
    {
        Code = code;
        Field = field;
    }

    public ConflictException()
        : this("conflict", "The request conflicts with the current state.")
    {
    }

    public ConflictException(string message)
        : this("conflict", message)
    {
    }

    public ConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "conflict";
    }

    public string Code { get; } = "conflict";

    public string? Field { get; }
}
