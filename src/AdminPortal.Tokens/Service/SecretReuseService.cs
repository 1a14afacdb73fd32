using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AdminPortal.Tokens.Service;

/// <summary>
/// Writes reuse reports as they arrive (<see cref="SecretReuseDetector.DrainAsync"/>), once more at shutdown, and every
/// hour deletes the retired secrets past their retention. A failed write is tried again a little later.
/// </summary>
internal sealed partial class SecretReuseService(SecretReuseDetector detector, TimeProvider clock, ILogger<SecretReuseService> logger) : BackgroundService
{
    private static readonly TimeSpan PruneInterval = TimeSpan.FromHours(1);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextPrune = clock.GetUtcNow();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (clock.GetUtcNow() >= nextPrune)
                {
                    await RunAsync(() => detector.PruneAsync(stoppingToken), "Deleting retired secrets past their retention");
                    nextPrune = clock.GetUtcNow() + PruneInterval;
                }

                using (var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
                {
                    wait.CancelAfter(PruneInterval);
                    try
                    {
                        await detector.WaitAsync(wait.Token);
                    }
                    catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                    {
                        continue;
                    }
                }

                if (!await RunAsync(() => detector.DrainAsync(stoppingToken), "Recording the reuse of rolled-away secrets"))
                {
                    await Task.Delay(RetryDelay, clock, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: StopAsync writes what is left.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await RunAsync(() => detector.DrainAsync(cancellationToken), "Recording the reuse of rolled-away secrets");
    }

    private async Task<bool> RunAsync(Func<Task<int>> work, string what)
    {
        try
        {
            await work();
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex, what);
            return false;
        }
    }

    [LoggerMessage(42, LogLevel.Warning, "{What} failed; it is tried again")]
    private static partial void LogFailed(ILogger logger, Exception exception, string what);
}
