using System.Diagnostics;

namespace AdminPortal.Bench;

/// <summary>Waits for the instants of a fixed schedule, for load that arrives at a steady rate.</summary>
internal static class Pacing
{
    /// <summary>Waits until the Stopwatch timestamp <paramref name="due"/> (at once when it has passed); false once stopped.</summary>
    public static async Task<bool> WaitUntilAsync(double due, CancellationToken stop)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), (long)due);
        try
        {
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, stop);
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        return !stop.IsCancellationRequested;
    }

    /// <summary>The <paramref name="p"/> quantile (0-1) of sorted values, nearest rank; 0 when there are none.</summary>
    public static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
