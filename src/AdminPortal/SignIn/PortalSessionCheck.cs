using System.Security.Claims;
using AdminPortal.Tokens.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.SignIn;

/// <summary>What a session may do now.</summary>
public enum SessionState
{
    /// <summary>Signed in, and the user is active.</summary>
    Active = 0,

    /// <summary>Signed out (here or elsewhere), or the user no longer exists.</summary>
    SignedOut = 1,

    /// <summary>The user was deactivated by an administrator.</summary>
    Deactivated = 2,
}

/// <summary>The one check behind every request (cookie validation) and every open page (circuit): is this session still good?</summary>
internal sealed class PortalSessionCheck(IDbContextFactory<TokenDbContext> contexts, SignedOutSessions signedOut)
{
    public async Task<SessionState> CheckAsync(ClaimsPrincipal? principal, CancellationToken ct)
    {
        var identity = PortalIdentity.From(principal);
        if (identity is null || signedOut.HasEnded(PortalSessions.IdOf(principal)))
        {
            return SessionState.SignedOut;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var active = await db.Users.Where(u => u.Id == identity.UserId).Select(u => (bool?)u.IsActive).SingleOrDefaultAsync(ct);
        return active switch
        {
            true => SessionState.Active,
            false => SessionState.Deactivated,
            null => SessionState.SignedOut,
        };
    }
}
