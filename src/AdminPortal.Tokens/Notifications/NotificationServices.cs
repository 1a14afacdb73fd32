using AdminPortal.Tokens.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdminPortal.Tokens.Notifications;

/// <summary>Runs <see cref="NoticeProducer"/> once every <see cref="NotificationOptions.Interval"/>; a failed round is logged and the next one tries again.</summary>
internal sealed partial class NoticeProducerService(NoticeProducer producer, IOptions<NotificationOptions> options, TimeProvider clock, ILogger<NoticeProducerService> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicRounds.RunAsync(options.Value.Interval, clock, ct => producer.RunOnceAsync(ct), ex => LogRoundFailed(logger, ex), stoppingToken);

    [LoggerMessage(143, LogLevel.Warning, "A round of expiry and clean-up notices failed; the next round tries again")]
    private static partial void LogRoundFailed(ILogger logger, Exception ex);
}

/// <summary>
/// Runs <see cref="NoticeSender"/> every <see cref="NotificationOptions.Interval"/> while e-mail is configured, in a loop of
/// its own so that a slow or failing mail server never holds up the notices themselves.
/// </summary>
internal sealed partial class NoticeSenderService(NoticeSender sender, IOptions<NotificationOptions> options, TimeProvider clock, ILogger<NoticeSenderService> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.SendsMail
            ? PeriodicRounds.RunAsync(options.Value.Interval, clock, ct => sender.DeliverDueAsync(ct), ex => LogRoundFailed(logger, ex), stoppingToken)
            : Task.CompletedTask;

    [LoggerMessage(144, LogLevel.Warning, "Delivering notices by e-mail failed; the next round tries again")]
    private static partial void LogRoundFailed(ILogger logger, Exception ex);
}
