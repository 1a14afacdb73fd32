using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using AdminPortal.Tokens.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.WebUtilities;
using Base64UrlTextEncoder = Microsoft.AspNetCore.WebUtilities.Base64UrlTextEncoder;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AdminPortal.SignIn.Oidc;

/// <summary>
/// OpenID Connect's authorization-code flow on the shared framework's OAuth handler, which already brings state
/// (protected, bound to the browser by a correlation cookie) and PKCE. This adds what OpenID Connect needs: endpoints
/// from discovery, a nonce, a validated id_token, and the portal user it signs in (created or updated every time).
/// </summary>
internal sealed class OidcHandler(IOptionsMonitor<OidcHandlerOptions> options, ILoggerFactory logger, UrlEncoder encoder, UserService users, TimeProvider clock)
    : OAuthHandler<OidcHandlerOptions>(options, logger, encoder)
{
    private const string NonceKey = ".nonce";

    private OpenIdConnectConfiguration? _metadata;

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        try
        {
            _metadata = await MetadataAsync();
        }
        catch (Exception e) when (e is InvalidOperationException or SignInRejectedException)
        {
            OidcFailures.ProviderUnavailable(Logger, e.Message);
            Response.Redirect($"/signin?error={SignInFailure.Unavailable}");
            return;
        }

        await base.HandleChallengeAsync(properties);
    }

    /// <summary>The OAuth request (client, scope, redirect, PKCE, state) sent to the discovered endpoint, with a nonce.</summary>
    protected override string BuildChallengeUrl(AuthenticationProperties properties, string redirectUri)
    {
        // The nonce travels inside the protected state, so only this browser's callback can present it.
        var nonce = Base64UrlTextEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        properties.Items[NonceKey] = nonce;
        var query = QueryHelpers.ParseQuery(new Uri(base.BuildChallengeUrl(properties, redirectUri)).Query);
        query["nonce"] = nonce;
        return QueryHelpers.AddQueryString(_metadata!.AuthorizationEndpoint, query);
    }

    protected override async Task<OAuthTokenResponse> ExchangeCodeAsync(OAuthCodeExchangeContext context)
    {
        var metadata = await MetadataAsync();
        var parameters = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = context.Code,
            ["redirect_uri"] = context.RedirectUri,
            ["client_id"] = Options.ClientId,
            ["client_secret"] = Options.ClientSecret,
        };
        if (context.Properties.Items.TryGetValue(OAuthConstants.CodeVerifierKey, out var verifier) && verifier is not null)
        {
            parameters[OAuthConstants.CodeVerifierKey] = verifier;
            context.Properties.Items.Remove(OAuthConstants.CodeVerifierKey);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, metadata.TokenEndpoint) { Content = new FormUrlEncodedContent(parameters) };
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await Backchannel.SendAsync(request, Context.RequestAborted);
        var body = await response.Content.ReadAsStringAsync(Context.RequestAborted);
        return response.IsSuccessStatusCode
            ? OAuthTokenResponse.Success(JsonDocument.Parse(body))
            : OAuthTokenResponse.Failed(new SignInRejectedException(SignInFailure.Failed,
                $"The token endpoint refused the code: {(int)response.StatusCode} {ProtocolError(body)}."));
    }

    protected override async Task<AuthenticationTicket> CreateTicketAsync(ClaimsIdentity identity, AuthenticationProperties properties, OAuthTokenResponse tokens)
    {
        var metadata = await MetadataAsync();
        // RFC 9207: a provider that names itself in the response must be the one this sign-in started with.
        if (Request.Query["iss"] is [{ } iss] && iss != metadata.Issuer)
        {
            throw new SignInRejectedException(SignInFailure.Failed, "The authorization response came from another issuer.");
        }

        properties.Items.TryGetValue(NonceKey, out var nonce);
        properties.Items.Remove(NonceKey);
        var idToken = tokens.Response?.RootElement.TryGetProperty("id_token", out var value) == true ? value.GetString() : null;
        var claims = await new IdTokenValidator(Options.Settings, Options.Metadata, clock).ValidateAsync(idToken, nonce, Context.RequestAborted);

        var profile = OidcClaimMapping.ToProfile(Options.Settings, claims);
        var user = await users.SignInAsync(profile, Context.RequestAborted);
        if (!user.IsActive)
        {
            throw new SignInRejectedException(SignInFailure.Deactivated, $"User {user.Id} is deactivated.");
        }

        // Kept (encrypted in the session cookie) only as the hint that ends the provider's session at sign-out.
        properties.StoreTokens([new AuthenticationToken { Name = "id_token", Value = idToken! }]);
        var principal = PortalSessions.Start(PortalIdentity.Of(user, profile.TenantName), SignInScheme!);
        return new AuthenticationTicket(principal, properties, Scheme.Name);
    }

    /// <summary>The provider's metadata, refused when it names another issuer than the configured Authority (Discovery 4.3).</summary>
    private async Task<OpenIdConnectConfiguration> MetadataAsync()
    {
        var metadata = await Options.Metadata.GetConfigurationAsync(Context.RequestAborted);
        return string.Equals(metadata.Issuer?.TrimEnd('/'), Options.Settings.Authority?.TrimEnd('/'), StringComparison.Ordinal)
            ? metadata
            : throw new SignInRejectedException(SignInFailure.Failed, "The discovery document names another issuer than Authentication:Oidc:Authority.");
    }

    /// <summary>The OAuth "error" code of a token endpoint answer: a short token from a fixed vocabulary, safe to log.</summary>
    private static string ProtocolError(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var error = json.RootElement.TryGetProperty("error", out var e) ? e.GetString() : null;
            return error is { Length: <= 64 } && error.All(c => char.IsAsciiLetterLower(c) || c == '_') ? error : "(no standard error)";
        }
        catch (JsonException)
        {
            return "(not JSON)";
        }
    }
}
