namespace AdminPortal.Tokens.Model;

/// <summary>
/// A tenant's rules for its tokens, as a value: what <see cref="TenantPolicy"/> stores and what a full admin submits.
/// Null numbers mean "no limit" (or "off"); <see cref="Defaults"/> is what a tenant without a stored policy has.
/// </summary>
public sealed record TenantPolicySettings
{
    /// <summary>The policy of a tenant that never changed it: no limits beyond the portal's configuration.</summary>
    public static readonly TenantPolicySettings Defaults = new();

    /// <summary>A new or edited token must end within this many days of now; null: no maximum.</summary>
    public int? MaxLifetimeDays { get; init; }

    /// <summary>Every new or edited token must have an end of validity.</summary>
    public bool RequireExpiry { get; init; }

    /// <summary>Only full admins may create tokens (stored on the tenant, surfaced here).</summary>
    public bool OnlyAdminsCreateTokens { get; init; }

    /// <summary>The most usable tokens one person may hold; null: the portal's configured maximum.</summary>
    public int? MaxUsableTokensPerPerson { get; init; }

    /// <summary>
    /// Which scopes a member of each role may put in tokens, within what the role holds; a role absent from the map may
    /// use every scope it holds.
    /// </summary>
    public IReadOnlyDictionary<Role, IReadOnlyList<string>> ScopesByRole { get; init; } = new Dictionary<Role, IReadOnlyList<string>>();

    /// <summary>Owners are told this many days before a token expires; 0: no advance notice.</summary>
    public int ExpiryNoticeDays { get; init; } = 7;

    /// <summary>Owners are told on the day a token expires.</summary>
    public bool NoticeOnExpiryDay { get; init; } = true;

    /// <summary>Full admins receive a daily digest of the tenant's tokens that expire soon.</summary>
    public bool AdminDigest { get; init; }

    /// <summary>The longest grace period a roll may give the old secret, in hours; null: the longest the portal offers.</summary>
    public int? MaxRotationGraceHours { get; init; }

    /// <summary>A rolled-away secret used after its grace period revokes the token at once.</summary>
    public bool RevokeOnSecretReuse { get; init; }

    /// <summary>Tokens unused for this many days (never-used ones counted from creation) are revoked; null: never.</summary>
    public int? CleanupUnusedAfterDays { get; init; }

    /// <summary>A token with a write scope must carry an address allow-list.</summary>
    public bool RequireAllowListForWriteScopes { get; init; }

    /// <summary>The calls per minute of a token that sets no limit of its own; null: unlimited.</summary>
    public int? DefaultRateLimitPerMinute { get; init; }
}
