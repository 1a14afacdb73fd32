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
}
