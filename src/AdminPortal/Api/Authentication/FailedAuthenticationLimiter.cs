using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace AdminPortal.Api.Authentication;

/// <summary>
/// Counts failed authentications per client address in a fixed window from the first failure. An address that used
/// up its allowance is refused (429) until the window ends; successful calls are never counted nor delayed.
/// </summary>
internal sealed class FailedAuthenticationLimiter(IOptions<ApiOptions> options, TimeProvider clock)
{
    private const int MaxTrackedAddresses = 100_000;

    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);
    private readonly int _limit = options.Value.FailedAuthenticationLimit;
    private readonly TimeSpan _window = options.Value.FailedAuthenticationWindow;

    /// <summary>How long <paramref name="address"/> must wait, or null when it may try.</summary>
    public TimeSpan? RetryAfter(string address)
    {
        if (!_failures.TryGetValue(address, out var failures) || failures.Count < _limit)
        {
            return null;
        }

        var left = failures.Since + _window - clock.GetUtcNow();
        return left > TimeSpan.Zero ? left : null;
    }

    /// <summary>Counts one failure of <paramref name="address"/>.</summary>
    public void RecordFailure(string address)
    {
        var now = clock.GetUtcNow();
        if (_failures.Count >= MaxTrackedAddresses)
        {
            Forget(now);
        }

        _failures.AddOrUpdate(address, static (_, now) => new Failures(now, 1),
            (_, existing, now) => existing.Since + _window <= now ? new Failures(now, 1) : existing with { Count = existing.Count + 1 }, now);
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var (address, failures) in _failures)
        {
            if (failures.Since + _window <= now)
            {
                _failures.TryRemove(KeyValuePair.Create(address, failures));
            }
        }
    }

    private sealed record Failures(DateTimeOffset Since, int Count);
}
