using Microsoft.AspNetCore.Antiforgery;

namespace AdminPortal.Security;

/// <summary>
/// Refuses a cookie-authenticated form post without a valid antiforgery token with 400, before the endpoint runs.
/// ASP.NET Core's antiforgery middleware only records a failed check; minimal endpoints that bind no form field
/// (such as POST /signout) would run anyway, so each such endpoint checks here itself.
/// </summary>
internal static class AntiforgeryFilter
{
    public static RouteHandlerBuilder RequireAntiforgeryToken(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
            return await antiforgery.IsRequestValidAsync(http)
                ? await next(context)
                : Results.Problem("The form has expired or did not come from this portal. Reload the page and try again.",
                    statusCode: StatusCodes.Status400BadRequest, title: "Invalid form");
        });
}
