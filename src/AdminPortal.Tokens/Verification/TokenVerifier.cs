using AdminPortal.Tokens.Guard;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Options;
using AdminPortal.Tokens.Persistence;
using AdminPortal.Tokens.Secrets;
using AdminPortal.Tokens.Service;
using AdminPortal.Tokens.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminPortal.Tokens.Verification;

/// <summary>
/// Verifies presented secrets: malformed input and bad checksums are rejected before the database is asked;
/// a valid token's effective scopes are its scopes intersected with what its owner holds now. Answers come from
/// the <see cref="VerificationCache"/> when it has the hash, so a warm call costs a hash and a look-up.
/// </summary>
public sealed class TokenVerifier(
    IDbContextFactory<TokenDbContext> contexts,
    TokenSecrets secrets,
    ScopeCatalog catalog,
    UsageRecorder usage,
    VerificationCache cache,
    TokenRateLimiter limits,
    IOptions<TokenOptions> options,
    TimeProvider clock,
    PortalTelemetry telemetry,
    SecretReuseDetector reuse)
{
    private readonly TimeSpan _tokenLifetime = options.Value.VerificationCacheDuration;
    private readonly TimeSpan _unknownLifetime = options.Value.UnknownSecretCacheDuration;

    /// <summary>Verifies <paramref name="presented"/>; a valid call is recorded as usage from <paramref name="clientAddress"/>.</summary>
    public ValueTask<Verification> VerifyAsync(string? presented, string? clientAddress, CancellationToken ct = default)
    {
        // The warm path allocates nothing for the hash: it is written on the stack and looked up as a span.
        var startedAt = telemetry.StartVerification();
        Span<char> hash = stackalloc char[SecretHasher.HashLength];
        if (presented is null || !secrets.TryHash(presented, hash))
        {
            return new(Malformed());
        }

        var now = clock.GetUtcNow();
        return cache.Find(hash, now, out _) is { } entry
            ? new(Answer(entry, now, clientAddress, startedAt))
            : new(LoadAndAnswerAsync(new string(hash), now, clientAddress, telemetry.StartMiss(startedAt), ct));
    }

    /// <summary>
    /// Verifies <paramref name="presented"/> as <see cref="VerifyAsync"/> does when the database is not needed (a malformed
    /// secret, a cached answer); null when only the database can answer. Then <paramref name="wasToken"/> says whether the
    /// secret belonged to a token when it was last read (its cached answer has lapsed), which a made-up secret never does.
    /// </summary>
    public Verification? VerifyFromMemory(string? presented, string? clientAddress, out bool wasToken)
    {
        var startedAt = telemetry.StartVerification();
        Span<char> hash = stackalloc char[SecretHasher.HashLength];
        if (presented is null || !secrets.TryHash(presented, hash))
        {
            wasToken = false;
            return Malformed();
        }

        // A miss is not counted here: the caller asks VerifyAsync next (or refuses before the database), which counts it.
        var now = clock.GetUtcNow();
        return cache.Find(hash, now, out wasToken) is { } entry ? Answer(entry, now, clientAddress, startedAt) : null;
    }

    private Verification Malformed()
    {
        telemetry.Verified(VerifyOutcome.Malformed, PortalTelemetry.CacheResult.None);
        return CachedToken.Refusal(VerifyOutcome.Malformed);
    }

    private async Task<Verification> LoadAndAnswerAsync(string hash, DateTimeOffset now, string? clientAddress, long startedAt, CancellationToken ct) =>
        Answer(await LoadAsync(hash, now, ct), now, clientAddress, startedAt, PortalTelemetry.CacheResult.Miss);

    private Verification Answer(
        CachedToken entry, DateTimeOffset now, string? clientAddress, long startedAt, PortalTelemetry.CacheResult cacheResult = PortalTelemetry.CacheResult.Hit)
    {
        var verification = entry.VerifyAt(now);
        if (verification.Identity is { } identity)
        {
            if (entry.IsGuarded)
            {
                verification = entry.Guard(verification, clientAddress, now);
            }

            if (verification.IsValid)
            {
                usage.Record(identity.TokenId, now, clientAddress);
            }
            else
            {
                usage.Refused(identity.TokenId, RefusalOf(verification.Outcome), now);
            }
        }
        else if (entry.IsRetired)
        {
            // Only refusals get here: a rolled-away secret past its grace answers as any unknown secret, and its use is
            // handed over to be recorded as a possible leak (a queue write at most once a minute per entry; never waits).
            verification = CachedToken.Refusal(VerifyOutcome.Unknown);
            if (entry.TakeReuseReport(now))
            {
                reuse.Report(new SecretReuse(entry.SecretHash!, entry.TokenId!.Value, now, clientAddress));
            }
        }
        else if (entry.TokenId is { } refused)
        {
            usage.Refused(refused, RefusalOf(verification.Outcome), now);
        }

        telemetry.Verified(verification.Outcome, cacheResult);
        if (startedAt != 0)
        {
            telemetry.VerificationTook(startedAt, cacheResult);
        }

        return verification;
    }

    /// <summary>The daily counters' reason for a refusal of a known token.</summary>
    private static string RefusalOf(VerifyOutcome outcome) => outcome switch
    {
        VerifyOutcome.Expired => CallOutcome.Expired,
        VerifyOutcome.Revoked => CallOutcome.Revoked,
        VerifyOutcome.NotYetValid => CallOutcome.NotYetValid,
        VerifyOutcome.OwnerDeactivated => CallOutcome.OwnerDeactivated,
        VerifyOutcome.AddressNotAllowed => CallOutcome.AddressNotAllowed,
        VerifyOutcome.RateLimited => CallOutcome.RateLimited,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Not a refusal of a known token."),
    };

    private async Task<CachedToken> LoadAsync(string hash, DateTimeOffset now, CancellationToken ct)
    {
        var generation = cache.Generation;
        await using var db = await contexts.CreateDbContextAsync(ct);
        // One read: the token, its owner and its tenant's default rate limit (a correlated subquery).
        var found = await db.Tokens.AsNoTracking().Include(t => t.Owner).Where(t => t.SecretHash == hash)
            .Select(t => new { Token = t, DefaultLimit = db.Policies.Where(p => p.TenantId == t.TenantId).Select(p => p.DefaultRateLimitPerMinute).FirstOrDefault() })
            .SingleOrDefaultAsync(ct);
        CachedToken entry;
        if (found is { Token: var token } && SecretHasher.Matches(token.SecretHash, hash))
        {
            entry = CachedToken.Of(token, IdentityOf(token), now + _tokenLifetime, limits.BucketFor(token.Id, token.RateLimitPerMinute ?? found.DefaultLimit));
        }
        else if (await FindRetiredAsync(db, hash, ct) is var (retired, owner) && SecretHasher.Matches(retired.SecretHash, hash))
        {
            // Not a current secret: one a roll replaced, looked up only now (a current secret's path is unchanged). Its
            // calls count against the token's own rate and come only from its allowed addresses, as the new secret's.
            entry = CachedToken.OfRetired(owner, retired, IdentityOf(owner), now + _tokenLifetime, await BucketForAsync(db, owner, ct));
        }
        else
        {
            entry = CachedToken.Unknown(now + _unknownLifetime);
        }

        cache.Add(hash, entry, generation, now);
        return entry;
    }

    /// <summary>
    /// The token's own rate limit, else its tenant's default (read again with the entry, so a policy change applies within
    /// the cache duration); null when neither limits it.
    /// </summary>
    private async Task<RateBucket?> BucketForAsync(TokenDbContext db, ApiToken token, CancellationToken ct)
    {
        var perMinute = token.RateLimitPerMinute
            ?? await db.Policies.Where(p => p.TenantId == token.TenantId).Select(p => p.DefaultRateLimitPerMinute).SingleOrDefaultAsync(ct);
        return limits.BucketFor(token.Id, perMinute);
    }

    private TokenIdentity IdentityOf(Model.ApiToken token)
    {
        var held = catalog.ScopesOf(token.Owner.Role);
        return new TokenIdentity(token.Id, token.Name, token.TenantId, token.OwnerId, token.Owner.DisplayName,
            token.Scopes.Where(held.Contains).ToHashSet(StringComparer.Ordinal), token.CreatedAt, token.ValidFrom, token.ValidTo);
    }

    private static async Task<(Model.RetiredSecret Retired, Model.ApiToken Token)?> FindRetiredAsync(TokenDbContext db, string hash, CancellationToken ct)
    {
        var retired = await db.RetiredSecrets.AsNoTracking().SingleOrDefaultAsync(r => r.SecretHash == hash, ct);
        var token = retired is null ? null : await db.Tokens.AsNoTracking().Include(t => t.Owner).SingleOrDefaultAsync(t => t.Id == retired.TokenId, ct);
        return token is null ? null : (retired!, token);
    }
}
