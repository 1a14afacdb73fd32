namespace AdminPortal.Tokens.Hosting;

/// <summary>
/// A round now and then one every <c>interval</c> until the host stops; a failed round is reported and the next one
/// tries again. The scheduled notices and SQLite's planner statistics run in it.
/// </summary>
internal static class PeriodicRounds
{
    public static async Task RunAsync(TimeSpan interval, TimeProvider clock, Func<CancellationToken, Task> round, Action<Exception> failed, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            do
            {
                try
                {
                    await round(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    failed(ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
