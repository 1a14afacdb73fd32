using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;

namespace AdminPortal.SignIn;

/// <summary>
/// Each sign-in starts a session with its own id, so that signing out can end that session everywhere it is open.
/// The session's claims also carry when it started (for the absolute lifetime) and, for sessions of the provider, when
/// the provider last confirmed the person's role and tenant: open pages see only the claims, not the cookie.
/// </summary>
internal static class PortalSessions
{
    private const string SessionIdClaim = "adminportal:session_id";
    private const string StartedClaim = "adminportal:session_started";
    private const string ProviderCheckedClaim = "adminportal:provider_checked";

    /// <summary>The principal of a new session of <paramref name="identity"/>.</summary>
    public static ClaimsPrincipal Start(PortalIdentity identity, string authenticationType)
    {
        var principal = identity.ToPrincipal(authenticationType);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(SessionIdClaim, Base64UrlTextEncoder.Encode(RandomNumberGenerator.GetBytes(16))));
        return principal;
    }

    /// <summary>The session id of a principal made by <see cref="Start"/>, or null.</summary>
    public static string? IdOf(ClaimsPrincipal? principal) => principal?.FindFirstValue(SessionIdClaim);

    /// <summary>Stamps the session's start on a principal being signed in, unless it has one.</summary>
    public static void MarkStarted(ClaimsPrincipal principal, DateTimeOffset now)
    {
        if (StartedAt(principal) is null && principal.Identity is ClaimsIdentity identity)
        {
            identity.AddClaim(new Claim(StartedClaim, Format(now)));
        }
    }

    /// <summary>When the session started, or null for a principal that does not say.</summary>
    public static DateTimeOffset? StartedAt(ClaimsPrincipal? principal) => Parse(principal?.FindFirstValue(StartedClaim));

    /// <summary>When the provider last confirmed the person; null for sessions that do not come from the provider.</summary>
    public static DateTimeOffset? ProviderCheckedAt(ClaimsPrincipal? principal) => Parse(principal?.FindFirstValue(ProviderCheckedClaim));

    /// <summary>Stamps a principal with the time the provider confirmed the person.</summary>
    public static ClaimsPrincipal ProviderChecked(ClaimsPrincipal principal, DateTimeOffset at)
    {
        var identity = (ClaimsIdentity)principal.Identity!;
        foreach (var old in identity.FindAll(ProviderCheckedClaim).ToList())
        {
            identity.RemoveClaim(old);
        }

        identity.AddClaim(new Claim(ProviderCheckedClaim, Format(at)));
        return principal;
    }

    /// <summary>The same session (id, start, provider check) with the person as <paramref name="identity"/> now is.</summary>
    public static ClaimsPrincipal Renew(ClaimsPrincipal session, PortalIdentity identity)
    {
        var principal = identity.ToPrincipal(session.Identity?.AuthenticationType ?? "Cookies");
        var claims = (ClaimsIdentity)principal.Identity!;
        foreach (var type in new[] { SessionIdClaim, StartedClaim, ProviderCheckedClaim })
        {
            if (session.FindFirst(type) is { } claim)
            {
                claims.AddClaim(new Claim(type, claim.Value));
            }
        }

        return principal;
    }

    private static string Format(DateTimeOffset at) => at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    private static DateTimeOffset? Parse(string? value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
