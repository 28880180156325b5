using Microsoft.AspNetCore.Identity;

namespace Governance.Server.Identity;

/// <summary>
/// The sign-in credentials of a <see cref="Domain.People.Person"/>: same id as the person, so a token's
/// subject is the person id. Names, language and roles stay on the person; this holds only what
/// ASP.NET Core Identity needs (password hash, lockout, confirmation).
/// </summary>
public sealed class Account : IdentityUser<Guid>
{
}
