using AdminPortal.Tokens.Options;
using AdminPortal.Tokens.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace AdminPortal.Tokens.Verification;

/// <summary>
/// On PostgreSQL, tells the nodes (and other processes) that share the database about each other's changes, as
/// <see cref="CrossProcessChanges"/> does for one SQLite file, and decides when this node's <see cref="VerificationCache"/>
/// may answer. Does nothing on SQLite.
/// </summary>
/// <remarks>
/// <para>
/// Sending: <see cref="RecordAsync"/> runs inside the transaction of each change: it inserts the change into the change log
/// (<see cref="ChangeLogEntry"/>, table <c>TokenChanges</c>) and, in the same statement, sends
/// <c>NOTIFY adminportal_token_changes</c> with the row's position. The server delivers a notification only when its
/// transaction commits, so every committed change is logged and announced, and a rolled-back one neither.
/// </para>
/// <para>
/// Hearing: a background loop keeps one connection that <c>LISTEN</c>s; each notification drops the entries the change
/// affects. Every <see cref="DatabaseOptions.ChangeCheckInterval"/> it sends a round trip on that connection: the server
/// delivers pending notifications before it answers, so when the answer comes, every change committed before the check was
/// sent has been heard, and the cache may answer until <see cref="DatabaseOptions.ChangeTrustDuration"/> after the send.
/// When no check is that recent (connection lost, server or this process too slow) the cache is not trusted and
/// verification reads the database (which fails, as a 503, when the database is down: never a stale answer).
/// </para>
/// <para>
/// Catching up: after (re)connecting, it listens first and then reads the log after the last position up to which it had
/// heard everything, so a change is either in what it reads or announced afterwards. Positions come from a sequence and are
/// not in commit order (a transaction that took 5 may commit after the one that took 6), so that position is the highest
/// below which no number is missing: a missing number is waited for up to <see cref="DatabaseOptions.ChangeGapTimeout"/>
/// (then taken as rolled back) and re-read by a catch-up until then. Rows older than
/// <see cref="DatabaseOptions.ChangeLogRetention"/> are pruned; a node whose position is older than what is left (or that
/// starts) drops its whole cache instead.
/// </para>
/// </remarks>
public sealed partial class PostgresChanges : BackgroundService, ITokenChangeListener
{
    /// <summary>The notification channel.</summary>
    public const string Channel = "adminportal_token_changes";

    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(1);

    // A connection that stops answering (no reset from a lost network) is given up after this and opened again; the cache
    // stopped answering long before, when the checks stopped coming back.
    private const int CommandTimeoutSeconds = 10;

    // The database's clock as UTC ticks (how instants are stored), so that pruning and lags do not depend on a node's clock.
    private const string DatabaseTicks = "(621355968000000000 + (extract(epoch from clock_timestamp()) * 10000000)::bigint)";

    private static readonly string RecordSql = $"""
        WITH c AS (INSERT INTO "{ChangeLogEntry.Table}" ("TokenId", "OwnerId", "ChangedAt") VALUES (@token, @owner, {DatabaseTicks}) RETURNING "Id", "ChangedAt")
        SELECT pg_notify('{Channel}', c."Id" || ':' || @kind || ':' || @id || ':' || @self || ':' || c."ChangedAt") FROM c
        """;

    private readonly DatabaseOptions _options;
    private readonly VerificationCache _cache;
    private readonly ILogger<PostgresChanges> _logger;
    private readonly NpgsqlDataSource? _source;

    // Notifications this process sent carry its id, so that it does not drop its own entries twice.
    private readonly string _self = Guid.NewGuid().ToString("N");

    // Heard positions, touched only by the listening loop (notifications are raised inside its reads).
    private readonly SortedSet<long> _heardAbove = [];
    private long _position;
    private long _gapSince;
    private bool _caughtUpOnce;

    private TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _heard = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates the listener for the configured database (inactive on SQLite).</summary>
    public PostgresChanges(IOptions<DatabaseOptions> options, VerificationCache cache, ILogger<PostgresChanges> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        (_options, _cache, _logger) = (options.Value, cache, logger);
        _source = _options.Provider == DatabaseProvider.Postgres ? NpgsqlDataSource.Create(_options.ConnectionString!) : null;
    }

    /// <summary>
    /// Raised for each change of another process as it is heard, with the time from its commit (by the database's clock)
    /// to now (by this machine's: skewed by any difference between the two). Handlers run on the listening loop: they must
    /// be fast and must not throw. Meant for a "propagation lag" metric.
    /// </summary>
    public event Action<TimeSpan>? ChangeHeard;

