namespace AdminPortal.Tokens.Options;

/// <summary>One permission of the API that tokens call.</summary>
public sealed class ScopeDefinition
{
    /// <summary>Name, for example "tokens:read".</summary>
    public string Name { get; set; } = "";

    /// <summary>True if the scope lets a caller change data.</summary>
    public bool Write { get; set; }

    /// <summary>What the scope allows, for people choosing scopes.</summary>
    public string Description { get; set; } = "";
}
