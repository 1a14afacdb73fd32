using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Persistence;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace AdminPortal.Tokens.Notifications;

/// <summary>
/// Delivers undelivered notices by e-mail (when <see cref="NotificationOptions.Smtp"/> is configured), so that no two nodes
/// send the same one: a node claims a notice with one conditional UPDATE that moves its next attempt
/// <see cref="Lease"/> ahead only if it still holds the value the node read (compare-and-set, the same statement on both
/// engines: PostgreSQL re-checks the condition after waiting for a competing update's row lock, SQLite runs writes one at
/// a time). The node whose UPDATE changed the row sends it and marks it sent; every other node's UPDATE changed nothing
/// and it leaves the notice alone. A failed send is recorded on the notice (<see cref="Notice.Failed"/>) and tried again
/// after an exponential back-off; it never holds up the others. A node that dies between the SMTP server's acceptance and
/// the mark (a window of one statement) leaves its claim to lapse, and the notice is sent once more after
/// <see cref="Lease"/>: e-mail cannot be sent and recorded atomically, so that is the one case of a second copy.
/// </summary>
public sealed partial class NoticeSender(
    IDbContextFactory<TokenDbContext> contexts,
    TimeProvider clock,
    IOptions<NotificationOptions> options,
    ILogger<NoticeSender> logger)
{
    /// <summary>Notices claimed per round.</summary>
    public const int BatchSize = 20;

    /// <summary>How long a claim keeps other nodes away (far longer than one SMTP exchange, whose timeout is a minute).</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    /// <summary>The longest wait between two attempts.</summary>
    public static readonly TimeSpan LongestBackOff = TimeSpan.FromHours(6);

    private readonly NotificationOptions _options = options.Value;

    /// <summary>The wait after the <paramref name="failures"/>-th failed attempt: 30 s, 1 min, 2 min, ... up to 6 hours.</summary>
    public static TimeSpan BackOff(int failures)
    {
        var seconds = 30 * Math.Pow(2, Math.Clamp(failures - 1, 0, 20));
        return seconds >= LongestBackOff.TotalSeconds ? LongestBackOff : TimeSpan.FromSeconds(seconds);
    }

    /// <summary>Claims the notices due now, sends them and records each outcome; returns how many were sent.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct = default)
    {
        if (!_options.SendsMail)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var claimed = await ClaimAsync(now, ct);
        if (claimed.Count == 0)
        {
            return 0;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var notices = await db.Notices.Where(n => claimed.Contains(n.Id)).OrderBy(n => n.Id).ToListAsync(ct);
        var recipientIds = notices.Select(n => n.RecipientId).Distinct().ToList();
        var recipients = await db.Users.AsNoTracking().Where(u => recipientIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var sent = 0;
        using var smtp = new SmtpClient { Timeout = 60_000 };
        string? connectionError = null;
        foreach (var notice in notices)
        {
            if (!recipients.TryGetValue(notice.RecipientId, out var recipient) || !recipient.IsActive
                || !MailboxAddress.TryParse(recipient.Email, out var to) || !to.Address.Contains('@'))
            {
                // Nobody to e-mail (deactivated, or no address): the notice stays in the portal only, never tried again.
                notice.Failed("Not e-mailed: the recipient is deactivated or has no e-mail address.", DateTimeOffset.MaxValue);
                await db.SaveChangesAsync(ct);
                continue;
            }

            var error = connectionError ?? await SendAsync(smtp, notice, new MailboxAddress(recipient.DisplayName, to.Address), ct);
            connectionError ??= error is not null && !smtp.IsConnected ? error : null;
            var at = clock.GetUtcNow();
            if (error is null)
            {
                notice.Sent(at);
                sent++;
            }
            else
            {
                var retryAt = at + BackOff(notice.Attempts + 1);
                notice.Failed(error, retryAt);
                LogFailed(logger, notice.Id, notice.Kind, notice.Attempts, retryAt, error);
            }

            await db.SaveChangesAsync(ct);
        }

        if (smtp.IsConnected)
        {
            await smtp.DisconnectAsync(quit: true, ct);
        }

        return sent;
    }

    /// <summary>Claims up to <see cref="BatchSize"/> due notices, each by a compare-and-set of its next attempt; the ids won.</summary>
    private async Task<List<long>> ClaimAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var due = await db.Notices.AsNoTracking()
            .Where(n => n.SentAt == null && (n.NextAttemptAt == null || n.NextAttemptAt <= now))
            .OrderBy(n => n.Id)
            .Take(BatchSize)
            .Select(n => new { n.Id, n.NextAttemptAt })
            .ToListAsync(ct);
        var until = now + Lease;
        var won = new List<long>();
        foreach (var notice in due)
        {
            var unclaimed = db.Notices.Where(n => n.Id == notice.Id && n.SentAt == null);
            unclaimed = notice.NextAttemptAt is { } seen
                ? unclaimed.Where(n => n.NextAttemptAt == seen)
                : unclaimed.Where(n => n.NextAttemptAt == null);
            if (await unclaimed.ExecuteUpdateAsync(s => s.SetProperty(n => n.NextAttemptAt, until), ct) == 1)
            {
                won.Add(notice.Id);
            }
        }

        return won;
    }

    /// <summary>Sends one notice; null when the server accepted it, else what went wrong (no secret: MailKit's message).</summary>
    private async Task<string?> SendAsync(SmtpClient smtp, Notice notice, MailboxAddress to, CancellationToken ct)
    {
        try
        {
            if (!smtp.IsConnected)
            {
                var settings = _options.Smtp;
                await smtp.ConnectAsync(settings.Host!.Trim(), settings.EffectivePort, settings.Security switch
                {
                    SmtpSecurity.None => SecureSocketOptions.None,
                    SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                    _ => SecureSocketOptions.StartTls,
                }, ct);
                if (!string.IsNullOrEmpty(settings.UserName))
                {
                    await smtp.AuthenticateAsync(settings.UserName, settings.Password ?? "", ct);
                }
            }

            await smtp.SendAsync(Message(notice, to), ct);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var message = $"{ex.GetType().Name}: {ex.Message}";
            return message.Length > 1000 ? message[..1000] : message;
        }
    }

    /// <summary>The e-mail of a notice: its subject and plain-text body, from the configured sender.</summary>
    public MimeMessage Message(Notice notice, MailboxAddress to)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(_options.Smtp.From!));
        message.To.Add(to);
        message.Subject = notice.Subject;
        message.Date = notice.CreatedAt;
        // The same id for every attempt, so that a mail system can tell a second copy (see the class's remarks).
        message.MessageId = $"notice-{notice.Id}-{notice.TenantId:N}@adminportal";
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Body = new TextPart("plain") { Text = notice.Body };
        return message;
    }

    [LoggerMessage(142, LogLevel.Warning, "Notice {NoticeId} ({Kind}) not delivered, attempt {Attempts}; next try at {RetryAt}: {Error}")]
    private static partial void LogFailed(ILogger logger, long noticeId, NoticeKind kind, int attempts, DateTimeOffset retryAt, string error);
}
