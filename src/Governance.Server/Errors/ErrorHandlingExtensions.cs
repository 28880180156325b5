using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Governance.Server.Errors;

public static class ErrorHandlingExtensions
{
    /// <summary>Largest request body the API accepts; documents and uploads get their own limits later.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    public static WebApplicationBuilder AddGovernanceErrors(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
            if (!context.ProblemDetails.Extensions.ContainsKey("code"))
            {
                context.ProblemDetails.Extensions["code"] = context.ProblemDetails.Status switch
                {
                    StatusCodes.Status404NotFound => "resource.not-found",
                    StatusCodes.Status405MethodNotAllowed => "request.method-not-allowed",
                    StatusCodes.Status401Unauthorized => "access.unauthenticated",
                    StatusCodes.Status403Forbidden => "access.forbidden",
                    StatusCodes.Status415UnsupportedMediaType => "request.unsupported-media-type",
                    _ => "request.invalid",
                };
            }
        });
        builder.Services.AddExceptionHandler<GovernanceExceptionHandler>();

        // Minimal APIs answer a body that does not bind with a bare 400 unless asked to throw; the
        // exception handler then explains it with the JSON path.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        return builder;
    }

    public static WebApplication UseGovernanceErrors(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();

        // Refuse an oversized body up front, before anything reads it; Kestrel's limit also covers
        // bodies sent without a length.
        // An endpoint that takes files (document verification) names its own limit.
        app.Use(async (context, next) =>
        {
            var limit = context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize
                ?? MaxRequestBodyBytes;
            var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (sizeFeature is { IsReadOnly: false })
            {
                sizeFeature.MaxRequestBodySize = limit;
            }

            if (context.Request.ContentLength > limit)
            {
                throw new BadHttpRequestException("The request body is too large.", StatusCodes.Status413PayloadTooLarge);
            }

            await next(context);
        });
        return app;
    }
}
