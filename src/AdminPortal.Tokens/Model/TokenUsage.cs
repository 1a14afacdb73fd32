namespace AdminPortal.Tokens.Model;

/// <summary>How recently a token was used (the 7-day rule, configurable).</summary>
public enum TokenUsage
{
    /// <summary>Never used.</summary>
    Generated = 0,

    /// <summary>Used within the usage window.</summary>
    Active = 1,

    /// <summary>Used, but not within the usage window.</summary>
    Inactive = 2,
}
