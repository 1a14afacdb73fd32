namespace AdminPortal.Tokens.Verification;

/// <summary>
/// A committed change that verification must see at once: one token's (revoke, restore, roll, edit, delete, create)
/// or everything that depends on one owner (deactivate, reactivate, a new role or name at sign-in).
/// </summary>
public readonly record struct TokenChange(Guid? TokenId, Guid? OwnerId)
{
    /// <summary>A change of one token.</summary>
    public static TokenChange OfToken(Guid tokenId) => new(tokenId, null);

    /// <summary>A change of an owner that affects all of their tokens.</summary>
    public static TokenChange OfOwner(Guid ownerId) => new(null, ownerId);
}
