namespace AdminPortal.Tokens.Verification;

/// <summary>The answer of a verification.</summary>
public enum VerifyOutcome
{
    /// <summary>The token authenticates; the identity is set.</summary>
    Valid = 0,

    /// <summary>Not a well-formed secret (prefix, length, alphabet or checksum); the database was not asked.</summary>
    Malformed = 1,

    /// <summary>Well-formed, but no token has this secret (never existed, deleted, or rolled).</summary>
    Unknown = 2,

    /// <summary>Valid-from is in the future.</summary>
    NotYetValid = 3,

    /// <summary>Valid-to has passed.</summary>
    Expired = 4,

    /// <summary>Revoked.</summary>
    Revoked = 5,

    /// <summary>The owner is deactivated: "permission denied".</summary>
    OwnerDeactivated = 6,

    /// <summary>A valid token called from an address its allow-list does not include.</summary>
    AddressNotAllowed = 7,

    /// <summary>A valid token over its calls per minute on this node; <see cref="Verification.RetryAfter"/> says when to retry.</summary>
    RateLimited = 8,
}