    /// <summary>
    /// Raised for each change of another process once the cache has dropped what it affects, and with null when changes
    /// may have been missed (the cache was cleared): for what else in this process follows changes (open pages re-check
    /// their session when a user changed). Handlers run on the listening loop: they must be fast and must not throw.
    /// </summary>
    public event Action<TokenChange?>? OtherProcessChanged;

    /// <summary>Completes once this process listens and has caught up (for tests that must not miss the first notification).</summary>
    public Task Listening => Volatile.Read(ref _listening).Task;

    /// <summary>Completes when the next change of another process has been handed to the cache (take it before the change).</summary>
    public Task NextChangeHeard => Volatile.Read(ref _heard).Task;

    /// <summary>The server process of the listening connection while there is one (for tests that cut it).</summary>
    internal int? ListenerProcessId { get; private set; }

    /// <summary>The position up to which every change has been heard (or given up as rolled back).</summary>
    public long Position => Interlocked.Read(ref _position);

    /// <summary>
    /// Writes <paramref name="change"/> to the change log and sends its notification, in the transaction of
    /// <paramref name="db"/> (delivered when it commits). No-op on SQLite.
    /// </summary>
    internal async Task RecordAsync(TokenDbContext db, TokenChange change, CancellationToken ct)
    {
        if (_source is null)
        {
            return;
        }

        await db.Database.ExecuteSqlRawAsync(RecordSql, [
            new NpgsqlParameter("token", NpgsqlDbType.Uuid) { Value = (object?)change.TokenId ?? DBNull.Value },
            new NpgsqlParameter("owner", NpgsqlDbType.Uuid) { Value = (object?)change.OwnerId ?? DBNull.Value },
            new NpgsqlParameter("kind", NpgsqlDbType.Text) { Value = change.TokenId is null ? "o" : "t" },
            new NpgsqlParameter("id", NpgsqlDbType.Text) { Value = (change.TokenId ?? change.OwnerId ?? Guid.Empty).ToString("N") },
            new NpgsqlParameter("self", NpgsqlDbType.Text) { Value = _self },
        ], ct);
    }

