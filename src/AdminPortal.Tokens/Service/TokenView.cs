using AdminPortal.Tokens.Model;

namespace AdminPortal.Tokens.Service;

/// <summary>What callers see of a token: never the secret or its hash.</summary>
public sealed record TokenView
{
    /// <summary>Public GUID.</summary>
    public required Guid Id { get; init; }

    /// <summary>Name.</summary>
    public required string Name { get; init; }

    /// <summary>Description.</summary>
    public required string Description { get; init; }

    /// <summary>Granted scopes.</summary>
    public required IReadOnlyList<string> Scopes { get; init; }

    /// <summary>Owner's user id.</summary>
    public required Guid OwnerId { get; init; }

    /// <summary>Owner's display name.</summary>
    public required string OwnerName { get; init; }

    /// <summary>Owner's tenant.</summary>
    public required Guid TenantId { get; init; }

    /// <summary>Creator's user id.</summary>
    public required Guid CreatedById { get; init; }

    /// <summary>Creation time.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Start of validity as set.</summary>
    public DateTimeOffset? ValidFrom { get; init; }

    /// <summary>End of validity as set.</summary>
    public DateTimeOffset? ValidTo { get; init; }

    /// <summary>Revocation time, while revoked.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>Canonical addresses and CIDR ranges calls may come from; empty for any address.</summary>
    public IReadOnlyList<string> AllowedAddresses { get; init; } = [];

    /// <summary>Calls per minute allowed on each node, or null for the tenant's default.</summary>
    public int? RateLimitPerMinute { get; init; }

    /// <summary>Last successful use.</summary>
    public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>Client address of the last use.</summary>
    public string? LastUsedFrom { get; init; }

    /// <summary>Validity now.</summary>
    public required TokenValidity Validity { get; init; }

    /// <summary>Usage now.</summary>
    public required TokenUsage Usage { get; init; }

    /// <summary>Concurrency version to send back with an edit.</summary>
    public required int Version { get; init; }

    /// <summary>Can the token authenticate right now?</summary>
    public bool IsActive => Validity == TokenValidity.Valid;

    /// <summary>Start of validity in effect (creation time when none was set).</summary>
    public DateTimeOffset ActiveFrom => ValidFrom ?? CreatedAt;

    /// <summary>End of validity in effect: the revocation time while revoked.</summary>
    public DateTimeOffset? EffectiveValidTo => RevokedAt ?? ValidTo;

    /// <summary>Whether a revoke would be accepted now: not already revoked, not expired.</summary>
    public bool CanRevoke => Validity is TokenValidity.Valid or TokenValidity.Scheduled or TokenValidity.Suspended;

    /// <summary>Whether a restore would be accepted now (revoked and its original valid-to not reached).</summary>
    public bool CanRestore { get; init; }

    /// <summary>Whether the caller this view was made for may roll the token's secret now (only its owner, only while usable).</summary>
    public bool CanRoll { get; init; }

    /// <summary>
    /// Until when the secret a roll replaced still works (its grace period, bounded by the token's validity); null when
    /// no old secret works (no roll with a grace, the grace ended, or the token was revoked).
    /// </summary>
    public DateTimeOffset? OldSecretValidUntil { get; init; }

    /// <summary>Why the caller may not roll it (the service's own refusal), or null when <see cref="CanRoll"/>.</summary>
    public string? RollRefusal { get; init; }
}
