namespace AdminPortal.Tokens.Model;

/// <summary>The management actions that are audited.</summary>
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
}
