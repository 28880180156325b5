using System.Text.Json.Nodes;
using Governance.Domain.Common;
using Governance.Domain.People;
using Governance.Server.Access;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Features.Documents;

public sealed record GenerateDocumentRequest(
    DocumentKind? Kind, string? Language, Guid? AllianceId, Guid? WorkflowInstanceId, JsonObject? Model);

public sealed class GenerateDocumentHandler(IDocumentService documents, GovernanceDbContext db, AccessControl access)
{
    public async Task<StoredDocumentRecord> HandleAsync(GenerateDocumentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var kind = request.Kind ?? throw new DomainRuleViolation("documents.kind-required", "Say which kind of document to issue.", "kind");
        var language = DocumentLanguages.Require(request.Language);
        var alliance = request.AllianceId ?? throw new DomainRuleViolation("documents.alliance-required", "A document belongs to an alliance.", "allianceId");
        // Issued by hand only by the alliance's secretariat or chair (workflow steps issue through the service).
        if (!await access.CanSeeAllianceAsync(new AllianceId(alliance), cancellationToken))
        {
            throw new NotFoundException("Alliance", alliance);
        }

        await access.DemandAllianceRoleAsync(new AllianceId(alliance), cancellationToken, Role.Secretariat, Role.Chair);
        var model = request.Model ?? throw new DomainRuleViolation("documents.model-required", "The document's data is missing.", "model");
        var generated = await documents.GenerateAsync(kind, language, model, alliance, request.WorkflowInstanceId, cancellationToken);
        return await db.Set<StoredDocumentRecord>().AsNoTracking().SingleAsync(d => d.Id == generated.Id, cancellationToken);
    }
}
