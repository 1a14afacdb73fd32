using System.Security.Claims;
using AdminPortal.Security;
using AdminPortal.Tokens.Users;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AdminPortal.SignIn.Oidc;

/// <summary>
/// What the portal adds to the OpenID Connect handler: offline_access when the provider offers it (for the refresh
/// that re-checks roles), the RFC 9207 issuer check, the portal user made from the claims (<see cref="SignedInAsync"/>,
/// the one place a sign-in succeeds), every refusal through <see cref="OidcFailures"/>, and the way back after sign-out.
/// </summary>
internal static class OidcEvents
{
    public static OpenIdConnectEvents Create() => new()
    {
        OnRedirectToIdentityProvider = AskForRefreshTokenAsync,
        OnMessageReceived = CheckResponseIssuerAsync,
        OnTokenResponseReceived = context => SigningKeys.EnsureKnownAsync(context.Options.ConfigurationManager!, context.TokenEndpointResponse.IdToken,
            context.HttpContext.RequestServices.GetRequiredService<TimeProvider>(), context.HttpContext.RequestAborted),
        OnTicketReceived = SignedInAsync,
        OnRemoteFailure = OidcFailures.HandleAsync,
        OnRedirectToIdentityProviderForSignOut = context =>
        {
            context.ProtocolMessage.ClientId = context.Options.ClientId;
            if (context.HttpContext.Items[OidcSignIn.IdTokenHintItem] is string hint)
            {
                context.ProtocolMessage.IdTokenHint = hint;
            }

            return Task.CompletedTask;
        },
        OnSignedOutCallbackRedirect = context =>
        {
            context.Response.Redirect("/signin?signedOut=true");
            context.HandleResponse();
            return Task.CompletedTask;
        },
    };

    /// <summary>Refresh tokens let the portal re-check role and tenant without sending the person back to the provider.</summary>
    private static async Task AskForRefreshTokenAsync(RedirectContext context)
    {
        var metadata = await context.Options.ConfigurationManager!.GetConfigurationAsync(context.HttpContext.RequestAborted);
        var scopes = context.ProtocolMessage.Scope?.Split(' ') ?? [];
        if (metadata.ScopesSupported.Contains(OpenIdConnectScope.OfflineAccess) && !scopes.Contains(OpenIdConnectScope.OfflineAccess))
        {
            context.ProtocolMessage.Scope = string.Join(' ', scopes.Append(OpenIdConnectScope.OfflineAccess));
        }
    }

    /// <summary>
    /// RFC 9207: a provider that says it names itself in its authorization responses must do so, with its own issuer;
    /// otherwise a response (and its code) may come from another provider the browser was sent to.
    /// </summary>
    private static async Task CheckResponseIssuerAsync(MessageReceivedContext context)
    {
        var message = context.ProtocolMessage;
        if (string.IsNullOrEmpty(message.Code))
        {
            return;
        }

        var metadata = await context.Options.ConfigurationManager!.GetConfigurationAsync(context.HttpContext.RequestAborted);
        if (string.IsNullOrEmpty(message.Iss) ? metadata.AuthorizationResponseIssParameterSupported : message.Iss != metadata.Issuer)
        {
            context.Fail(new SignInRejectedException(SignInFailure.Failed, string.IsNullOrEmpty(message.Iss)
                ? "The authorization response does not name its issuer, which this provider always does (RFC 9207)."
                : "The authorization response came from another issuer."));
        }
    }

    /// <summary>
    /// The provider has authenticated the person: their role and tenant from the claims, the portal user created or
    /// updated, and the session's principal made of it. Only the id_token (hint for sign-out) and the refresh token
    /// are kept, encrypted in the session cookie.
    /// </summary>
    private static async Task SignedInAsync(TicketReceivedContext context)
    {
        var services = context.HttpContext.RequestServices;
        var settings = services.GetRequiredService<IOptions<OidcOptions>>().Value;
        var claims = (ClaimsIdentity)context.Principal!.Identity!;
        var users = services.GetRequiredService<UserService>();
        try
        {
            var profile = OidcClaimMapping.ToProfile(settings, claims);
            var user = await users.SignInAsync(profile, context.HttpContext.RequestAborted);
            if (!user.IsActive)
            {
                throw new SignInRejectedException(SignInFailure.Deactivated, $"User {user.Id} is deactivated.");
            }

            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            context.Principal = PortalSessions.ProviderChecked(
                PortalSessions.Start(PortalIdentity.Of(user, profile.TenantName), context.Options.SignInScheme!), now);
            var properties = context.Properties!;
            properties.StoreTokens(properties.GetTokens().Where(t => t.Name is "id_token" or "refresh_token").ToList());
            await users.RecordSignedInAsync(user.Id, ClientAddresses.Of(context.HttpContext), context.HttpContext.RequestAborted);
        }
        catch (SignInRejectedException rejected)
        {
            await OidcFailures.RefuseAsync(context.HttpContext, rejected, OidcClaimMapping.PersonOf(settings, claims));
            context.HandleResponse();
        }
    }
}
