namespace AdminPortal.Tokens.Model;

/// <summary>
/// The editable part of a token after validation: a trimmed name, a description, a sorted set of
/// known scopes and a validity window. Only <see cref="Service.TokenRules"/> creates one.
/// </summary>
public sealed record TokenDetails
{
    internal TokenDetails(string name, string description, IReadOnlyList<string> scopes, DateTimeOffset? validFrom, DateTimeOffset? validTo)
    {
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
}
