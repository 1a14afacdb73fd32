using System.Security.Claims;
using AdminPortal.SignIn.Oidc;
using AdminPortal.Tokens.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminPortal.SignIn;

/// <summary>What a session may do now.</summary>
public enum SessionState
{
    /// <summary>Signed in, and the user is active.</summary>
    Active = 0,

    /// <summary>Signed out (here or elsewhere), past its absolute lifetime, or the user no longer exists.</summary>
    SignedOut = 1,

    /// <summary>The user was deactivated by an administrator.</summary>
    Deactivated = 2,

    /// <summary>
    /// Still good, but the principal is out of date: the user's role or tenant changed since, or the provider's re-check
    /// is due. A request renews it (<see cref="SessionValidation"/>); an open page reloads to pick it up.
    /// </summary>
    Stale = 3,
}

/// <summary>The one check behind every request (cookie validation) and every open page (circuit): is this session still good?</summary>
internal sealed class PortalSessionCheck(
    IDbContextFactory<TokenDbContext> contexts, SignedOutSessions signedOut, TimeProvider clock, IOptions<SessionOptions> session, IOptions<OidcOptions> oidc)
{
    public async Task<SessionState> CheckAsync(ClaimsPrincipal? principal, CancellationToken ct) => (await CurrentAsync(principal, ct)).State;

    /// <summary>The session's state, and the person as the user row says they are now (null once the session is over).</summary>
    public async Task<(SessionState State, PortalIdentity? Current)> CurrentAsync(ClaimsPrincipal? principal, CancellationToken ct)
    {
        var identity = PortalIdentity.From(principal);
        if (identity is null || signedOut.HasEnded(PortalSessions.IdOf(principal)) || !WithinLifetime(principal))
        {
            return (SessionState.SignedOut, null);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var user = await db.Users.Where(u => u.Id == identity.UserId)
            .Select(u => new { u.IsActive, u.Role, u.TenantId, u.DisplayName, u.Email })
            .SingleOrDefaultAsync(ct);
        if (user is null)
        {
            return (SessionState.SignedOut, null);
        }

        if (!user.IsActive)
        {
            return (SessionState.Deactivated, null);
        }

        var current = identity with { Role = user.Role, TenantId = user.TenantId, DisplayName = user.DisplayName, Email = user.Email };
        var stale = current != identity || ProviderCheckDue(principal);
        return (stale ? SessionState.Stale : SessionState.Active, current);
    }

    /// <summary>Whether the provider should confirm this session's person again (only sessions that came from the provider).</summary>
    public bool ProviderCheckDue(ClaimsPrincipal? principal) =>
        oidc.Value.IsConfigured && PortalSessions.ProviderCheckedAt(principal) is { } at && clock.GetUtcNow() - at >= oidc.Value.RefreshInterval;

    /// <summary>A session without a start (from before the absolute lifetime existed) counts as over.</summary>
    private bool WithinLifetime(ClaimsPrincipal? principal) =>
        PortalSessions.StartedAt(principal) is { } started && clock.GetUtcNow() - started < session.Value.AbsoluteLifetime;
}
