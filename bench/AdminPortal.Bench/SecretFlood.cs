using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Http.Features;

namespace AdminPortal.Bench;

/// <summary>
/// One client address sending distinct well-formed secrets that no token has, at a fixed rate: a few worker threads,
/// each sending what its share of the schedule has come due every millisecond. Its requests' SQL reads are charged to it
/// (<see cref="SqlReadCounter.ChargeToFlood"/>).
/// </summary>
internal sealed class SecretFlood(Func<IFeatureCollection, Task<int>> process, IPAddress from, int rate)
{
    private const int Workers = 4;
    private long _sent;
    private long _unauthorized;
    private long _tooMany;
    private long _other;
    private long _firstAt;
    private long _lastAt;
    private double _seconds;

    public long Sent => Interlocked.Read(ref _sent);

    public long Unauthorized => Interlocked.Read(ref _unauthorized);

    public long TooMany => Interlocked.Read(ref _tooMany);

    public long Other => Interlocked.Read(ref _other);

    /// <summary>Seconds of flooding, over all runs.</summary>
    public double Seconds => _seconds;

    /// <summary>From the first flood request to the last one (Stopwatch time), over all runs.</summary>
    public TimeSpan Span => _firstAt == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(_firstAt, _lastAt);

    /// <summary>Sends <paramref name="secrets"/> at the rate until they run out or <paramref name="duration"/> ends.</summary>
    /// <remarks>
    /// The workers are threads of their own, not the thread pool's: in this one process the flood's sender must not hold
    /// up the valid callers' continuations, which a real client on another machine would not either. Each request is
    /// awaited synchronously (a 429 completes at once; only the few reads the limit allows wait for the database).
    /// </remarks>
    public void Run(string[] secrets, TimeSpan duration)
    {
        var next = -1;
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        if (_firstAt == 0)
        {
            _firstAt = start;
        }

        var workers = Enumerable.Range(0, Workers).Select(_ => new Thread(() => Work(secrets, () => Interlocked.Increment(ref next), start, end)) { IsBackground = true }).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        _seconds += Stopwatch.GetElapsedTime(start).TotalSeconds;
        _lastAt = Stopwatch.GetTimestamp();
    }

    private void Work(string[] secrets, Func<int> take, long start, long end)
    {
        SqlReadCounter.ChargeToFlood();
        var share = rate / (double)Workers;
        var sent = 0L;
        while (Stopwatch.GetTimestamp() < end)
        {
            var due = (long)(Stopwatch.GetElapsedTime(start).TotalSeconds * share);
            for (; sent < due; sent++)
            {
                var index = take();
                if (index >= secrets.Length)
                {
                    return;
                }

                var status = process(InProcessRequest.Get("/api/v1/me", secrets[index], from)).GetAwaiter().GetResult();
                Interlocked.Increment(ref _sent);
                Interlocked.Increment(ref status == 429 ? ref _tooMany : ref status == 401 ? ref _unauthorized : ref _other);
            }

            Thread.Sleep(1);
        }
    }
}
