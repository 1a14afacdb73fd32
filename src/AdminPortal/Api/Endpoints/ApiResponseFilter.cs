namespace AdminPortal.Api.Endpoints;

/// <summary>
/// Every API answer is private to its caller (Cache-Control: no-store), and an unexpected failure is a problem+json 500
/// without details rather than the portal's HTML error page; storage that cannot be used is a 503 (ApiProblems.StorageUnavailable).
/// </summary>
internal sealed partial class ApiResponseFilter(ILogger<ApiResponseFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        http.Response.Headers.CacheControl = "no-store";
        try
        {
            return await next(context);
        }
        catch (Exception ex) when (!http.RequestAborted.IsCancellationRequested && AdminPortal.Tokens.Persistence.StorageStatus.IsUnavailable(ex))
        {
            LogStorageUnavailable(logger, http.Request.Method, http.Request.Path, ex.Message);
            return ApiProblems.StorageUnavailable();
        }
        catch (Exception ex) when (!http.RequestAborted.IsCancellationRequested)
        {
            LogFailure(logger, ex, http.Request.Method, http.Request.Path);
            return ApiProblems.Unexpected();
        }
    }

    [LoggerMessage(LogLevel.Warning, "API call {Method} {Path} failed: the database cannot be used ({Reason})")]
    private static partial void LogStorageUnavailable(ILogger logger, string method, PathString path, string reason);

    [LoggerMessage(LogLevel.Error, "API call {Method} {Path} failed")]
    private static partial void LogFailure(ILogger logger, Exception exception, string method, PathString path);
}
