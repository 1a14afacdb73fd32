using AdminPortal.Api;
using AdminPortal.Api.Endpoints;
using AdminPortal.Tokens.Persistence;
using Microsoft.AspNetCore.Diagnostics;

namespace AdminPortal.Extensions;

public static class ErrorHandlingExtensions
{
    /// <summary>
    /// Outside Development, exceptions render the friendly /Error page (no stack trace reaches the browser), and API
    /// callers get a problem+json 500 without details instead of that HTML page; Development keeps ASP.NET Core's
    /// developer exception page. Unknown URLs render /not-found with status 404 in every environment.
    /// (HSTS and the other response headers: Security/SecurityHeaders.cs.)
    /// </summary>
    public static WebApplication UsePortalErrorHandling(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/Error",
                CreateScopeForErrors = true,

                // Storage that cannot be written is the operator's to fix, not a fault of the request: 503, and the
                // page says so.
                StatusCodeSelector = ex => StorageStatus.IsUnavailable(ex)
                    ? StatusCodes.Status503ServiceUnavailable
                    : StatusCodes.Status500InternalServerError,
            });
        }

        // Inside the page handler (and the developer exception page), so it sees an API call's exception first: a
        // failure before the API's endpoint filter (authentication, the database behind it) must not answer a program
        // with HTML, in Development neither (a node whose database is gone answers 503, which load balancers and callers
        // understand, not the developer page's 500).
        app.UseWhen(IsApiCall, api => api.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = http => (StorageStatus.IsUnavailable(http.Features.Get<IExceptionHandlerFeature>()?.Error)
                ? ApiProblems.StorageUnavailable()
                : ApiProblems.Unexpected()).ExecuteAsync(http),
        }));

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        // The error and not-found pages are rendered by re-running the pipeline with the original method. For a POST
        // that would be a form post to /Error or /not-found, which Blazor refuses (400, no antiforgery token, no form
        // name), so a failed sign-out or a post to a wrong address would answer "Bad Request" instead of the page.
        app.Use((http, next) =>
        {
            if (http.Features.Get<IExceptionHandlerFeature>() is not null || http.Features.Get<IStatusCodeReExecuteFeature>() is not null)
            {
                http.Request.Method = HttpMethods.Get;
            }

            return next(http);
        });
        return app;
    }

    private static bool IsApiCall(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || http.Request.Path.StartsWithSegments(VerifyEndpoint.Path, StringComparison.OrdinalIgnoreCase);
}
