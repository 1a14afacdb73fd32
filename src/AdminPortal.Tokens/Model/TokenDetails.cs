namespace AdminPortal.Tokens.Model;

/// <summary>
/// The editable part of a token after validation: a trimmed name, a description, a sorted set of
/// known scopes and a validity window. Only <see cref="Service.TokenRules"/> creates one.
/// </summary>
public sealed record TokenDetails
{
    internal TokenDetails(
        string name, string description, IReadOnlyList<string> scopes, DateTimeOffset? validFrom, DateTimeOffset? validTo,
        IReadOnlyList<string>? allowedAddresses = null, int? rateLimitPerMinute = null)
    {
        AllowedAddresses = allowedAddresses ?? [];
        RateLimitPerMinute = rateLimitPerMinute;
        Name = name;
        Description = description;
        Scopes = scopes;
        ValidFrom = validFrom;
        ValidTo = validTo;
    }

    /// <summary>Trimmed name, 1-100 characters.</summary>
    public string Name { get; }

    /// <summary>Trimmed description, up to 500 characters (may be empty).</summary>
    public string Description { get; }

    /// <summary>Distinct known scopes, sorted ordinally.</summary>
    public IReadOnlyList<string> Scopes { get; }

    /// <summary>Start of validity (UTC), or null for "from creation".</summary>
    public DateTimeOffset? ValidFrom { get; }

    /// <summary>End of validity (UTC), or null for "never expires".</summary>
    public DateTimeOffset? ValidTo { get; }

    /// <summary>Canonical addresses and CIDR ranges calls may come from; empty for any address.</summary>
    public IReadOnlyList<string> AllowedAddresses { get; }

    /// <summary>Calls per minute allowed on each node, or null for the tenant's default.</summary>
    public int? RateLimitPerMinute { get; }
}
