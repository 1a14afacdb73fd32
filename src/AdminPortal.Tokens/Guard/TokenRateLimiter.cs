using System.Collections.Concurrent;

namespace AdminPortal.Tokens.Guard;

/// <summary>
/// Calls per minute per token, on this node: a token bucket per token that holds at most the limit and refills at the
/// limit per minute, so a token may make its minute's calls at once and then one every 60/limit seconds. Each node
/// keeps its own buckets (a cluster of N nodes behind a load balancer admits up to N times the limit); buckets are
/// kept for as long as the process runs, so a token's count survives its cache entry being reloaded.
/// </summary>
public sealed class TokenRateLimiter
{
    private readonly ConcurrentDictionary<Guid, RateBucket> _buckets = new();

    /// <summary>The bucket of <paramref name="tokenId"/> with <paramref name="perMinute"/> as its limit (null: no limit).</summary>
    internal RateBucket? BucketFor(Guid tokenId, int? perMinute)
    {
        if (perMinute is not { } limit)
        {
            return null;
        }

        var bucket = _buckets.GetOrAdd(tokenId, static (_, l) => new RateBucket(l), limit);
        bucket.SetLimit(limit);
        return bucket;
    }
}

/// <summary>One token's bucket: <see cref="TryTake"/> is the only call on the verification path.</summary>
internal sealed class RateBucket(int perMinute)
{
    private readonly Lock _gate = new();
    private double _limit = perMinute;
    private double _available = perMinute;
    private long _updatedTicks;

    public void SetLimit(int perMinute)
    {
        lock (_gate)
        {
            _limit = perMinute;
            _available = Math.Min(_available, perMinute);
        }
    }

    /// <summary>Takes one call at <paramref name="nowTicks"/> (UTC ticks); when none is left, how long until one is.</summary>
    public bool TryTake(long nowTicks, out TimeSpan retryAfter)
    {
        lock (_gate)
        {
            var perTick = _limit / TimeSpan.TicksPerMinute;
            if (_updatedTicks == 0)
            {
                _updatedTicks = nowTicks;
            }
            else if (nowTicks > _updatedTicks)
            {
                _available = Math.Min(_limit, _available + ((nowTicks - _updatedTicks) * perTick));
                _updatedTicks = nowTicks;
            }

            if (_available >= 1)
            {
                _available -= 1;
                retryAfter = TimeSpan.Zero;
                return true;
            }

            retryAfter = _limit <= 0 ? TimeSpan.FromMinutes(1) : TimeSpan.FromTicks((long)Math.Ceiling((1 - _available) / perTick));
            return false;
        }
    }
}
