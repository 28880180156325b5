using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Governance.Server.Errors;
using Governance.Server.Persistence;
using Governance.Workflows.Definitions;
using Governance.Workflows.Validation;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.WorkflowHosting;

/// <summary>The definition was refused: every error found, with codes and JSON paths.</summary>
public sealed class WorkflowValidationException(IReadOnlyList<WorkflowError> errors)
    : Exception($"The workflow definition has {errors.Count} error(s): {string.Join("; ", errors.Take(5))}")
{
    public IReadOnlyList<WorkflowError> Errors { get; } = errors;
}

/// <summary>
/// Versions of definitions: one draft at a time per definition, published versions that never change,
/// retraction (no new instances; running ones go on), revert (an old version as a new draft), export.
/// </summary>
public sealed class WorkflowDefinitionStore(GovernanceDbContext db, WorkflowValidator validator, TimeProvider clock)
{
    public async Task<IReadOnlyList<WorkflowDefinitionRecord>> VersionsAsync(string definitionId, CancellationToken cancellationToken)
    {
        var versions = await db.WorkflowDefinitions.AsNoTracking()
            .Where(d => d.DefinitionId == definitionId).OrderByDescending(d => d.Version).ToListAsync(cancellationToken);
        return versions.Count == 0 ? throw new NotFoundException("WorkflowDefinition", definitionId) : versions;
    }

