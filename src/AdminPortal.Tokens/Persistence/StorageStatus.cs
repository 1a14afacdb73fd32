using System.Data.Common;
using AdminPortal.Tokens.Telemetry;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace AdminPortal.Tokens.Persistence;

/// <summary>
/// Whether the store can be written: a command or commit that fails because the disk is full, the file or its folder is
/// read-only or the storage cannot be read or opened marks it unavailable; the next commit that succeeds marks it
/// available again. Sees every command of every context as an EF Core interceptor.
/// </summary>
public sealed class StorageStatus(TimeProvider clock, PortalTelemetry? telemetry = null) : DbCommandInterceptor, IDbTransactionInterceptor, IDbConnectionInterceptor
{
    private StorageFailure? _failure;

    /// <summary>The current failure, or null while the store is writable as far as is known.</summary>
    public StorageFailure? Failure => Volatile.Read(ref _failure);

    /// <summary>
    /// Whether <paramref name="exception"/> (or one it wraps) says that the storage cannot be used at present: not a fault
    /// of the request, and one that passes when an operator frees space or makes the store writable or reachable again.
    /// SQLite: SQLITE_FULL, SQLITE_READONLY, SQLITE_IOERR, SQLITE_CANTOPEN. PostgreSQL: disk full (53100), out of memory
    /// (53200), a read-only transaction or standby (25006), an I/O error (58030), a server shutting down or starting
    /// (57P01-57P03), a broken connection (class 08), or a server that cannot be reached at all.
    /// </summary>
    public static bool IsUnavailable(Exception? exception) => Reason(exception) is not null;

    /// <summary>Records <paramref name="exception"/> when it is a storage failure; returns whether it was.</summary>
    public bool Observe(Exception? exception)
    {
        if (Reason(exception) is not { } reason)
        {
            return false;
        }

        // The first failure says since when; later ones while it lasts change nothing.
        Interlocked.CompareExchange(ref _failure, new StorageFailure(reason, clock.GetUtcNow()), null);
        return true;
    }

    /// <summary>Why the store cannot be used, fit to show an operator, or null when <paramref name="exception"/> is not about that.</summary>
    private static string? Reason(Exception? exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                // The primary result code (the low byte), whether or not the extended code was reported.
                case SqliteException sqlite when (sqlite.SqliteErrorCode & 0xFF) is 8 or 10 or 13 or 14:
                    return Describe(sqlite.SqliteErrorCode);
                case PostgresException postgres:
                    return Describe(postgres.SqlState);
                case NpgsqlException { InnerException: System.Net.Sockets.SocketException or IOException or TimeoutException }:
                    return "the database server cannot be reached";
            }
        }

        return null;
    }

    private static string? Describe(string sqlState) => sqlState switch
    {
        "53100" => "the database server's disk is full",
        "53200" => "the database server is out of memory",
        "25006" => "the database is read-only",
        "58030" => "the database server reported an I/O error",
        "57P01" or "57P02" or "57P03" => "the database server is shutting down or starting",
        _ when sqlState.StartsWith("08", StringComparison.Ordinal) => "the connection to the database server failed",
        _ => null,
    };

    /// <summary>Records that a write reached the disk.</summary>
    public void Writable() => Volatile.Write(ref _failure, null);

    /// <inheritdoc />
    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Failed(eventData.Exception);

    /// <inheritdoc />
    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed(eventData.Exception);
        return Task.CompletedTask;
    }

    void IDbTransactionInterceptor.TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Writable();

    Task IDbTransactionInterceptor.TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken)
    {
        Writable();
        return Task.CompletedTask;
    }

    void IDbTransactionInterceptor.TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Failed(eventData.Exception);

    Task IDbTransactionInterceptor.TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken)
    {
        Failed(eventData.Exception);
        return Task.CompletedTask;
    }

    // A connection that cannot be opened (the server is gone) fails before any command runs: counted in the telemetry
    // only; what marks the store unavailable stays the failures of commands and transactions.
    void IDbConnectionInterceptor.ConnectionFailed(DbConnection connection, ConnectionErrorEventData eventData) =>
        telemetry?.DatabaseFailed(unavailable: IsUnavailable(eventData.Exception));

    Task IDbConnectionInterceptor.ConnectionFailedAsync(DbConnection connection, ConnectionErrorEventData eventData, CancellationToken cancellationToken)
    {
        telemetry?.DatabaseFailed(unavailable: IsUnavailable(eventData.Exception));
        return Task.CompletedTask;
    }

    /// <summary>A failed command or transaction: counted in the telemetry, and recorded when the store is unavailable.</summary>
    private void Failed(Exception exception) => telemetry?.DatabaseFailed(unavailable: Observe(exception));

    private static string Describe(int code) => (code & 0xFF) switch
    {
        13 => "the disk is full",
        8 => "the database is read-only",
        14 => "the database file cannot be opened",
        _ => "the disk reported an I/O error",
    };
}

/// <summary>Why the store cannot be written, and since when.</summary>
/// <param name="Reason">Fit to show an operator, e.g. "the disk is full".</param>
/// <param name="Since">When it was first seen.</param>
public sealed record StorageFailure(string Reason, DateTimeOffset Since);
