using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tokens.Service;

public sealed partial class TokenService
{
    /// <summary>
    /// The owner of a token being created: the caller, or (for full admins only) an active user of the caller's tenant.
    /// A user of another tenant is "not found", so that its existence does not leak.
    /// </summary>
    private static async Task<Result<PortalUser>> LoadOwnerAsync(TokenDbContext db, PortalUser actor, Guid? ownerId, CancellationToken ct)
    {
        if (ownerId is not { } id || id == actor.Id)
        {
            return actor;
        }

        if (actor.Role != Role.FullAdmin)
        {
            return TokenError.Forbidden("Only full admins can create tokens for another user.");
        }

        var owner = await db.Users.SingleOrDefaultAsync(u => u.Id == id && u.TenantId == actor.TenantId, ct);
        if (owner is null)
        {
            return TokenError.NotFound("User");
        }

        return owner.IsActive ? owner : OwnerDeactivated(owner, actor);
    }

    /// <summary>The refusal of a token for a deactivated owner: the caller themself, or another person.</summary>
    private static TokenError OwnerDeactivated(PortalUser owner, PortalUser actor) =>
        TokenError.Forbidden(owner.Id == actor.Id ? "Your account is deactivated." : $"{owner.DisplayName} is deactivated and cannot own new tokens.");
}
