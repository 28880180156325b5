using Governance.Server.Api;

namespace Governance.Server.Features.Tasks;

/// <summary>One task with its alliance, step, due time, documents, subject and full history.</summary>
public sealed class GetTaskHandler(TaskAccess access, TaskPresentation presentation, RequestLanguage languages)
{
    public async Task<TaskDetailResponse> HandleAsync(Guid id, string? lang, CancellationToken cancellationToken)
    {
        var task = await access.VisibleAsync(id, tracked: false, cancellationToken);
        return await presentation.DetailAsync(task, await languages.ResolveAsync(lang, cancellationToken), cancellationToken);
    }
}
