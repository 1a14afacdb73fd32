namespace AdminPortal.Extensions;

public static class ErrorHandlingExtensions
{
    /// <summary>
    /// Outside Development, exceptions render the friendly /Error page (no stack trace reaches the
    /// browser); Development keeps ASP.NET Core's developer exception page. Unknown URLs render
    /// /not-found with status 404 in every environment.
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
                StatusCodeSelector = ex => AdminPortal.Tokens.Persistence.StorageStatus.IsUnavailable(ex)
                    ? StatusCodes.Status503ServiceUnavailable
                    : StatusCodes.Status500InternalServerError,
            });
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        return app;
    }
}
