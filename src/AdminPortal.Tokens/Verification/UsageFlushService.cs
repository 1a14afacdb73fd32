using AdminPortal.Tokens.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdminPortal.Tokens.Verification;

/// <summary>
/// Writes recorded usage every <see cref="TokenOptions.UsageWriteInterval"/>, and once more at shutdown; once an hour (and
/// at the first tick) it also removes usage older than the retention (<see cref="UsageRecorder.PruneAsync"/>).
/// </summary>
internal sealed class UsageFlushService(UsageRecorder usage, IOptions<TokenOptions> options, TimeProvider clock, ILogger<UsageFlushService> logger)
    : BackgroundService
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);
    private DateTimeOffset? _prunedAt;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.UsageWriteInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
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
        await FlushAsync(cancellationToken);
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        try
        {
            await usage.FlushAsync(ct);
            var now = clock.GetUtcNow();
            if (_prunedAt is not { } pruned || now - pruned >= PruneEvery)
            {
                _prunedAt = now;
                await usage.PruneAsync(now, ct);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Usage is best-effort; the next flush takes what arrives meanwhile.
            logger.LogWarning(ex, "Writing token usage failed");
        }
    }
}
