namespace AdminPortal.Tokens.Service;

/// <summary>What a caller submits to create or edit a token, before validation.</summary>
public sealed record TokenDraft
{
    /// <summary>Name (required).</summary>
    public string? Name { get; init; }

    /// <summary>Description (optional).</summary>
    public string? Description { get; init; }

    /// <summary>Scopes (at least one).</summary>
    public IReadOnlyCollection<string>? Scopes { get; init; }

    /// <summary>Start of validity; null for "from creation".</summary>
    public DateTimeOffset? ValidFrom { get; init; }

    /// <summary>End of validity; null for "never expires".</summary>
    public DateTimeOffset? ValidTo { get; init; }

    /// <summary>On create only: the GUID the form pre-generated; null to let the service choose.</summary>
    public Guid? Id { get; init; }

    /// <summary>On create only: the user who will own the token; null for the caller. Only full admins create for others.</summary>
    public Guid? OwnerId { get; init; }

    /// <summary>
    /// When the change is made with an API token: that token's effective scopes. A scope being granted must be among them
    /// as well, so that a token can never create or edit a token stronger than itself. Null in the portal and the command line.
    /// </summary>
    public IReadOnlySet<string>? GrantableWithin { get; init; }
}
