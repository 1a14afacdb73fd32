namespace AdminPortal.Tokens.Model;

/// <summary>What a user may do in their tenant; mapped from identity-provider claims.</summary>
public enum Role
{
    /// <summary>Manages their own tokens with the scopes of a user.</summary>
    User = 0,

    /// <summary>Read-only: manages their own tokens, which can carry read scopes only.</summary>
    SecurityReader = 1,

    /// <summary>Sees and manages every token of the tenant.</summary>
    FullAdmin = 2,
}
