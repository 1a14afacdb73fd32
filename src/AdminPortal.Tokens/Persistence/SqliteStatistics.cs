using AdminPortal.Tokens.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AdminPortal.Tokens.Persistence;

/// <summary>
/// Refreshes SQLite's planner statistics (<see cref="TokenDatabase.RefreshStatisticsAsync"/>) once the host has
/// started and then every six hours, as SQLite advises for a long-lived process. Not on the start path: where the
/// statistics are missing (a file that no portal has opened yet) or stale, gathering them counts every row of the
/// changed tables (2-3 s at a million tokens and ten million audit entries), and its write lock would hold up the
/// writes of the start (such as the demo data's) for that time. After the start the portal serves meanwhile;
/// a write then waits for the lock (busy timeout), as it does behind any other write.
/// </summary>
internal sealed partial class SqliteStatistics(IDbContextFactory<TokenDbContext> contexts, TimeProvider clock, ILogger<SqliteStatistics> logger)
    : BackgroundService, IHostedLifecycleService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _started.Task.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await PeriodicRounds.RunAsync(Interval, clock, ct => TokenDatabase.RefreshStatisticsAsync(contexts, ct), ex => LogRefreshFailed(logger, ex), stoppingToken);
    }

    /// <summary>Every hosted service has started (the host calls this after all their StartAsync).</summary>
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        _started.TrySetResult();
        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(145, LogLevel.Warning, "Refreshing SQLite's planner statistics failed; the next round, in six hours, tries again")]
    private static partial void LogRefreshFailed(ILogger logger, Exception ex);
}