    public async Task<WorkflowDefinitionRecord> GetAsync(string definitionId, int version, CancellationToken cancellationToken) =>
        await db.WorkflowDefinitions.AsNoTracking()
            .SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.Version == version, cancellationToken)
        ?? throw new NotFoundException("WorkflowDefinition", $"{definitionId} v{version}");

    /// <summary>Creates the draft of a definition, or replaces the draft it has. Only shape errors refuse a draft.</summary>
    public async Task<WorkflowDefinitionRecord> SaveDraftAsync(string json, CancellationToken cancellationToken)
    {
        var read = WorkflowDefinitionReader.Read(json);
        if (read.Definition is null || read.Errors.Length > 0)
        {
            throw new WorkflowValidationException(read.Errors);
        }

        var definition = read.Definition;
        var draft = await db.WorkflowDefinitions
            .SingleOrDefaultAsync(d => d.DefinitionId == definition.DefinitionId && d.Status == DefinitionStatus.Draft, cancellationToken);
        var version = draft?.Version ?? await NextVersionAsync(definition.DefinitionId, cancellationToken);
        var normalized = definition with { Version = version, IsPublished = false };
        if (draft is null)
        {
            draft = new WorkflowDefinitionRecord
            {
                Id = Guid.CreateVersion7(),
                DefinitionId = definition.DefinitionId,
                Version = version,
                Status = DefinitionStatus.Draft,
                Name = normalized.Name,
                Json = WorkflowDefinitionWriter.Write(normalized),
                ContentHash = ContentHash(normalized),
                CreatedAt = clock.GetUtcNow(),
            };
            db.WorkflowDefinitions.Add(draft);
        }
        else
        {
            draft.Name = normalized.Name;
            draft.Json = WorkflowDefinitionWriter.Write(normalized);
            draft.ContentHash = ContentHash(normalized);
        }

        await SaveAsync(cancellationToken);
        return draft;
    }

    /// <summary>Validates the draft and publishes it; an invalid draft stays a draft.</summary>
    public async Task<WorkflowDefinitionRecord> PublishDraftAsync(string definitionId, CancellationToken cancellationToken)
    {
        var draft = await db.WorkflowDefinitions
            .SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.Status == DefinitionStatus.Draft, cancellationToken)
            ?? throw new NotFoundException("WorkflowDraft", definitionId);
        var errors = validator.Validate(draft.Json, out var definition);
        var latest = await LatestPublishedVersionAsync(definitionId, cancellationToken);
        var versionError = WorkflowValidator.CheckPublishVersion(draft.Version, latest);
        if (errors.Length > 0 || versionError is not null || definition is null)
        {
            throw new WorkflowValidationException([.. errors, .. versionError is null ? [] : new[] { versionError }]);
        }

        draft.Status = DefinitionStatus.Published;
        draft.PublishedAt = clock.GetUtcNow();
        draft.Json = WorkflowDefinitionWriter.Write(definition with { IsPublished = true });
        await SaveAsync(cancellationToken);
        return draft;
    }

    public async Task<WorkflowDefinitionRecord> RetractAsync(string definitionId, int version, CancellationToken cancellationToken)
    {
        var record = await db.WorkflowDefinitions
            .SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.Version == version, cancellationToken)
            ?? throw new NotFoundException("WorkflowDefinition", $"{definitionId} v{version}");
        if (record.Status != DefinitionStatus.Published)
        {
            throw new ConflictException("workflow.not-published", $"{definitionId} v{version} is {record.Status}; only a published version can be retracted.");
        }

        record.Status = DefinitionStatus.Retracted;
        record.RetractedAt = clock.GetUtcNow();
        await SaveAsync(cancellationToken);
        return record;
    }

    /// <summary>Makes an old version the content of the (new or existing) draft.</summary>
    public async Task<WorkflowDefinitionRecord> RevertAsync(string definitionId, int version, CancellationToken cancellationToken)
    {
        var old = await GetAsync(definitionId, version, cancellationToken);
        return await SaveDraftAsync(old.Json, cancellationToken);
    }

    public async Task DeleteDraftAsync(string definitionId, CancellationToken cancellationToken)
    {
        var deleted = await db.WorkflowDefinitions
            .Where(d => d.DefinitionId == definitionId && d.Status == DefinitionStatus.Draft)
            .ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            throw new NotFoundException("WorkflowDraft", definitionId);
        }
    }

    /// <summary>
    /// Imports a file's definition: unchanged content (same hash as the latest published version)
    /// makes no new version; changed content is published as the next version. Invalid files are refused.
    /// </summary>
    public async Task<(WorkflowDefinitionRecord Record, bool Published)> ImportAsync(string json, CancellationToken cancellationToken)
    {
        var errors = validator.Validate(json, out var definition);
        if (errors.Length > 0 || definition is null)
        {
            throw new WorkflowValidationException(errors);
        }

        var hash = ContentHash(definition);
        var latest = await db.WorkflowDefinitions.AsNoTracking()
            .Where(d => d.DefinitionId == definition.DefinitionId && d.Status == DefinitionStatus.Published)
            .OrderByDescending(d => d.Version).FirstOrDefaultAsync(cancellationToken);
        if (latest is not null && latest.ContentHash == hash)
        {
            return (latest, false);
        }

        await SaveDraftAsync(json, cancellationToken);
        return (await PublishDraftAsync(definition.DefinitionId, cancellationToken), true);
    }

    /// <summary>The export form: the file as it would be kept in git.</summary>
    public static string Export(WorkflowDefinitionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Json;
    }

    /// <summary>Hash of the content that matters: everything but the version and the published flag.</summary>
    public static string ContentHash(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var json = WorkflowDefinitionWriter.ToJson(definition with { Version = 0, IsPublished = false });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json.ToJsonString())));
    }

    private async Task<int> NextVersionAsync(string definitionId, CancellationToken cancellationToken) =>
        (await db.WorkflowDefinitions.Where(d => d.DefinitionId == definitionId).MaxAsync(d => (int?)d.Version, cancellationToken) ?? 0) + 1;

    private Task<int?> LatestPublishedVersionAsync(string definitionId, CancellationToken cancellationToken) =>
        db.WorkflowDefinitions.Where(d => d.DefinitionId == definitionId && d.Status != DefinitionStatus.Draft)
            .MaxAsync(d => (int?)d.Version, cancellationToken);

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (UniqueViolation.Is(exception))
        {
            throw new ConflictException("workflow.version-conflict", "Another change to this definition was saved at the same time; try again.");
        }
    }

}
