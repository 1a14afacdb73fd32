using AdminPortal.Tokens.Model;

namespace AdminPortal.Tokens.Service;

/// <summary>Builds <see cref="TokenView"/>s, computing statuses with <see cref="TokenStatus"/>.</summary>
internal static class TokenViews
{
    /// <summary>The view of <paramref name="t"/> for <paramref name="viewerId"/>: what it offers depends on who looks.</summary>
    public static TokenView From(ApiToken t, PortalUser owner, Guid viewerId, DateTimeOffset now, TimeSpan usageWindow, DateTimeOffset? oldSecretValidUntil = null)
    {
        var validity = t.ValidityAt(now, owner.IsActive);
        var rollRefusal = TokenOffers.RollRefusal(viewerId, t, now);
        return new TokenView
        {
            Id = t.Id,
            Name = t.Name,
            Description = t.Description,
            Scopes = t.Scopes,
            OwnerId = t.OwnerId,
            OwnerName = owner.DisplayName,
            TenantId = t.TenantId,
            CreatedById = t.CreatedById,
            CreatedAt = t.CreatedAt,
            ValidFrom = t.ValidFrom,
            ValidTo = t.ValidTo,
            RevokedAt = t.RevokedAt,
            AllowedAddresses = t.AllowedAddresses ?? [],
            RateLimitPerMinute = t.RateLimitPerMinute,
            LastUsedAt = t.LastUsedAt,
            LastUsedFrom = t.LastUsedFrom,
            Validity = validity,
            Usage = TokenStatus.Usage(t.LastUsedAt, now, usageWindow),
            Version = t.Version,
            CanRestore = validity == TokenValidity.Revoked && (t.ValidTo is null || t.ValidTo > now),
            CanRoll = rollRefusal is null,
            RollRefusal = rollRefusal?.Message,
            OldSecretValidUntil = oldSecretValidUntil,
        };
    }
}
