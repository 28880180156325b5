using System.Security.Cryptography;
using System.Text;
using Governance.Server.Access;

namespace Governance.Server.Features.Email;

public sealed record EmailTemplateResponse(string Kind, string Language, string Sha256, string Content);

/// <summary>
/// The shipped email templates (every message kind and the layout, in every language) as they are
/// embedded in the server, for administrators to read. They change with a release, not at run time.
/// </summary>
public sealed class ListEmailTemplatesHandler(AccessControl access)
{
    private const string ResourcePrefix = "Governance.Server.Features.Email.Templates.";

    public async Task<IReadOnlyList<EmailTemplateResponse>> HandleAsync(CancellationToken cancellationToken)
    {
        await access.DemandAdministratorAsync(cancellationToken);
        var assembly = typeof(EmailTemplates).Assembly;
        var templates = new List<EmailTemplateResponse>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            await using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var content = await reader.ReadToEndAsync(cancellationToken);
            var name = resource[ResourcePrefix.Length..^".liquid".Length];
            var dot = name.LastIndexOf('.');
            templates.Add(new EmailTemplateResponse(
                name[..dot], name[(dot + 1)..], Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content))), content));
        }

        return templates;
    }
}
