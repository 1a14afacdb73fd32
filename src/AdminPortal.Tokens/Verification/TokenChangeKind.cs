namespace AdminPortal.Tokens.Verification;

/// <summary>What a change published through <see cref="TokenChanges"/> did (counted by kind in the telemetry).</summary>
public enum TokenChangeKind
{
    /// <summary>Not said by the publisher.</summary>
    Other = 0,

    /// <summary>A token was created.</summary>
    Created,

    /// <summary>A token's name, description, scopes or dates changed.</summary>
    Edited,

    /// <summary>A token was revoked.</summary>
    Revoked,

    /// <summary>A revoked token was restored.</summary>
    Restored,

    /// <summary>A token's secret was replaced.</summary>
    Rolled,

    /// <summary>A token was deleted.</summary>
    Deleted,

    /// <summary>An owner was deactivated: all of their tokens stop.</summary>
    OwnerDeactivated,

    /// <summary>An owner was reactivated.</summary>
    OwnerReactivated,

    /// <summary>An owner's role or name changed (at sign-in): their tokens' effective scopes or identity.</summary>
    OwnerChanged,
}
