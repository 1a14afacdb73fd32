using AdminPortal.Security;
using AdminPortal.SignIn.Oidc;
using AdminPortal.Tokens.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace AdminPortal.SignIn;

/// <summary>
/// POST /signout: ends the portal session (here and in every page it has open) and then, when the provider offers an
/// end_session_endpoint, the provider's session too, so that the next sign-in asks for the password again.
/// </summary>
internal static class SignOutEndpoint
{
    public const string Route = "/signout";

    // The antiforgery check is explicit: this endpoint binds no form field, so ASP.NET Core would not refuse a post
    // without the token, and any site could sign a visitor out with a form of its own.
    public static void Map(WebApplication app) => app.MapPost(Route, SignOutAsync).RequireAntiforgeryToken();

    private static async Task<IResult> SignOutAsync(HttpContext http, SignedOutSessions sessions, IOptions<OidcOptions> oidc, UserService users)
    {
        var session = await http.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        sessions.End(PortalSessions.IdOf(session.Principal));
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (PortalIdentity.From(session.Principal) is { } identity)
        {
            await users.RecordSignedOutAsync(identity.UserId, ClientAddresses.Of(http), http.RequestAborted);
        }

        var endedAtProvider = session.Succeeded && oidc.Value.IsConfigured
            && await OidcSignIn.SignOutAtProviderAsync(http, session.Properties?.GetTokenValue("id_token"));
        return endedAtProvider ? Results.Empty : Results.LocalRedirect("/signin?signedOut=true");
    }
}
