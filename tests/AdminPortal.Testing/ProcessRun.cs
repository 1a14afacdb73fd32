using System.Diagnostics;

namespace AdminPortal.Testing;

/// <summary>Runs a command to its end and returns what it printed: waited for as long as it makes progress.</summary>
public static class ProcessRun
{
    /// <summary>The exit code, stdout and stderr of <paramref name="start"/> (which must redirect both streams).</summary>
    public static async Task<(int ExitCode, string Output, string Messages)> ToExitAsync(ProcessStartInfo start, CancellationToken ct)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var messages = process.StandardError.ReadToEndAsync(ct);
        // The streams are read to their end, so progress is CPU time only.
        var progress = new ProcessProgress(process, () => 0);
        var exited = process.WaitForExitAsync(ct);
        while (await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(1), ct)) != exited)
        {
            try
            {
                progress.ThrowIfStalled($"The command '{string.Join(' ', start.ArgumentList.Skip(1))}'", () => "(read at exit)");
            }
            catch (TimeoutException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
        }

        await exited;
        return (process.ExitCode, await output, await messages);
    }
}
