using AdminPortal.Tokens.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AdminPortal.Tokens.Verification;

/// <summary>
/// On PostgreSQL, tells the processes that share the database about each other's changes with the database's own
/// notifications, as <see cref="CrossProcessChanges"/> does for one SQLite file: after each committed change this process
/// sends <c>NOTIFY adminportal_token_changes</c> (the token or owner it concerns), and it <c>LISTEN</c>s on that channel
/// for the changes of every other process (the operators' command line, other portal nodes), handing each to the
/// <see cref="VerificationCache"/>, which drops what it affects. Does nothing on SQLite.
/// </summary>
/// <remarks>
/// Notifications arrive asynchronously: a change made by another process is dropped from this cache within the time the
/// notification takes to arrive (milliseconds on one network), not before this process's next look-up as with the
/// memory-mapped file. While the listening connection is down (a restart of the server) changes are missed, so the cache
/// is cleared each time it (re)connects; until then cached answers last at most the cache's own duration.
/// </remarks>
public sealed partial class PostgresChanges(IOptions<DatabaseOptions> options, VerificationCache cache, ILogger<PostgresChanges> logger)
    : BackgroundService, ITokenChangeListener
{
    /// <summary>The notification channel.</summary>
    public const string Channel = "adminportal_token_changes";

    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);

    // Notifications this process sent carry its id, so that it does not drop its own entries twice.
    private readonly string _self = Guid.NewGuid().ToString("N");
    private readonly NpgsqlDataSource? _source = options.Value.Provider == DatabaseProvider.Postgres
        ? NpgsqlDataSource.Create(options.Value.ConnectionString!)
        : null;

    private TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TaskCompletionSource _heard = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once this process listens (for tests that must not miss the first notification).</summary>
    public Task Listening => _listening.Task;

    /// <summary>Completes when the next change of another process has been handed to the cache (take it before the change).</summary>
    public Task NextChangeHeard => Volatile.Read(ref _heard).Task;

    /// <inheritdoc />
    public void OnTokenChanged(TokenChange change)
    {
        if (_source is null)
        {
            return;
        }

        try
        {
            using var command = _source.CreateCommand("SELECT pg_notify($1, $2)");
            command.Parameters.Add(new NpgsqlParameter { Value = Channel });
            command.Parameters.Add(new NpgsqlParameter { Value = Format(change) });
            command.ExecuteNonQuery();
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            // Must not throw: the change is committed. Other processes keep their entry for at most the cache's duration.
            LogNotifyFailed(logger, ex.Message);
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_source is null)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _source.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => Receive(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Whatever changed while nobody listened is unknown.
                cache.Clear();
                _listening.TrySetResult();
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or System.IO.IOException)
            {
                LogListenFailed(logger, ex.Message);
                if (_listening.Task.IsCompleted)
                {
                    _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                try
                {
                    await Task.Delay(RetryInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        base.Dispose();
        _source?.Dispose();
    }

    private string Format(TokenChange change) =>
        $"{(change.TokenId is null ? 'o' : 't')}:{change.TokenId ?? change.OwnerId ?? Guid.Empty:N}:{_self}";

    private void Receive(string payload)
    {
        var parts = payload.Split(':');
        if (parts.Length != 3 || parts[2] == _self)
        {
            return;
        }

        if (!Guid.TryParseExact(parts[1], "N", out var id))
        {
            cache.Clear();
            return;
        }

        cache.OnTokenChanged(parts[0] == "o" ? TokenChange.OfOwner(id) : TokenChange.OfToken(id));
        Interlocked.Exchange(ref _heard, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    [LoggerMessage(20, LogLevel.Warning, "Could not notify other processes of a token change: {Reason}")]
    private static partial void LogNotifyFailed(ILogger logger, string reason);

    [LoggerMessage(21, LogLevel.Warning, "Not listening for other processes' token changes (retrying): {Reason}")]
    private static partial void LogListenFailed(ILogger logger, string reason);
}
