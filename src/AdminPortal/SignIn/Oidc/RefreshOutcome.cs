using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace AdminPortal.SignIn.Oidc;

/// <summary>What the provider said when the portal checked a session's person again.</summary>
internal abstract record RefreshOutcome
{
    /// <summary>The person is still there: the session's principal as they are now, and the tokens to keep.</summary>
    public sealed record Refreshed(ClaimsPrincipal Principal, IReadOnlyList<AuthenticationToken> Tokens) : RefreshOutcome;

    /// <summary>The provider refused (the person is gone, their grant revoked) or its answer does not allow the session.</summary>
    public sealed record Ended(string Reason) : RefreshOutcome;

    /// <summary>The provider could not be asked (unreachable, server error); the session may go on for a while.</summary>
    public sealed record Unavailable(string Reason) : RefreshOutcome;
}
