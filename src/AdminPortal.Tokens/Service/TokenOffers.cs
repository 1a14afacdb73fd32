using AdminPortal.Tokens.Model;

namespace AdminPortal.Tokens.Service;

/// <summary>
/// Rules that decide both what the service accepts and what it offers: the same code refuses the action and fills
/// the view's flag, so a screen can never offer what the service would refuse.
/// </summary>
internal static class TokenOffers
{
    /// <summary>Why <paramref name="actorId"/> may not roll <paramref name="token"/> now, or null when a roll would be accepted.</summary>
    public static TokenError? RollRefusal(Guid actorId, ApiToken token, DateTimeOffset now) =>
        token.OwnerId != actorId
            // A roll hands out a working secret: an admin must not obtain another user's.
            ? TokenError.Forbidden("Only the token's owner can roll its secret; revoke it instead.")
            : !token.IsUsableAt(now)
                ? new TokenError(TokenErrorCode.InvalidState, $"'{token.Name}' is revoked or expired; restore it or create a new token.")
                : null;
}
