namespace AdminPortal.Tokens.Service;

/// <summary>Why a token operation was refused.</summary>
public enum TokenErrorCode
{
    /// <summary>A field is missing or out of range; <see cref="TokenError.Field"/> names it.</summary>
    Invalid = 0,

    /// <summary>No such token or user, or not one the caller may see.</summary>
    NotFound = 1,

    /// <summary>The caller may see it but not do this (deactivated, read-only, not the owner).</summary>
    Forbidden = 2,

    /// <summary>The owner already has a token with this name.</summary>
    NameTaken = 3,

    /// <summary>The supplied GUID is already used by a token.</summary>
    GuidTaken = 4,

    /// <summary>The owner already holds the maximum number of usable tokens.</summary>
    LimitReached = 5,

    /// <summary>A scope is not one the API knows.</summary>
    ScopeUnknown = 6,

    /// <summary>A scope is not held by the issuer (or the owner).</summary>
    ScopeNotHeld = 7,

    /// <summary>Someone else changed the token since it was read.</summary>
    Conflict = 8,

    /// <summary>The token is not in a state that allows this (revoking an inactive token, restoring an expired one).</summary>
    InvalidState = 9,

    /// <summary>The store cannot be written at present (disk full, read-only); nothing was changed. Try again later.</summary>
    StorageUnavailable = 10,
}
