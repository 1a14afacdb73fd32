using System.Diagnostics;

namespace AdminPortal.Testing;

/// <summary>
/// Whether a child process is still getting somewhere: its CPU time or its output grew within the last
/// <see cref="StallAfter"/>. Waits built on it end when the process is done, died, or stopped moving, never after a
/// guess of how fast the machine is: on a machine loaded to 40 a process still gets CPU every few seconds, and one that
/// is deadlocked or blocked for good gets none.
/// </summary>
public sealed class ProcessProgress(Process process, Func<long> outputLength)
{
    /// <summary>How long a process may show no CPU time and no output before it counts as stuck.</summary>
    public static readonly TimeSpan StallAfter = TimeSpan.FromSeconds(120);

    private TimeSpan _cpu = TimeSpan.MinValue;
    private long _output = -1;
    private long _movedAt = Stopwatch.GetTimestamp();

    /// <summary>Throws when the process has not moved for <see cref="StallAfter"/>; <paramref name="what"/> names the wait.</summary>
    public void ThrowIfStalled(string what, Func<string> log)
    {
        var cpu = CpuTime();
        var output = outputLength();
        if (cpu != _cpu || output != _output)
        {
            (_cpu, _output, _movedAt) = (cpu, output, Stopwatch.GetTimestamp());
            return;
        }

        if (Stopwatch.GetElapsedTime(_movedAt) > StallAfter)
        {
            throw new TimeoutException(
                $"{what}: process {process.Id} used no CPU and wrote nothing for {StallAfter.TotalSeconds:0} s, so it is stuck. Its output:\n{log()}");
        }
    }

    private TimeSpan CpuTime()
    {
        try
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Exited between two looks (Refresh throws InvalidOperationException; reading /proc/<pid>/stat of a process
            // already reaped throws Win32Exception): the caller sees HasExited next.
            return _cpu;
        }
    }
}
