using AdminPortal.Tokens.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AdminPortal.Health;

/// <summary>
/// Readiness: the database can be written. While no write has failed this costs nothing; once one has (disk full,
/// read-only, a database server gone), each check tries a small real write (SQLite: it rewrites the file header's user
/// version with its own value; PostgreSQL: a transaction that takes a transaction id) so that the node reports ready
/// again, by itself, as soon as the database takes writes again.
/// </summary>
internal sealed class StorageHealthCheck(StorageStatus status, IDbContextFactory<TokenDbContext> contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (status.Failure is null)
        {
            return HealthCheckResult.Healthy("The database takes writes.");
        }

        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            if (db.Database.IsNpgsql())
            {
                // A transaction id is what any write needs first: refused on a read-only server or standby (25006), and
                // the commit is written to the server's log.
                await db.Database.ExecuteSqlRawAsync("SELECT txid_current()", cancellationToken);
            }
            else
            {
                var version = await db.Database.SqlQueryRaw<long>("SELECT user_version AS Value FROM pragma_user_version").SingleAsync(cancellationToken);
#pragma warning disable EF1002 // A number read from the database, not input.
                await db.Database.ExecuteSqlRawAsync($"PRAGMA user_version = {version}", cancellationToken);
#pragma warning restore EF1002
            }

            await tx.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (StorageStatus.IsUnavailable(ex))
        {
            // The interceptor has recorded it; fall through to report the failure.
        }

        return status.Failure is { } failure
            ? HealthCheckResult.Unhealthy($"The database cannot be written: {failure.Reason} (since {failure.Since:u}).")
            : HealthCheckResult.Healthy("The database takes writes again.");
    }
}
