using System.Text.Json;
using Governance.Domain.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Governance.Server.Errors;

/// <summary>
/// The one place exceptions become responses: every error is a ProblemDetails with a stable
/// <c>code</c> (and <c>field</c> where one input is at fault).
/// </summary>
internal sealed partial class GovernanceExceptionHandler(
    IProblemDetailsService problemDetails, ILogger<GovernanceExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, title, detail, field) = Classify(exception);
        var validation = exception as WorkflowHosting.WorkflowValidationException;
        if (status >= StatusCodes.Status500InternalServerError)
        {
            LogUnhandled(logger, exception);
        }

        var problem = new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = detail,
            Type = $"https://httpstatuses.io/{status}",
            Instance = httpContext.Request.Path,
        };
        problem.Extensions["code"] = code;
        if (field is not null)
        {
            problem.Extensions["field"] = field;
        }

        if (validation is not null)
        {
            problem.Extensions["errors"] = validation.Errors.Select(e => new { e.Code, e.Path, e.Message }).ToList();
        }

        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    internal static (int Status, string Code, string Title, string? Detail, string? Field) Classify(Exception exception) => exception switch
    {
        DomainRuleViolation rule => (StatusCodes.Status422UnprocessableEntity, rule.Code, "A governance rule was not met.", rule.Message, rule.Field),
        WorkflowHosting.WorkflowValidationException invalid => (StatusCodes.Status422UnprocessableEntity, "workflow.invalid-definition",
            "The workflow definition is not valid.", invalid.Message, invalid.Errors.Count > 0 ? invalid.Errors[0].Path : null),
        Governance.Workflows.Runtime.WorkflowRuntimeException refused => (
            refused.Code.StartsWith("workflow.input", StringComparison.Ordinal) ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status409Conflict,
            refused.Code, "The workflow instance cannot do that now.", refused.Message, null),
        Governance.Documents.Templates.DocumentTemplateException template => (StatusCodes.Status422UnprocessableEntity, template.Code,
            "The document cannot be made from its template.", template.Message, template.Field is null ? null : $"model.{template.Field}"),
        Governance.Documents.Layout.FontsMissingException fonts => (StatusCodes.Status503ServiceUnavailable, "documents.fonts-missing",
            "Documents cannot be rendered on this server.", fonts.Message, null),
        NotFoundException missing => (StatusCodes.Status404NotFound, missing.Code, "Not found.", missing.Message, null),
        ConflictException conflict => (StatusCodes.Status409Conflict, conflict.Code, "Conflict.", conflict.Message, conflict.Field),
        DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, "concurrency.conflict", "Conflict.",
            "Someone else changed this record at the same time. Reload it and try again.", null),
        BadHttpRequestException { InnerException: JsonException json } => (StatusCodes.Status400BadRequest, "request.malformed-json",
            "The request body is not valid JSON for this operation.", json.Message, JsonPathToField(json.Path)),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (StatusCodes.Status413PayloadTooLarge,
            "request.too-large", "The request body is too large.", null, null),
        BadHttpRequestException bad => (bad.StatusCode, "request.invalid", "The request is not valid.", bad.Message, null),
        Access.ForbiddenException forbidden => (StatusCodes.Status403Forbidden, forbidden.Code, "Forbidden.", forbidden.Message, null),
        UnauthorizedAccessException => (StatusCodes.Status403Forbidden, "access.forbidden", "Forbidden.", null, null),
        OperationCanceledException => (499, "request.cancelled", "The request was cancelled.", null, null),
        _ => (StatusCodes.Status500InternalServerError, "server.error", "An unexpected error occurred.", null, null),
    };

    private static string? JsonPathToField(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception")]
    private static partial void LogUnhandled(ILogger logger, Exception exception);
}
