using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tokens.Persistence;

/// <summary>Creates and migrates the store.</summary>
public static class TokenDatabase
{
    /// <summary>Applies pending migrations; for SQLite also switches the file to write-ahead logging.</summary>
    public static async Task MigrateAsync(IDbContextFactory<TokenDbContext> contexts, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (db.Database.IsSqlite())
        {
            if (db.Database.GetDbConnection().DataSource is { Length: > 0 } path && Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
            {
                Directory.CreateDirectory(folder);
            }

            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }

        await db.Database.MigrateAsync(ct);
    }

    /// <summary>
    /// SQLite: gathers the planner's statistics where they are missing or stale (<see cref="SqliteStatistics"/> runs it
    /// after start and then every few hours). PostgreSQL keeps its own (autovacuum's ANALYZE); nothing to do there.
    /// </summary>
    public static async Task RefreshStatisticsAsync(IDbContextFactory<TokenDbContext> contexts, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (db.Database.IsSqlite())
        {
            // SQLite's planner picks an index by its statistics: without them it cannot tell that an owner's tokens are
            // few among a tenant's million and that one tenant holds them all. PRAGMA optimize gathers them where they are
            // missing or have grown stale, reading at most about 1,000 entries of each index (analysis_limit); it still
            // counts each such table's rows exactly, which takes 2 s at a million tokens and ten million audit entries.
            await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002;", ct);
        }
    }
}
