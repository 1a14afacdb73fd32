using AdminPortal.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AdminPortal.SignIn.Oidc;

/// <summary>
/// Registers sign-in through the OpenID Connect provider of "Authentication:Oidc": the scheme, its options taken from
/// the settings, and GET /signin/oidc, which starts a sign-in. Swapping in the standard OpenID Connect handler would
/// replace this file and <see cref="OidcHandler"/>; the settings keep their names.
/// </summary>
internal static class OidcSignIn
{
    public const string Scheme = "oidc";
    public const string StartRoute = "/signin/oidc";

    public static void AddTo(IServiceCollection services, AuthenticationBuilder authentication, bool development)
    {
        authentication.AddOAuth<OidcHandlerOptions, OidcHandler>(Scheme, "Your organisation's account", _ => { });
        services.AddOptions<OidcHandlerOptions>(Scheme).Configure<IOptions<OidcOptions>>((options, settings) =>
        {
            var oidc = settings.Value;
            options.Settings = oidc;
            options.ClientId = oidc.ClientId!;
            options.ClientSecret = oidc.ClientSecret!;
            options.CallbackPath = oidc.CallbackPath;
            options.UsePkce = true;
            options.Scope.Clear();
            foreach (var scope in oidc.Scopes.Prepend("openid").Distinct(StringComparer.Ordinal))
            {
                options.Scope.Add(scope);
            }

            // The OAuth handler insists on both endpoints; OidcHandler takes the real ones from discovery.
            options.AuthorizationEndpoint = options.TokenEndpoint = MetadataAddress(oidc);
            options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            // The provider answers with a top-level GET redirect, which Lax cookies accompany. Path=/ (not the callback
            // path) because the __Host- prefix demands it.
            PortalCookies.Apply(options.CorrelationCookie, PortalCookies.Correlation, SameSiteMode.Lax, development);
            options.Events.OnRemoteFailure = OidcFailures.HandleAsync;
        });
        // Runs after the OAuth handler's own post-configuration, which creates the back-channel HttpClient.
        services.AddOptions<OidcHandlerOptions>(Scheme).PostConfigure(options =>
            options.Metadata = new ConfigurationManager<OpenIdConnectConfiguration>(
                MetadataAddress(options.Settings),
                new OpenIdConnectConfigurationRetriever(),
                new HttpDocumentRetriever(options.Backchannel) { RequireHttps = options.Settings.RequireHttpsMetadata })
            {
                RefreshInterval = options.Settings.MetadataRefreshInterval,
            });
    }

    public static void Map(WebApplication app, OidcOptions settings)
    {
        app.MapGet(StartRoute, (string? returnUrl) =>
            Results.Challenge(new AuthenticationProperties { RedirectUri = ReturnUrls.Safe(returnUrl) }, [Scheme])).AllowAnonymous();
        app.MapGet(settings.SignedOutCallbackPath, () => Results.LocalRedirect("/signin?signedOut=true")).AllowAnonymous();
    }

    /// <summary>
    /// Where the provider's session ends after the portal's: its end_session_endpoint with the id_token as hint, or null
    /// when the provider has none (or cannot be reached, which must not stop a sign-out).
    /// </summary>
    public static async Task<string?> EndSessionUrlAsync(HttpContext http, string? idToken)
    {
        var options = http.RequestServices.GetRequiredService<IOptionsMonitor<OidcHandlerOptions>>().Get(Scheme);
        OpenIdConnectConfiguration metadata;
        try
        {
            metadata = await options.Metadata.GetConfigurationAsync(http.RequestAborted);
        }
        catch (InvalidOperationException)
        {
            return null;
        }

        if (string.IsNullOrEmpty(metadata.EndSessionEndpoint))
        {
            return null;
        }

        var parameters = new Dictionary<string, string?>
        {
            ["client_id"] = options.ClientId,
            ["post_logout_redirect_uri"] = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{options.Settings.SignedOutCallbackPath}",
        };
        if (idToken is not null)
        {
            parameters["id_token_hint"] = idToken;
        }

        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(metadata.EndSessionEndpoint, parameters);
    }

    private static string MetadataAddress(OidcOptions settings) =>
        $"{settings.Authority?.TrimEnd('/')}/.well-known/openid-configuration";
}
