using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tokens.Persistence;

/// <summary>Creates and migrates the store.</summary>
public static class TokenDatabase
{
    /// <summary>Applies pending migrations; for SQLite also switches the file to write-ahead logging and refreshes the planner's statistics.</summary>
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
        if (db.Database.IsSqlite())
        {
            // SQLite's planner picks an index by its statistics: without them it cannot tell that an owner's tokens are
            // few among a tenant's million and that one tenant holds them all. PRAGMA optimize gathers them where they are
            // missing or stale, reading at most about 1,000 rows of each index (analysis_limit), so start-up stays quick.
            await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002;", ct);
        }
    }
}
