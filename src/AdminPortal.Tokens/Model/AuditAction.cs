namespace AdminPortal.Tokens.Model;

/// <summary>The management actions and sign-in events that are audited.</summary>
public enum AuditAction
{
    /// <summary>A token was created.</summary>
    TokenCreated = 0,

    /// <summary>A token's name, description, scopes or validity changed.</summary>
    TokenEdited = 1,

    /// <summary>A token was revoked.</summary>
    TokenRevoked = 2,

    /// <summary>A revoked token was restored.</summary>
    TokenRestored = 3,

    /// <summary>A token's secret was replaced.</summary>
    TokenRolled = 4,

    /// <summary>A token was deleted.</summary>
    TokenDeleted = 5,

    /// <summary>A user was deactivated.</summary>
    UserDeactivated = 6,

    /// <summary>A user was reactivated.</summary>
    UserReactivated = 7,

    /// <summary>A person signed in to the portal.</summary>
    SignedIn = 8,

    /// <summary>A person signed out of the portal.</summary>
    SignedOut = 9,

    /// <summary>A sign-in of a known person was refused (for example: the account is deactivated).</summary>
    SignInRefused = 10,

    /// <summary>A full admin changed the tenant's token policy.</summary>
    PolicyChanged = 11,

    /// <summary>A person made (or replaced) the key of their calendar feed of token expiries.</summary>
    CalendarFeedKeyIssued = 30,

    /// <summary>A person revoked the key of their calendar feed.</summary>
    CalendarFeedKeyRevoked = 31,
    /// <summary>A secret rolled away from a token was used after its grace period ended: it may have leaked.</summary>
    SecretReused = 12,
}
