using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;

namespace AdminPortal.SignIn;

/// <summary>Each sign-in starts a session with its own id, so that signing out can end that session everywhere it is open.</summary>
internal static class PortalSessions
{
    private const string SessionIdClaim = "adminportal:session_id";

    /// <summary>The principal of a new session of <paramref name="identity"/>.</summary>
    public static ClaimsPrincipal Start(PortalIdentity identity, string authenticationType)
    {
        var principal = identity.ToPrincipal(authenticationType);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(SessionIdClaim, Base64UrlTextEncoder.Encode(RandomNumberGenerator.GetBytes(16))));
        return principal;
    }

    /// <summary>The session id of a principal made by <see cref="Start"/>, or null.</summary>
    public static string? IdOf(ClaimsPrincipal? principal) => principal?.FindFirstValue(SessionIdClaim);
}
