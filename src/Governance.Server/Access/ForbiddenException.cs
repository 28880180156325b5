namespace Governance.Server.Access;

/// <summary>The caller is known and may see the resource, but may not do this to it (403).</summary>
public sealed class ForbiddenException : Exception
{
    public ForbiddenException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    public ForbiddenException()
        : this("access.forbidden", "Forbidden.")
    {
    }

    public ForbiddenException(string message)
        : this("access.forbidden", message)
    {
    }

    public ForbiddenException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "access.forbidden";
    }

    public string Code { get; } = "access.forbidden";
}
