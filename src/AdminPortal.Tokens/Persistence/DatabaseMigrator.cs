using AdminPortal.Tokens.Persistence.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AdminPortal.Tokens.Persistence;

/// <summary>
/// Migrates the store when the host starts, before it serves anything. On PostgreSQL it then logs how name keywords are
/// searched: by the <c>pg_trgm</c> index, or without it when the server refused the extension (<see cref="PostgresTokenNameSearch"/>).
/// </summary>
internal sealed partial class DatabaseMigrator(IDbContextFactory<TokenDbContext> contexts, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await TokenDatabase.MigrateAsync(contexts, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            if (await PostgresTokenNameSearch.IsIndexedAsync(db, cancellationToken))
            {
                LogTrigramIndex(logger);
            }
            else
            {
                LogNoTrigramIndex(logger);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(30, LogLevel.Information, "Name keywords of 3 characters or more are searched through the pg_trgm index on Tokens.NameKey.")]
    private static partial void LogTrigramIndex(ILogger logger);

    [LoggerMessage(31, LogLevel.Warning, "The pg_trgm extension could not be created in this database: name keywords are searched by reading every name of the tenant, which is slow with many tokens. To index them, as a user allowed to: CREATE EXTENSION pg_trgm; CREATE INDEX \"IX_Tokens_NameKey_TrigramGist\" ON \"Tokens\" USING gist (\"NameKey\" gist_trgm_ops(siglen=64));")]
    private static partial void LogNoTrigramIndex(ILogger logger);
}