    /// <inheritdoc />
    /// <remarks>Nothing to do after the commit: the notification was sent in the transaction (<see cref="RecordAsync"/>).</remarks>
    public void OnTokenChanged(TokenChange change)
    {
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
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Whatever is committed from now on may go unheard: the cache stops answering at once.
                _cache.TrustUntil(0);
                LogListenFailed(_logger, ex.Message);
                if (_listening.Task.IsCompleted)
                {
                    Volatile.Write(ref _listening, new(TaskCreationOptions.RunContinuationsAsynchronously));
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
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        _cache.TrustUntil(0);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        base.Dispose();
        _source?.Dispose();
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        await using var connection = await _source!.OpenConnectionAsync(ct);
        connection.Notification += (_, e) => Receive(e.Payload);
        ListenerProcessId = connection.ProcessID;
        await RunAsync(connection, $"LISTEN {Channel}", ct);

        // Listening from here on: what committed before is in the log, what commits after is announced.
        var sent = Environment.TickCount64;
        await CatchUpAsync(connection, ct);
        Trust(sent);
        _listening.TrySetResult();

        var checkInterval = (long)_options.ChangeCheckInterval.TotalMilliseconds;
        var nextPrune = 0L;
        while (true)
        {
            var until = sent + checkInterval;
            for (var left = until - Environment.TickCount64; left > 0; left = until - Environment.TickCount64)
            {
                await connection.WaitAsync((int)left, ct);
            }

            sent = Environment.TickCount64;
            await RunAsync(connection, "SELECT 1", ct);
            Trust(sent);
            Advance();
            if (sent >= nextPrune)
            {
                await PruneAsync(connection, ct);
                nextPrune = sent + (long)PruneInterval.TotalMilliseconds;
            }
        }
    }

    private void Trust(long sent) => _cache.TrustUntil(sent + (long)_options.ChangeTrustDuration.TotalMilliseconds);

    private static async Task RunAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = CommandTimeoutSeconds };
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Reads the changes after <see cref="Position"/> and drops what they affect (everything, when some may be pruned).</summary>
    private async Task CatchUpAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var rows = new List<(long Id, TokenChange Change)>();
        long? first = null;
        await using (var command = new NpgsqlCommand(
            $"""
            SELECT "Id", "TokenId", "OwnerId", (SELECT min("Id") FROM "{ChangeLogEntry.Table}") FROM "{ChangeLogEntry.Table}"
            WHERE "Id" > @after ORDER BY "Id"
            """, connection) { CommandTimeout = CommandTimeoutSeconds })
        {
            command.Parameters.AddWithValue("after", _position);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var change = reader.IsDBNull(1) ? TokenChange.OfOwner(reader.GetGuid(2)) : TokenChange.OfToken(reader.GetGuid(1));
                rows.Add((reader.GetInt64(0), change));
                first ??= reader.GetInt64(3);
            }
        }

        if (!_caughtUpOnce || (first is { } oldest && oldest > _position + 1 && _position > 0))
        {
            // Starting (the cache holds only what was read meanwhile), or away longer than the log is kept: the changes
            // missed are not all known.
            _cache.Clear();
            OtherProcessChanged?.Invoke(null);
            Interlocked.Exchange(ref _position, Math.Max(_position, (first ?? 1) - 1));
            _heardAbove.RemoveWhere(heard => heard <= _position);
            _caughtUpOnce = true;
        }
        else
        {
            var missed = rows.Where(r => !_heardAbove.Contains(r.Id)).Select(r => r.Change).ToList();
            _cache.OnTokenChanges(missed);
            foreach (var change in missed)
            {
                OtherProcessChanged?.Invoke(change);
            }
        }

        LogCaughtUp(_logger, rows.Count, _position);
        foreach (var (id, _) in rows)
        {
            See(id);
        }
    }

    private async Task PruneAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        // The newest row always stays, so that a returning node can tell what was pruned from what never existed.
        await using var command = new NpgsqlCommand(
            $"""
            DELETE FROM "{ChangeLogEntry.Table}" WHERE "ChangedAt" < {DatabaseTicks} - @keep
            AND "Id" < (SELECT max("Id") FROM "{ChangeLogEntry.Table}")
            """, connection) { CommandTimeout = CommandTimeoutSeconds };
        command.Parameters.AddWithValue("keep", _options.ChangeLogRetention.Ticks);
        await command.ExecuteNonQueryAsync(ct);
    }

    private void Receive(string payload)
    {
        var parts = payload.Split(':');
        if (parts.Length != 5 || !long.TryParse(parts[0], out var position) || !Guid.TryParseExact(parts[2], "N", out var id))
        {
            _cache.Clear();
            OtherProcessChanged?.Invoke(null);
            return;
        }

        if (parts[3] != _self)
        {
            var change = parts[1] == "o" ? TokenChange.OfOwner(id) : TokenChange.OfToken(id);
            _cache.OnTokenChanged(change);
            OtherProcessChanged?.Invoke(change);
            if (ChangeHeard is { } heard && long.TryParse(parts[4], out var committedTicks))
            {
                heard(DateTimeOffset.UtcNow - new DateTimeOffset(committedTicks, TimeSpan.Zero));
            }

            Interlocked.Exchange(ref _heard, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }

        See(position);
    }

    /// <summary>Notes a heard position and moves <see cref="Position"/> over every position now known.</summary>
    private void See(long position)
    {
        if (position <= _position || !_heardAbove.Add(position))
        {
            return;
        }

        if (_heardAbove.Count == 1 && position != _position + 1)
        {
            _gapSince = Environment.TickCount64;
        }

        Advance();
    }

    /// <summary>Moves <see cref="Position"/> over heard positions, and over a missing one waited for longer than the gap timeout.</summary>
    private void Advance()
    {
        while (_heardAbove.Count > 0)
        {
            var next = _heardAbove.Min;
            if (next != _position + 1)
            {
                if (Environment.TickCount64 - _gapSince < (long)_options.ChangeGapTimeout.TotalMilliseconds)
                {
                    return;
                }

                LogGapGivenUp(_logger, _position + 1, next - 1);
            }

            _heardAbove.Remove(next);
            Interlocked.Exchange(ref _position, next);
            _gapSince = Environment.TickCount64;
        }
    }

    [LoggerMessage(21, LogLevel.Warning, "Not listening for other processes' token changes (retrying; verification reads the database meanwhile): {Reason}")]
    private static partial void LogListenFailed(ILogger logger, string reason);

    [LoggerMessage(22, LogLevel.Information, "Caught up with {Count} token changes of other processes; heard everything up to position {Position}")]
    private static partial void LogCaughtUp(ILogger logger, int count, long position);

    [LoggerMessage(23, LogLevel.Information, "Token change positions {First} to {Last} never committed (taken as rolled back)")]
    private static partial void LogGapGivenUp(ILogger logger, long first, long last);
}
