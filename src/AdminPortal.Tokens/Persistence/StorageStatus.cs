using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AdminPortal.Tokens.Persistence;

/// <summary>
/// Whether the store can be written: a command or commit that fails because the disk is full, the file or its folder is
/// read-only or the storage cannot be read or opened marks it unavailable; the next commit that succeeds marks it
/// available again. Sees every command of every context as an EF Core interceptor.
/// </summary>
public sealed class StorageStatus(TimeProvider clock) : DbCommandInterceptor, IDbTransactionInterceptor
{
    private StorageFailure? _failure;

    /// <summary>The current failure, or null while the store is writable as far as is known.</summary>
    public StorageFailure? Failure => Volatile.Read(ref _failure);

    /// <summary>
    /// Whether <paramref name="exception"/> (or one it wraps) says that the storage cannot be used at present (SQLite
    /// SQLITE_FULL, SQLITE_READONLY, SQLITE_IOERR, SQLITE_CANTOPEN): not a fault of the request, and one that passes when
    /// an operator frees space or makes the disk writable again.
    /// </summary>
    public static bool IsUnavailable(Exception? exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            // The primary result code (the low byte), whether or not the extended code was reported.
            if (ex is SqliteException sqlite && (sqlite.SqliteErrorCode & 0xFF) is 8 or 10 or 13 or 14)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Records <paramref name="exception"/> when it is a storage failure; returns whether it was.</summary>
    public bool Observe(Exception? exception)
    {
        if (!IsUnavailable(exception))
        {
            return false;
        }

        // The first failure says since when; later ones while it lasts change nothing.
        var reason = exception is SqliteException direct ? direct : FindSqlite(exception!);
        Interlocked.CompareExchange(ref _failure, new StorageFailure(Describe(reason?.SqliteErrorCode), clock.GetUtcNow()), null);
        return true;
    }

    /// <summary>Records that a write reached the disk.</summary>
    public void Writable() => Volatile.Write(ref _failure, null);

    /// <inheritdoc />
    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Observe(eventData.Exception);

    /// <inheritdoc />
    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Observe(eventData.Exception);
        return Task.CompletedTask;
    }

    void IDbTransactionInterceptor.TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Writable();

    Task IDbTransactionInterceptor.TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken)
    {
        Writable();
        return Task.CompletedTask;
    }

    void IDbTransactionInterceptor.TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Observe(eventData.Exception);

    Task IDbTransactionInterceptor.TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken)
    {
        Observe(eventData.Exception);
        return Task.CompletedTask;
    }

    private static SqliteException? FindSqlite(Exception exception)
    {
        for (var ex = exception.InnerException; ex is not null; ex = ex.InnerException)
        {
            if (ex is SqliteException sqlite)
            {
                return sqlite;
            }
        }

        return null;
    }

    private static string Describe(int? code) => (code & 0xFF) switch
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
