using AdminPortal.Tokens.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace AdminPortal.SignIn;

/// <summary>
/// POST /signin/dev: signs in as one of <see cref="DemoUsers"/>. Exists only in the Development environment;
/// elsewhere the route answers 404, whatever is posted.
/// </summary>
internal static class DevelopmentSignIn
{
    public const string Route = "/signin/dev";

    public static void Map(WebApplication app) =>
        app.MapPost(Route, SignInAsync).AllowAnonymous();

    private static async Task<IResult> SignInAsync(
        [FromForm] string subject, [FromForm] string? returnUrl, HttpContext http, IHostEnvironment environment, UserService users)
    {
        if (!environment.IsDevelopment())
        {
            return Results.NotFound();
        }

        if (DemoUsers.Find(subject) is not { } profile)
        {
            return Results.BadRequest("Unknown demo user.");
        }

        var user = await users.SignInAsync(profile, http.RequestAborted);
        if (!user.IsActive)
        {
            return Results.LocalRedirect("/signin/deactivated");
        }

        var identity = PortalIdentity.Of(user, profile.TenantName);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, identity.ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme));
        return Results.LocalRedirect(SafeReturnUrl(returnUrl));
    }

    /// <summary>Only a local path: an open redirect would let a link send a freshly signed-in user anywhere.</summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/tokens";
}
