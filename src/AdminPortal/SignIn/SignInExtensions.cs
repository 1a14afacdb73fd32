using AdminPortal.Security;
using AdminPortal.SignIn.Oidc;
using AdminPortal.Tokens.Verification;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Options;

namespace AdminPortal.SignIn;

public static class SignInExtensions
{
    /// <summary>
    /// Cookie sessions (<see cref="PortalCookies"/>: HttpOnly, SameSite=Lax, Secure and __Host- outside Development, sliding expiry and an
    /// absolute lifetime from "Authentication:Session"); every request and every open page re-checks that the session was not signed out and
    /// its user is still active, and a session of the provider is re-checked with it every Authentication:Oidc:RefreshInterval (<see cref="SessionValidation"/>).
    /// People sign in through the OpenID Connect provider of "Authentication:Oidc"; without one, in Development only,
    /// through the demo sign-in with demo data. Outside Development the portal does not start without a provider.
    /// </summary>
    public static IHostApplicationBuilder AddPortalSignIn(this IHostApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        var services = builder.Services;
        services.AddOptions<OidcOptions>().BindConfiguration(OidcOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OidcOptions>, OidcOptionsValidator>();
        services.AddOptions<SessionOptions>().BindConfiguration(SessionOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        var authentication = services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = "/signin";
                options.LogoutPath = "/signout";
                options.AccessDeniedPath = "/signin";
                // Lax, not Strict: the provider sends the browser back with a cross-site redirect, and the page it then
                // lands on must already see the new session. Form posts are guarded by antiforgery tokens instead.
                PortalCookies.Apply(options.Cookie, PortalCookies.Session, SameSiteMode.Lax, development);
                options.SlidingExpiration = true;
                options.Events.OnSigningIn = SessionValidation.StampStartAsync;
                options.Events.OnValidatePrincipal = SessionValidation.ValidateAsync;
            });
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<SessionOptions>>((options, session) => options.ExpireTimeSpan = session.Value.IdleTimeout);

        if (OidcConfigured(builder.Configuration))
        {
            OidcSignIn.AddTo(services, authentication, development);
        }
        else if (development)
        {
            services.AddHostedService<DemoData>();
        }

        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        // Open pages re-check their session when a user changed: in this process (a listener of its changes) and, on
        // PostgreSQL, on any other node (what PostgresChanges hears; null: changes may have been missed).
        services.AddSingleton(sp =>
        {
            var epoch = new SessionEpoch();
            sp.GetRequiredService<PostgresChanges>().OtherProcessChanged += change =>
            {
                if (change is { } known)
                {
                    epoch.OnTokenChanged(known);
                }
                else
                {
                    epoch.Advance();
                }
            };
            return epoch;
        });
        services.AddSingleton<ITokenChangeListener>(sp => sp.GetRequiredService<SessionEpoch>());
        services.AddSingleton<SignedOutSessions>();
        services.AddSingleton<PortalSessionCheck>();
        services.AddScoped<AuthenticationStateProvider, PortalAuthenticationStateProvider>();
        services.AddScoped<CircuitSession>();
        services.AddScoped<CircuitHandler, CircuitSessionHandler>();
        return builder;
    }

    /// <summary>Authentication and authorization.</summary>
    public static WebApplication UsePortalSignIn(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>Sign-in (through the provider, or the demo sign-in in Development) and sign-out.</summary>
    public static WebApplication MapPortalSignIn(this WebApplication app)
    {
        var oidc = app.Services.GetRequiredService<IOptions<OidcOptions>>().Value;
        if (oidc.IsConfigured)
        {
            OidcSignIn.Map(app);
        }
        else if (DevelopmentSignIn.IsAvailable(app.Environment, oidc))
        {
            DevelopmentSignIn.Map(app);
        }

        SignOutEndpoint.Map(app);
        SessionCheckEndpoint.Map(app);
        return app;
    }

    /// <summary>Whether a provider is configured; read at registration, the same setting <see cref="OidcOptions.IsConfigured"/> reads.</summary>
    private static bool OidcConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{OidcOptions.Section}:{nameof(OidcOptions.Authority)}"]);
}
