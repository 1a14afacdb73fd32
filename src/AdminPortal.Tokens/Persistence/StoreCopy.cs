using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Options;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tokens.Persistence;

/// <summary>Rows per table, in the order the copy writes them.</summary>
/// <param name="Table">The table's name.</param>
/// <param name="Rows">How many rows it holds.</param>
public sealed record TableCount(string Table, long Rows);

/// <summary>
/// Copies a whole store (every table of the model: tenants, users, tokens and their scope rows, the audit log, the data-protection key ring)
/// into an empty one, such as an SQLite installation into a new PostgreSQL database. The source is read in one
/// transaction (a consistent snapshot) and the target written in one: either everything is copied and the row counts of
/// every table match, or nothing is. Values are copied as stored (instants as UTC ticks on both engines), so the copy is
/// exact.
/// </summary>
public static class StoreCopy
{
    private const int Batch = 2000;

    /// <summary>The target is refused: it already holds rows (named by table).</summary>
    public sealed class TargetNotEmptyException(string message) : Exception(message);

    /// <summary>The copy's counts differ from the source's (rolled back).</summary>
    public sealed class CountMismatchException(string message) : Exception(message);

    /// <summary>
    /// Migrates <paramref name="target"/> to the current schema, refuses it when any table has rows, copies every row of
    /// <paramref name="source"/> and checks the counts; returns the counts.
    /// </summary>
    public static async Task<IReadOnlyList<TableCount>> CopyAsync(
        IDbContextFactory<TokenDbContext> source, IDbContextFactory<TokenDbContext> target, Action<TableCount>? progress = null, CancellationToken ct = default)
    {
        await TokenDatabase.MigrateAsync(target, ct);
        await using (var check = await target.CreateDbContextAsync(ct))
        {
            var present = (await CountAsync(check, ct)).Where(c => c.Rows > 0).ToList();
            if (present.Count > 0)
            {
                throw new TargetNotEmptyException(
                    "The target database is not empty (" + string.Join(", ", present.Select(c => $"{c.Table}: {c.Rows} rows")) +
                    "). Copy into a new, empty database.");
            }
        }

        await using var from = await source.CreateDbContextAsync(ct);
        await using var read = await from.Database.BeginTransactionAsync(ct);
        await using var to = await target.CreateDbContextAsync(ct);
        to.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var write = await to.Database.BeginTransactionAsync(ct);

        // Parents before children (foreign keys): tenants, users, tokens, their scope rows; then the audit log and the key ring.
        await CopyTableAsync(from.Tenants.OrderBy(t => t.Id), to, ct);
        await CopyTableAsync(from.Users.OrderBy(u => u.Id), to, ct);
        await CopyTableAsync(from.Tokens.OrderBy(t => t.Id), to, ct);
        await CopyTableAsync(from.Set<TokenScope>().OrderBy(s => s.TokenId).ThenBy(s => s.Scope), to, ct);
        await CopyTableAsync(from.Audit.OrderBy(a => a.Id), to, ct);
        await CopyTableAsync(from.ProtectionKeys.OrderBy(k => k.Id), to, ct);
        if (to.Database.IsNpgsql())
        {
            // Rows came with their ids: the identity sequences continue after the highest.
            await to.Database.ExecuteSqlRawAsync(
                """SELECT setval(pg_get_serial_sequence('"AuditEntries"', 'Id'), COALESCE(MAX("Id"), 0) + 1, false) FROM "AuditEntries";""", ct);
            await to.Database.ExecuteSqlRawAsync(
                """SELECT setval(pg_get_serial_sequence('"DataProtectionKeys"', 'Id'), COALESCE(MAX("Id"), 0) + 1, false) FROM "DataProtectionKeys";""", ct);
        }

        var expected = await CountAsync(from, ct);
        var copied = await CountAsync(to, ct);
        if (!expected.SequenceEqual(copied))
        {
            throw new CountMismatchException(
                "The copy's row counts differ from the source's (" + string.Join(", ", expected.Zip(copied, (e, c) => $"{e.Table}: {e.Rows} -> {c.Rows}")) +
                "); nothing was copied. Stop every portal and command using the source and try again.");
        }

        await write.CommitAsync(ct);
        foreach (var count in copied)
        {
            progress?.Invoke(count);
        }

        return copied;
    }

    /// <summary>Rows per table of the model.</summary>
    public static async Task<IReadOnlyList<TableCount>> CountAsync(TokenDbContext db, CancellationToken ct = default) =>
    [
        new("Tenants", await db.Tenants.LongCountAsync(ct)),
        new("Users", await db.Users.LongCountAsync(ct)),
        new("Tokens", await db.Tokens.LongCountAsync(ct)),
        new("TokenScopes", await db.Set<TokenScope>().LongCountAsync(ct)),
        new("AuditEntries", await db.Audit.LongCountAsync(ct)),
        new(StoredKey.Table, await db.ProtectionKeys.LongCountAsync(ct)),
    ];

    /// <summary>A factory for the store that <paramref name="database"/> names (the copy's target or source).</summary>
    public static IDbContextFactory<TokenDbContext> ContextsFor(DatabaseOptions database, string contentRoot)
    {
        var options = new DbContextOptionsBuilder<TokenDbContext>();
        TokenDomainRegistration.UseStore(options, database, contentRoot);
        return new Factory(options.Options);
    }

    private static async Task CopyTableAsync<T>(IQueryable<T> rows, TokenDbContext to, CancellationToken ct)
        where T : class
    {
        var batch = new List<T>(Batch);
        await foreach (var row in rows.AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            batch.Add(row);
            if (batch.Count == Batch)
            {
                await SaveAsync(batch, to, ct);
            }
        }

        await SaveAsync(batch, to, ct);
    }

    private static async Task SaveAsync<T>(List<T> batch, TokenDbContext to, CancellationToken ct)
        where T : class
    {
        to.AddRange(batch);
        await to.SaveChangesAsync(ct);
        to.ChangeTracker.Clear();
        batch.Clear();
    }

    private sealed class Factory(DbContextOptions<TokenDbContext> options) : IDbContextFactory<TokenDbContext>
    {
        public TokenDbContext CreateDbContext() => new(options);
    }
}
