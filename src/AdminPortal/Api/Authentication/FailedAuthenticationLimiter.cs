using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace AdminPortal.Api.Authentication;

/// <summary>
/// Counts failed authentications per client (an IPv4 address, or an IPv6 client's /64) in a fixed window from its
/// first failure. A client that used up its allowance is refused (429) until the window ends. Counting is O(1): one
/// look-up and one compare-and-swap; a new window costs an amortised O(1) more (see <see cref="Track"/>).
/// </summary>
/// <remarks>
/// At most <see cref="ApiOptions.FailedAuthenticationTrackedAddresses"/> clients are tracked; when a new one arrives at
/// the cap, the oldest window is forgotten. That is safe against a client spraying addresses: forgetting a window gives
/// its owner back at most <see cref="ApiOptions.FailedAuthenticationLimit"/> attempts, and pushing it out takes as many
/// new addresses as the cap, each allowed only that many attempts itself, so spraying buys nothing that fresh
/// addresses would not give anyway. IPv6 clients are counted per /64, the smallest network one subscriber is given,
/// so a single host cannot mint itself 2^64 allowances.
/// </remarks>
internal sealed class FailedAuthenticationLimiter(IOptions<ApiOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<UInt128, FailureWindow> _windows = new();

    // Every window in the dictionary, oldest first (windows all have the same length, so the oldest ends first). A window
    // replaced or evicted stays here until it reaches the head; the queue's length bounds the dictionary's.
    private readonly Queue<(UInt128 Client, FailureWindow Window)> _byAge = new();
    private readonly Lock _gate = new();
    private readonly int _limit = options.Value.FailedAuthenticationLimit;
    private readonly long _window = options.Value.FailedAuthenticationWindow.Ticks;
    private readonly int _cap = options.Value.FailedAuthenticationTrackedAddresses;

    /// <summary>Clients whose failures are being counted now.</summary>
    public int TrackedAddresses => _windows.Count;

    /// <summary>
    /// Counts one failed authentication of <paramref name="address"/>, or one about to be tried against the database
    /// (hand it back with <see cref="Uncount"/> if it succeeds). False, with how long to wait, when the client has used
    /// up its allowance; nothing is counted then.
    /// </summary>
    public bool TryCount(IPAddress? address, out FailureWindow counted, out TimeSpan retryAfter)
    {
        var client = ClientOf(address);
        var now = clock.GetUtcNow().UtcTicks;
        while (true)
        {
            if (!_windows.TryGetValue(client, out var window))
            {
                window = new FailureWindow(now);
                if (!_windows.TryAdd(client, window))
                {
                    continue;
                }

                Track(client, window, now);
            }
            else if (window.Start + _window <= now)
            {
                var renewed = new FailureWindow(now);
                if (!_windows.TryUpdate(client, renewed, window))
                {
                    continue;
                }

                Track(client, renewed, now);
                window = renewed;
            }

            if (window.TryTake(_limit))
            {
                (counted, retryAfter) = (window, TimeSpan.Zero);
                return true;
            }

            (counted, retryAfter) = (window, TimeSpan.FromTicks(Math.Max(0, window.Start + _window - now)));
            return false;
        }
    }

    /// <summary>Gives back an attempt counted by <see cref="TryCount"/> that turned out not to be a failure.</summary>
    public static void Uncount(FailureWindow counted) => counted.GiveBack();

    /// <summary>
    /// The client an address is counted as: the IPv4 address (also when mapped into IPv6), the /64 of an IPv6 address.
    /// Without an address (a test server), all such requests share one client.
    /// </summary>
    internal static UInt128 ClientOf(IPAddress? address)
    {
        if (address is null)
        {
            return UInt128.MaxValue;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written))
        {
            return UInt128.MaxValue;
        }

        // An IPv4 key has a non-zero low half; a /64 key has a zero one, so the two never meet.
        return written == 4
            ? (UInt128)(0x1_0000_0000UL | System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes))
            : (UInt128)System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes) << 64;
    }

    /// <summary>
    /// Queues a new window, then forgets windows from the oldest: all that ended, and more while over the cap. Each window
    /// is queued once and leaves once, so this is amortised O(1); no failure ever scans the tracked clients.
    /// </summary>
    private void Track(UInt128 client, FailureWindow window, long now)
    {
        lock (_gate)
        {
            _byAge.Enqueue((client, window));
            while (_byAge.TryPeek(out var oldest) && (oldest.Window.Start + _window <= now || _byAge.Count > _cap))
            {
                _byAge.Dequeue();
                _windows.TryRemove(KeyValuePair.Create(oldest.Client, oldest.Window));
            }
        }
    }
}

/// <summary>One client's failures in one window.</summary>
internal sealed class FailureWindow(long start)
{
    private int _count;

    /// <summary>When the window began (UTC ticks).</summary>
    public long Start { get; } = start;

    /// <summary>Takes one attempt; false when <paramref name="limit"/> are taken. Never counts past the limit.</summary>
    public bool TryTake(int limit)
    {
        var count = Volatile.Read(ref _count);
        while (count < limit)
        {
            var seen = Interlocked.CompareExchange(ref _count, count + 1, count);
            if (seen == count)
            {
                return true;
            }

            count = seen;
        }

        return false;
    }

    /// <summary>Gives one attempt back.</summary>
    public void GiveBack() => Interlocked.Decrement(ref _count);
}
