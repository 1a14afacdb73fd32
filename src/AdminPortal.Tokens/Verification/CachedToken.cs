using AdminPortal.Tokens.Guard;
using AdminPortal.Tokens.Model;

namespace AdminPortal.Tokens.Verification;

/// <summary>
/// What the cache keeps for one secret hash: the token's validity window, revocation and owner status (judged
/// against the clock on every call, so expiry and valid-from need no invalidation) and the ready identity; or,
/// for a hash no token has, only that fact.
/// </summary>
internal sealed class CachedToken
{
    private static readonly Verification[] Refusals = [.. Enum.GetValues<VerifyOutcome>().Select(o => new Verification(o))];

    private readonly DateTimeOffset? _revokedAt;
    private readonly DateTimeOffset? _validFrom;
    private readonly DateTimeOffset? _validTo;
    private readonly bool _ownerActive;
    private readonly Verification? _valid;
    private readonly CompiledAllowList? _allowed;
    private readonly RateBucket? _bucket;

    // Set by look-ups, cleared by eviction passing by (see ClockQueue). A plain field: a lost update only costs or grants
    // one second chance, and the warm look-up stays a read (a write only when not yet marked).
    private bool _used;

    private CachedToken(DateTimeOffset expiresAt) => ExpiresAt = expiresAt;

    // A rolled-away secret's entry: until when it works (null for a token's current secret), and its token's own end.
    private readonly DateTimeOffset? _graceUntil;
    private readonly DateTimeOffset? _tokenValidTo;

    // When a use after the grace was last reported from this entry (ticks of the verification clock), so that a flood of
    // reuse reports at most once a minute per entry.
    private long _reuseReportedAt;

    private CachedToken(ApiToken token, TokenIdentity identity, DateTimeOffset expiresAt, RateBucket? bucket, RetiredSecret? retired = null)
        : this(expiresAt)
    {
        _allowed = CompiledAllowList.From(token.AllowedAddresses);
        _bucket = bucket;
        TokenId = token.Id;
        OwnerId = token.OwnerId;
        _revokedAt = token.RevokedAt;
        _validFrom = token.ValidFrom;
        _tokenValidTo = token.ValidTo;

        // An old secret answers as its token until its grace ends: the window check of every call covers both.
        _validTo = retired is null || (token.ValidTo is { } end && end < retired.GraceUntil) ? token.ValidTo : retired.GraceUntil;
        _graceUntil = retired?.GraceUntil;
        SecretHash = retired?.SecretHash;
        _ownerActive = token.Owner.IsActive;
        _valid = new Verification(VerifyOutcome.Valid, identity);
    }

    /// <summary>The token, or null for an unknown hash.</summary>
    public Guid? TokenId { get; }

    /// <summary>The token's owner, or null for an unknown hash.</summary>
    public Guid? OwnerId { get; }

    /// <summary>When the entry must be read again from the database.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>Whether this entry says "no token has this hash".</summary>
    public bool IsUnknown => _valid is null;

    /// <summary>Whether the hash is a secret that a roll replaced (it works only during its grace period).</summary>
    public bool IsRetired => _graceUntil is not null;

    /// <summary>The replaced secret's hash, for a retired entry.</summary>
    public string? SecretHash { get; }

    public static CachedToken Unknown(DateTimeOffset expiresAt) => new(expiresAt);

    public static CachedToken Of(ApiToken token, TokenIdentity identity, DateTimeOffset expiresAt, RateBucket? bucket = null) =>
        new(token, identity, expiresAt, bucket);

    /// <summary>Whether the entry restricts where calls come from or how often (false for most tokens: nothing to check).</summary>
    public bool IsGuarded => _allowed is not null || _bucket is not null;

    /// <summary>
    /// The answer for a valid token's call from <paramref name="clientAddress"/>: <paramref name="valid"/> itself, or the
    /// refusal of its allow-list or rate limit. The address is read only when there is an allow-list.
    /// </summary>
    public Verification Guard(Verification valid, string? clientAddress, DateTimeOffset now)
    {
        if (_allowed is not null && !_allowed.Allows(clientAddress))
        {
            return Refusal(VerifyOutcome.AddressNotAllowed);
        }

        if (_bucket is not null && !_bucket.TryTake(now.UtcTicks, out var retryAfter))
        {
            return new Verification(VerifyOutcome.RateLimited) { RetryAfter = retryAfter };
        }

        return valid;
    }

    /// <summary>The entry of <paramref name="retired"/>, a secret a roll replaced: its token's answer until its grace ends.</summary>
    public static CachedToken OfRetired(ApiToken token, RetiredSecret retired, TokenIdentity identity, DateTimeOffset expiresAt, RateBucket? bucket = null) =>
        new(token, identity, expiresAt, bucket, retired);

    /// <summary>
    /// Whether a use at <paramref name="now"/> is the reuse of a rolled-away secret after its grace period, on a token
    /// still usable (a revoked or expired token refuses every secret anyway), to be reported now: at most once a minute
    /// per entry, whatever the rate of calls.
    /// </summary>
    public bool TakeReuseReport(DateTimeOffset now)
    {
        if (_graceUntil is not { } grace || now < grace || _revokedAt is not null || (_tokenValidTo is { } end && end <= now))
        {
            return false;
        }

        var last = Interlocked.Read(ref _reuseReportedAt);
        return now.UtcTicks - last >= TimeSpan.TicksPerMinute && Interlocked.CompareExchange(ref _reuseReportedAt, now.UtcTicks, last) == last;
    }

    /// <summary>Notes a look-up, for eviction.</summary>
    public void MarkUsed()
    {
        if (!_used)
        {
            _used = true;
        }
    }

    /// <summary>Whether it was looked up since the last call; clears the mark.</summary>
    public bool TakeUse()
    {
        var used = _used;
        _used = false;
        return used;
    }

    /// <summary>A verification answer without the database.</summary>
    public static Verification Refusal(VerifyOutcome outcome) => Refusals[(int)outcome];

    /// <summary>The answer at <paramref name="now"/>.</summary>
    public Verification VerifyAt(DateTimeOffset now)
    {
        if (_valid is null)
        {
            return Refusal(VerifyOutcome.Unknown);
        }

        return TokenStatus.Validity(_revokedAt, _validFrom, _validTo, _ownerActive, now) switch
        {
            TokenValidity.Valid => _valid,
            TokenValidity.Scheduled => Refusal(VerifyOutcome.NotYetValid),
            TokenValidity.Expired => Refusal(VerifyOutcome.Expired),
            TokenValidity.Revoked => Refusal(VerifyOutcome.Revoked),
            TokenValidity.Suspended => Refusal(VerifyOutcome.OwnerDeactivated),
        };
    }

    /// <summary>Whether <paramref name="change"/> makes this entry stale.</summary>
    public bool IsAffectedBy(TokenChange change) =>
        (change.TokenId is { } token && token == TokenId) || (change.OwnerId is { } owner && owner == OwnerId);
}
