namespace AdminPortal.Tokens.Model;

/// <summary>
/// The status rules, in one place. The query filters in <see cref="Service.TokenFilters"/> express the
/// same rules for the database; a test proves that both agree.
/// </summary>
public static class TokenStatus
{
    /// <summary>Validity at <paramref name="now"/>: revoked, expired, suspended, scheduled or valid, in that order.</summary>
    public static TokenValidity Validity(DateTimeOffset? revokedAt, DateTimeOffset? validFrom, DateTimeOffset? validTo, bool ownerActive, DateTimeOffset now)
    {
        if (revokedAt is not null)
        {
            return TokenValidity.Revoked;
        }

        if (validTo is { } end && end <= now)
        {
            return TokenValidity.Expired;
        }

        if (!ownerActive)
        {
            return TokenValidity.Suspended;
        }

        return validFrom is { } start && start > now ? TokenValidity.Scheduled : TokenValidity.Valid;
    }

    /// <summary>Usage: never used, used within <paramref name="window"/>, or used longer ago.</summary>
    public static TokenUsage Usage(DateTimeOffset? lastUsedAt, DateTimeOffset now, TimeSpan window) =>
        lastUsedAt switch
        {
            null => TokenUsage.Generated,
            { } used when used > now - window => TokenUsage.Active,
            _ => TokenUsage.Inactive,
        };

    /// <summary>
    /// Expiring soon: not revoked and ending after <paramref name="now"/> but no later than <paramref name="within"/> after
    /// it (the tenant's expiry notice period).
    /// </summary>
    public static bool IsExpiringSoon(DateTimeOffset? revokedAt, DateTimeOffset? validTo, DateTimeOffset now, TimeSpan within) =>
        revokedAt is null && validTo is { } end && end > now && end <= now + within;

    /// <summary>Counts against the per-owner limit: not revoked and not expired.</summary>
    public static bool IsUsable(DateTimeOffset? revokedAt, DateTimeOffset? validTo, DateTimeOffset now) =>
        revokedAt is null && (validTo is null || validTo > now);
}
