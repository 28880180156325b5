using System.Globalization;
using Governance.Server.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Governance.Server.Features.Tasks;

public static class TaskEndpoints
{
    /// <summary>The services of the inbox, the acting endpoints and the tracking board.</summary>
    public static WebApplicationBuilder AddGovernanceTasks(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TaskReminderOptions>().Bind(builder.Configuration.GetSection(TaskReminderOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TaskReminderOptions>, TaskReminderOptionsValidator>();
        builder.Services.AddScoped<TaskAccess>();
        builder.Services.AddScoped<TaskPresentation>();
        builder.Services.AddScoped<RequestLanguage>();
        return builder;
    }

    public static IEndpointRouteBuilder MapTasks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/me/tasks", List).WithTags("Tasks").WithName("ListMyTasks")
            .WithSummary("My inbox: tab=todo (待办) | done (已办) | initiated (我发起的) | cc (抄送我), with paging and filters")
            .RequireAuthorization(Policies.Read);
        var group = endpoints.MapGroup("/api/v1/tasks").WithTags("Tasks");
        group.MapGet("/{id:guid}", Get).WithName("GetTask")
            .WithSummary("A task with its alliance, step, due time, documents, subject and history").RequireAuthorization(Policies.Read);
        group.MapPost("/{id:guid}/complete", Complete).WithName("CompleteTask")
            .WithSummary("The assignee approves, rejects or returns the task (comment required for the last two)").RequireAuthorization(Policies.Write);
        group.MapPost("/{id:guid}/transfer", Transfer).WithName("TransferTask")
            .WithSummary("转办: the assignee hands the task to someone else in the alliance").RequireAuthorization(Policies.Write);
        group.MapGet("/{id:guid}/transfer-candidates", TransferCandidates).WithName("ListTransferCandidates")
            .WithSummary("Whom the task can be handed to (转办): the people holding a role in its alliance, those sharing the assignee's role first")
            .RequireAuthorization(Policies.Read);
        group.MapPost("/{id:guid}/remind", Remind).WithName("RemindTask")
            .WithSummary("催办: email the assignee a reminder (secretariat, chair); at most once per interval per task").RequireAuthorization(Policies.Write);
        return endpoints;
    }

    private static async Task<Ok<Page<TaskSummaryResponse>>> List(
        [AsParameters] ListMyTasksQuery query, ListMyTasksHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(query, cancellationToken));

    private static async Task<Ok<TaskDetailResponse>> Get(Guid id, string? lang, GetTaskHandler handler, HttpContext http, CancellationToken cancellationToken)
    {
        var task = await handler.HandleAsync(id, lang, cancellationToken);
        http.Response.Headers.ETag = $"\"{task.Version.ToString(CultureInfo.InvariantCulture)}\"";
        return TypedResults.Ok(task);
    }

    private static async Task<Ok<TaskDetailResponse>> Complete(
        Guid id, CompleteTaskRequest request, CompleteTaskHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(id, request, cancellationToken));

    private static async Task<Ok<TaskDetailResponse>> Transfer(
        Guid id, TransferTaskRequest request, TransferTaskHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(id, request, cancellationToken));

    private static async Task<Ok<IReadOnlyList<TransferCandidate>>> TransferCandidates(
        Guid id, ListTransferCandidatesHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(id, cancellationToken));

    private static async Task<Results<Ok<TaskReminded>, ProblemHttpResult>> Remind(
        Guid id, RemindTaskHandler handler, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (done, tooSoon) = await handler.HandleAsync(id, cancellationToken);
        if (done is not null)
        {
            return TypedResults.Ok(done);
        }

        var wait = (int)Math.Ceiling((tooSoon!.NextReminderFrom - clock.GetUtcNow()).TotalSeconds);
        http.Response.Headers.RetryAfter = Math.Max(wait, 1).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Reminded too recently.",
            detail: $"The task was last reminded at {tooSoon.LastRemindedAt:O}; the next reminder can be sent from {tooSoon.NextReminderFrom:O}.",
            extensions: new Dictionary<string, object?>
            {
                ["code"] = "task.remind-too-soon",
                ["lastRemindedAt"] = tooSoon.LastRemindedAt,
                ["nextReminderFrom"] = tooSoon.NextReminderFrom,
            });
    }
}
