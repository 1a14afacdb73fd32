using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Json;
using AdminPortal.Tokens.Persistence;
using AdminPortal.Tokens.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AdminPortal.SignIn.Oidc;

/// <summary>
/// Checks a session's person again with the provider: a refresh token grant, the refreshed id_token validated as at
/// sign-in (or the userinfo endpoint when the answer has none, or when configured), the claims mapped to role and
/// tenant, and the user row updated through <see cref="UserService"/>, so that tokens follow the new role too.
/// The requests of one session that arrive together with the same cookie share one refresh: a provider that rotates
/// refresh tokens would otherwise see the old one used twice and revoke the grant.
/// </summary>
internal sealed class OidcSessionRefresh(
    IOptionsMonitor<OpenIdConnectOptions> handler, IOptions<OidcOptions> settings, UserService users,
    IDbContextFactory<TokenDbContext> contexts, TimeProvider clock)
{
    /// <summary>How long requests that still carry the cookie of before a refresh get its outcome (the browser has the new one by then).</summary>
    private static readonly TimeSpan ShareFor = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (Task<RefreshOutcome> Outcome, DateTimeOffset At)> _recent = new(StringComparer.Ordinal);

    public Task<RefreshOutcome> RefreshAsync(ClaimsPrincipal session, AuthenticationProperties properties, CancellationToken ct)
    {
        // Requests presenting the same cookie share its refresh; the renewed cookie's next re-check is a new one.
        var id = $"{PortalSessions.IdOf(session)}@{PortalSessions.ProviderCheckedAt(session)?.ToUnixTimeMilliseconds()}";
        var now = clock.GetUtcNow();
        lock (_recent)
        {
            foreach (var (key, entry) in _recent.Where(e => now - e.Value.At >= ShareFor).ToList())
            {
                _recent.TryRemove(key, out _);
            }

            if (_recent.TryGetValue(id, out var shared))
            {
                return shared.Outcome;
            }

            // Not the request's token: other requests of the session may wait for the same answer.
            var outcome = RefreshCoreAsync(session, properties.GetTokens().ToList(), CancellationToken.None);
            _recent[id] = (outcome, now);
            return outcome;
        }
    }

    private async Task<RefreshOutcome> RefreshCoreAsync(ClaimsPrincipal session, List<AuthenticationToken> tokens, CancellationToken ct)
    {
        var refreshToken = tokens.FirstOrDefault(t => t.Name == "refresh_token")?.Value;
        if (string.IsNullOrEmpty(refreshToken))
        {
            return new RefreshOutcome.Ended("the provider issued no refresh token at sign-in, so the person must sign in again");
        }

        var options = handler.Get(OidcSignIn.Scheme);
        OpenIdConnectConfiguration metadata;
        JsonElement answer;
        try
        {
            metadata = await options.ConfigurationManager!.GetConfigurationAsync(ct);
            using var request = new HttpRequestMessage(HttpMethod.Post, metadata.TokenEndpoint)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "refresh_token",
                    ["refresh_token"] = refreshToken,
                    ["client_id"] = options.ClientId!,
                    ["client_secret"] = options.ClientSecret!,
                }),
            };
            using var response = await options.Backchannel.SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                var error = OidcFailures.ProtocolError(body);
                return (int)response.StatusCode is 400 or 401
                    ? new RefreshOutcome.Ended($"the provider refused the refresh: {error}")
                    : new RefreshOutcome.Unavailable($"the token endpoint answered {(int)response.StatusCode} {error}");
            }

            answer = JsonSerializer.Deserialize<JsonElement>(body);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or TaskCanceledException or JsonException)
        {
            return new RefreshOutcome.Unavailable($"the provider could not be asked ({e.GetType().Name})");
        }

        var idToken = Text(answer, "id_token");
        var claims = new ClaimsIdentity();
        if (idToken is not null)
        {
            try
            {
                await SigningKeys.EnsureKnownAsync(options.ConfigurationManager!, idToken, clock, ct);
            }
            catch (InvalidOperationException)
            {
                return new RefreshOutcome.Unavailable("the provider's keys could not be read");
            }

            var parameters = options.TokenValidationParameters.Clone();
            parameters.ValidIssuer = metadata.Issuer;
            parameters.ValidAudience = options.ClientId;
            var result = await options.TokenHandler.ValidateTokenAsync(idToken, parameters);
            if (!result.IsValid)
            {
                return new RefreshOutcome.Ended($"the refreshed id_token was rejected: {OidcFailures.Describe(result.Exception)}");
            }

            claims = result.ClaimsIdentity;
        }

        if ((idToken is null || settings.Value.GetClaimsFromUserInfoEndpoint) && Text(answer, "access_token") is { } accessToken
            && !string.IsNullOrEmpty(metadata.UserInfoEndpoint))
        {
            if (await ProviderUserInfo.ClaimsAsync(options.Backchannel, metadata.UserInfoEndpoint, accessToken, ct) is not { } info)
            {
                return new RefreshOutcome.Unavailable("the userinfo endpoint did not answer");
            }

            claims.AddClaims(info.Where(c => c.Type != "sub" || claims.FindFirst("sub") is null));
        }

        return await ConfirmAsync(session, claims, tokens, idToken, Text(answer, "refresh_token"), ct);
    }

    /// <summary>The person the claims describe must be the session's, in the same tenant, mapped and active.</summary>
    private async Task<RefreshOutcome> ConfirmAsync(
        ClaimsPrincipal session, ClaimsIdentity claims, List<AuthenticationToken> tokens, string? idToken, string? refreshToken, CancellationToken ct)
    {
        SignInProfile profile;
        try
        {
            profile = OidcClaimMapping.ToProfile(settings.Value, claims);
        }
        catch (SignInRejectedException rejected)
        {
            return new RefreshOutcome.Ended(rejected.Message);
        }

        var sessionUser = PortalIdentity.From(session)!.UserId;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var known = await db.Users.Where(u => u.Id == sessionUser)
                .Select(u => new { u.SubjectId, Tenant = db.Tenants.Where(t => t.Id == u.TenantId).Select(t => t.Key).Single() })
                .SingleOrDefaultAsync(ct);
            if (known is null || known.SubjectId != profile.SubjectId || known.Tenant != profile.TenantKey)
            {
                return new RefreshOutcome.Ended("the provider now names another person or tenant for this session");
            }
        }

        var user = await users.UpdateFromProviderAsync(profile, ct);
        if (!user.IsActive)
        {
            return new RefreshOutcome.Ended($"user {user.Id} is deactivated");
        }

        var principal = PortalSessions.ProviderChecked(PortalSessions.Renew(session, PortalIdentity.Of(user, profile.TenantName)), clock.GetUtcNow());
        var kept = new List<AuthenticationToken>
        {
            new() { Name = "id_token", Value = idToken ?? tokens.FirstOrDefault(t => t.Name == "id_token")?.Value ?? "" },
            new() { Name = "refresh_token", Value = refreshToken ?? tokens.First(t => t.Name == "refresh_token").Value },
        };
        return new RefreshOutcome.Refreshed(principal, kept);
    }

    private static string? Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
