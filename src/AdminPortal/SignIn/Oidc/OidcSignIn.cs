using AdminPortal.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace AdminPortal.SignIn.Oidc;

/// <summary>
/// Sign-in through the OpenID Connect provider of "Authentication:Oidc" with ASP.NET Core's OpenID Connect handler:
/// authorization code with PKCE, pushed authorization requests when the provider offers them, state, nonce and the
/// id_token (signature with key rollover, issuer, audience, lifetime) checked by the handler. What is the portal's own
/// lives in <see cref="OidcEvents"/>. GET /signin/oidc starts a sign-in.
/// </summary>
internal static class OidcSignIn
{
    public const string Scheme = "oidc";
    public const string StartRoute = "/signin/oidc";

    /// <summary>Where <see cref="SignOutAtProviderAsync"/> leaves the ended session's id_token for the sign-out request.</summary>
    internal const string IdTokenHintItem = "adminportal:id_token_hint";

    // Asymmetric only: a token "signed" with the client secret (HS256) or not at all is refused.
    private static readonly string[] Algorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    public static void AddTo(IServiceCollection services, AuthenticationBuilder authentication, bool development)
    {
        authentication.AddOpenIdConnect(Scheme, "Your organisation's account", _ => { });
        services.AddOptions<OpenIdConnectOptions>(Scheme).Configure<IOptions<OidcOptions>, TimeProvider>((options, settings, clock) =>
        {
            var oidc = settings.Value;
            options.Authority = oidc.Authority;
            options.ClientId = oidc.ClientId;
            options.ClientSecret = oidc.ClientSecret;
            options.CallbackPath = oidc.CallbackPath;
            options.SignedOutCallbackPath = oidc.SignedOutCallbackPath;
            options.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
            options.RefreshInterval = oidc.MetadataRefreshInterval;
            options.ResponseType = OpenIdConnectResponseType.Code;
            // Query, not form_post: the provider's answer is then a top-level GET redirect, which the Lax correlation
            // and nonce cookies accompany. A cross-site form_post would need them SameSite=None.
            options.ResponseMode = OpenIdConnectResponseMode.Query;
            options.UsePkce = true;
            options.PushedAuthorizationBehavior = PushedAuthorizationBehavior.UseIfAvailable;
            options.Scope.Clear();
            foreach (var scope in oidc.Scopes.Prepend("openid").Distinct(StringComparer.Ordinal))
            {
                options.Scope.Add(scope);
            }

            options.GetClaimsFromUserInfoEndpoint = oidc.GetClaimsFromUserInfoEndpoint;
            options.ClaimActions.MapAll();
            // Claims keep the provider's names ("sub", "roles"), which the Authentication:Oidc:*Claim settings name.
            options.MapInboundClaims = false;
            options.SaveTokens = true;
            options.DisableTelemetry = true;
            options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            options.SignOutScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            options.TokenValidationParameters.ValidAlgorithms = Algorithms;
            options.TokenValidationParameters.RequireSignedTokens = true;
            options.TokenValidationParameters.RequireExpirationTime = true;
            options.TokenValidationParameters.ClockSkew = oidc.ClockSkew;
            options.TokenValidationParameters.LifetimeValidator = (notBefore, expires, _, _) => WithinLifetime(clock, oidc.ClockSkew, notBefore, expires);
            // Path=/ (not the callback path) because the __Host- prefix demands it.
            PortalCookies.Apply(options.CorrelationCookie, PortalCookies.Correlation, SameSiteMode.Lax, development);
            PortalCookies.Apply(options.NonceCookie, PortalCookies.Nonce, SameSiteMode.Lax, development);
            options.Events = OidcEvents.Create();
        });
        // Runs after the handler's own post-configuration, which creates the back-channel HttpClient: the same metadata
        // manager, plus the check that the discovery document names the configured Authority as issuer (Discovery 4.3).
        services.AddOptions<OpenIdConnectOptions>(Scheme).PostConfigure<IOptions<OidcOptions>>((options, settings) =>
        {
            var metadata = new ConfigurationManager<OpenIdConnectConfiguration>(
                options.MetadataAddress,
                new OpenIdConnectConfigurationRetriever(),
                new HttpDocumentRetriever(options.Backchannel) { RequireHttps = options.RequireHttpsMetadata },
                new IssuerMatchesAuthority(settings.Value.Authority!))
            {
                RefreshInterval = options.RefreshInterval,
                AutomaticRefreshInterval = options.AutomaticRefreshInterval,
            };
            options.ConfigurationManager = metadata;
            // With the manager at hand, the token handler reads the keys again and retries when a token names an
            // unknown key (rollover), instead of failing this sign-in and refreshing for the next one.
            options.TokenValidationParameters.ConfigurationManager = metadata;
        });
        services.AddSingleton<OidcSessionRefresh>();
    }

    public static void Map(WebApplication app) =>
        app.MapGet(StartRoute, StartAsync).AllowAnonymous();

    /// <summary>
    /// Ends the provider's session after the portal's (RP-initiated logout with id_token_hint) by sending the browser
    /// to its end_session_endpoint; false when the provider has none or cannot be reached, which must not stop a sign-out.
    /// </summary>
    public static async Task<bool> SignOutAtProviderAsync(HttpContext http, string? idToken)
    {
        var options = http.RequestServices.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(Scheme);
        try
        {
            var metadata = await options.ConfigurationManager!.GetConfigurationAsync(http.RequestAborted);
            if (string.IsNullOrEmpty(metadata.EndSessionEndpoint))
            {
                return false;
            }
        }
        catch (InvalidOperationException)
        {
            return false;
        }

        // The session is already signed out here, so the handler could not read the hint itself.
        http.Items[IdTokenHintItem] = idToken;
        await http.SignOutAsync(Scheme, new AuthenticationProperties { RedirectUri = "/signin?signedOut=true" });
        return true;
    }

    /// <summary>IdentityModel's lifetime rule with the clock taken from <see cref="TimeProvider"/>.</summary>
    private static bool WithinLifetime(TimeProvider clock, TimeSpan skew, DateTime? notBefore, DateTime? expires)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (expires is null)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiry.");
        }

        if (expires.Value.Add(skew) < now)
        {
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = expires.Value };
        }

        if (notBefore is { } start && start.Subtract(skew) > now)
        {
            throw new SecurityTokenNotYetValidException("The token is not yet valid.") { NotBefore = start };
        }

        return true;
    }

    private static async Task<IResult> StartAsync(string? returnUrl, HttpContext http, IOptionsMonitor<OpenIdConnectOptions> options, ILoggerFactory loggers)
    {
        try
        {
            await options.Get(Scheme).ConfigurationManager!.GetConfigurationAsync(http.RequestAborted);
        }
        catch (InvalidOperationException e)
        {
            OidcFailures.ProviderUnavailable(loggers.CreateLogger(typeof(OidcFailures).FullName!), e.Message);
            return Results.Redirect($"/signin?error={SignInFailure.Unavailable}");
        }

        return Results.Challenge(new AuthenticationProperties { RedirectUri = ReturnUrls.Safe(returnUrl) }, [Scheme]);
    }
}
