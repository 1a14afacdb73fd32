namespace AdminPortal.Tokens.Model;

/// <summary>Whether a token can authenticate, and if not, why.</summary>
public enum TokenValidity
{
    /// <summary>Valid-from is still in the future.</summary>
    Scheduled = 0,

    /// <summary>Can authenticate now.</summary>
    Valid = 1,

    /// <summary>Valid-to has passed.</summary>
    Expired = 2,

    /// <summary>Revoked; restorable until its original valid-to.</summary>
    Revoked = 3,

    /// <summary>The owner is deactivated; calls get "permission denied".</summary>
    Suspended = 4,
}
