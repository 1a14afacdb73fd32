using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Http.Features;

namespace AdminPortal.Bench;

/// <summary>
/// Valid API callers at a steady rate: workers on fixed schedules, each call of one of the tokens from that token's own
/// address. Each call's time is kept twice: from its send to its answer, and from its intended start (so that a call held
/// up by a busy machine counts the wait). Calls are filed under the <see cref="Phase"/> current when they start.
/// </summary>
internal sealed class SteadyCallers(Func<IFeatureCollection, Task<int>> process, IReadOnlyList<string> secrets, int rate)
{
    public const int Phases = 3;
    private const int Workers = 16;
    private readonly List<double>[] _answerMs = [.. Enumerable.Range(0, Phases).Select(_ => new List<double>())];
    private readonly List<double>[] _scheduleMs = [.. Enumerable.Range(0, Phases).Select(_ => new List<double>())];
    private readonly long[] _calls = new long[Phases];
    private readonly long[] _refused = new long[Phases];
    private volatile int _phase;

    /// <summary>Where new calls are filed: 0 warm-up, 1 without the flood, 2 with it.</summary>
    public int Phase
    {
        get => _phase;
        set => _phase = value;
    }

    public long Calls(int phase) => Interlocked.Read(ref _calls[phase]);

    /// <summary>Calls not answered 200.</summary>
    public long Refused(int phase) => Interlocked.Read(ref _refused[phase]);

    /// <summary>Sorted latencies of a phase, from send to answer (false) or from the intended start (true).</summary>
    public List<double> LatenciesMs(int phase, bool fromSchedule)
    {
        var list = (fromSchedule ? _scheduleMs : _answerMs)[phase];
        lock (list)
        {
            var sorted = list.ToList();
            sorted.Sort();
            return sorted;
        }
    }

    public Task RunAsync(CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(w => Task.Run(() => WorkAsync(w, stop), CancellationToken.None)));

    private async Task WorkAsync(int worker, CancellationToken stop)
    {
        var interval = Stopwatch.Frequency * Workers / (double)rate;
        var next = Stopwatch.GetTimestamp() + interval * worker / Workers;
        for (var call = worker; await Pacing.WaitUntilAsync(next, stop); call += Workers)
        {
            var phase = _phase;
            var token = call % secrets.Count;
            var sent = Stopwatch.GetTimestamp();
            var status = await process(InProcessRequest.Get("/api/v1/me", secrets[token], new IPAddress([10, 1, (byte)(token >> 8), (byte)token])));
            var done = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref _calls[phase]);
            if (status != 200)
            {
                Interlocked.Increment(ref _refused[phase]);
            }

            Record(_answerMs[phase], Stopwatch.GetElapsedTime(sent, done).TotalMilliseconds);
            Record(_scheduleMs[phase], Stopwatch.GetElapsedTime((long)next, done).TotalMilliseconds);
            next += interval;
        }
    }

    private static void Record(List<double> list, double ms)
    {
        lock (list)
        {
            list.Add(ms);
        }
    }
}
