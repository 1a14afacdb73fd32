namespace AdminPortal.Tokens.Verification;

/// <summary>Who a verified token acts for, and with which scopes now.</summary>
public sealed record TokenIdentity(
    Guid TokenId,
    string Name,
    Guid TenantId,
    Guid OwnerId,
    string OwnerName,
    IReadOnlySet<string> EffectiveScopes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidTo);

/// <summary>The outcome of <see cref="TokenVerifier.VerifyAsync"/>, with the identity when valid.</summary>
public sealed record Verification(VerifyOutcome Outcome, TokenIdentity? Identity = null)
{
    /// <summary>For <see cref="VerifyOutcome.RateLimited"/>: how long until the token may call again.</summary>
    public TimeSpan RetryAfter { get; init; }

    /// <summary>Whether the token authenticates.</summary>
    public bool IsValid => Outcome == VerifyOutcome.Valid;
}
