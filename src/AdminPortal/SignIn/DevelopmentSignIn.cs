using AdminPortal.Security;
using AdminPortal.SignIn.Oidc;
using AdminPortal.Tokens.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AdminPortal.SignIn;

/// <summary>
/// POST /signin/dev: signs in as one of <see cref="DemoUsers"/>. Mapped only in the Development environment while no
/// identity provider is configured, and checks that again itself; otherwise the route answers 404, whatever is posted.
/// </summary>
internal static class DevelopmentSignIn
{
    public const string Route = "/signin/dev";

    public static void Map(WebApplication app) =>
        app.MapPost(Route, SignInAsync).AllowAnonymous().RequireAntiforgeryToken();

    private static async Task<IResult> SignInAsync(
        [FromForm] string subject, [FromForm] string? returnUrl, HttpContext http, IHostEnvironment environment, IOptions<OidcOptions> oidc, UserService users)
    {
        if (!IsAvailable(environment, oidc.Value))
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
            await users.RecordSignInRefusedAsync(profile.TenantKey, profile.SubjectId, "the account is deactivated", ClientAddresses.Of(http), http.RequestAborted);
            return Results.LocalRedirect("/signin/deactivated");
        }

        var principal = PortalSessions.Start(PortalIdentity.Of(user, profile.TenantName), CookieAuthenticationDefaults.AuthenticationScheme);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        await users.RecordSignedInAsync(user.Id, ClientAddresses.Of(http), http.RequestAborted);
        return Results.LocalRedirect(ReturnUrls.Safe(returnUrl));
    }

    /// <summary>Whether the demo sign-in is offered: in Development, while no identity provider is configured.</summary>
    public static bool IsAvailable(IHostEnvironment environment, OidcOptions oidc) => environment.IsDevelopment() && !oidc.IsConfigured;
}
