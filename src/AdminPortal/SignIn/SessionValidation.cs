using AdminPortal.Security;
using AdminPortal.SignIn.Oidc;
using AdminPortal.Tokens.Users;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AdminPortal.SignIn;

/// <summary>
/// The session cookie's events. At sign-in (either sign-in) the session's start is stamped. At every request the session
/// is checked (<see cref="PortalSessionCheck"/>): an ended, expired or deactivated session is signed out; a session of
/// the provider whose re-check is due is refreshed with the provider (<see cref="OidcSessionRefresh"/>) and ends when
/// the provider refuses; a session whose user row changed (role, name) gets a renewed cookie with the current values.
/// </summary>
internal static partial class SessionValidation
{
    public static Task StampStartAsync(CookieSigningInContext context)
    {
        PortalSessions.MarkStarted(context.Principal!, context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
        return Task.CompletedTask;
    }

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var check = services.GetRequiredService<PortalSessionCheck>();
        var (state, current) = await check.CurrentAsync(context.Principal, context.HttpContext.RequestAborted);
        if (state is SessionState.SignedOut or SessionState.Deactivated)
        {
            await EndAsync(context);
            return;
        }

        // Signing out needs no word from the provider; asking it could even rotate the refresh token under another
        // request of the same session and end the session here first, so the provider's own sign-out would be skipped.
        if (check.ProviderCheckDue(context.Principal) && !IsSignOut(context.Request))
        {
            await RefreshAsync(context, services);
        }
        else if (state == SessionState.Stale)
        {
            context.ReplacePrincipal(PortalSessions.Renew(context.Principal!, current!));
            context.ShouldRenew = true;
        }
    }

    private static async Task RefreshAsync(CookieValidatePrincipalContext context, IServiceProvider services)
    {
        var refresh = services.GetRequiredService<OidcSessionRefresh>();
        var outcome = await refresh.RefreshAsync(context.Principal!, context.Properties, context.HttpContext.RequestAborted);
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OidcSessionRefresh).FullName!);
        switch (outcome)
        {
            case RefreshOutcome.Refreshed refreshed:
                context.ReplacePrincipal(refreshed.Principal);
                context.Properties.StoreTokens(refreshed.Tokens);
                context.ShouldRenew = true;
                break;
            case RefreshOutcome.Ended ended:
                await EndByProviderAsync(context, ended.Reason, logger);
                break;
            case RefreshOutcome.Unavailable unavailable:
                var grace = services.GetRequiredService<IOptions<OidcOptions>>().Value.RefreshInterval;
                var lastChecked = PortalSessions.ProviderCheckedAt(context.Principal) ?? DateTimeOffset.MinValue;
                if (services.GetRequiredService<TimeProvider>().GetUtcNow() - lastChecked >= grace * 2)
                {
                    await EndByProviderAsync(context, $"the provider could not confirm the person for two refresh intervals ({unavailable.Reason})", logger);
                }
                else
                {
                    RefreshPostponed(logger, unavailable.Reason);
                }

                break;
        }
    }

    private static bool IsSignOut(HttpRequest request) => HttpMethods.IsPost(request.Method) && request.Path == SignOutEndpoint.Route;

    /// <summary>Ends the session everywhere because the provider's re-check did not confirm the person; logged and audited.</summary>
    private static async Task EndByProviderAsync(CookieValidatePrincipalContext context, string reason, ILogger logger)
    {
        SessionEnded(logger, reason);
        if (PortalIdentity.From(context.Principal) is { } person)
        {
            await context.HttpContext.RequestServices.GetRequiredService<UserService>()
                .RecordSessionEndedAsync(person.UserId, reason, ClientAddresses.Of(context.HttpContext), CancellationToken.None);
        }

        await EndAsync(context, everywhere: true);
    }

    /// <summary>Signs the session out; <paramref name="everywhere"/> also for its open pages and other copies of the cookie.</summary>
    private static async Task EndAsync(CookieValidatePrincipalContext context, bool everywhere = false)
    {
        if (everywhere)
        {
            context.HttpContext.RequestServices.GetRequiredService<SignedOutSessions>().End(PortalSessions.IdOf(context.Principal));
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    [LoggerMessage(10, LogLevel.Information, "Session ended by the provider's re-check: {Reason}")]
    private static partial void SessionEnded(ILogger logger, string reason);

    [LoggerMessage(11, LogLevel.Warning, "Provider re-check of a session failed and is tried again at the next request: {Reason}")]
    private static partial void RefreshPostponed(ILogger logger, string reason);
}
